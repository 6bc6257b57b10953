package hostprobe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;
import org.rexec.Cell;
import org.rexec.Policy;
import org.rexec.RunResult;

/**
 * The JDK finds service providers for a cell through the system class loader, the
 * supervisor's: a lookup the program starts with a name makes objects of the supervisor's
 * classes on the cell's thread. Lives outside {@code org.rexec}, as a supervisor's classes do.
 */
class JdkOnBehalfAttackTest {

  static final AtomicInteger PROVIDERS_MADE = new AtomicInteger();

  @Test
  @Disabled(
      "open: Charset.forName, String(byte[], String), Charset.isSupported and availableCharsets"
          + " of a name the JDK does not know run ServiceLoader over the system class loader,"
          + " which instantiates the supervisor's CharsetProviders (docs/THREAT-MODEL.md,"
          + " 'Service providers of the supervisor')")
  void anUnknownCharsetNameDoesNotInstantiateTheSupervisorsProvider() {
    int before = PROVIDERS_MADE.get();
    RunResult result;
    try (Cell cell = Cell.create(Policy.defaults())) {
      result =
          cell.run(
              cell.loadSource(
                  "Names.java",
                  """
                  public class Names {
                    public static void main(String[] args) throws Exception {
                      try {
                        java.nio.charset.Charset.forName("x-no-such-charset");
                      } catch (java.nio.charset.UnsupportedCharsetException e) {
                        System.out.println("unsupported");
                      }
                      System.out.println(java.nio.charset.Charset.isSupported("x-nor-this"));
                    }
                  }
                  """));
    }

    assertThat(result.stdout()).as(result.toString()).isEqualTo("unsupported\nfalse\n");
    assertThat(PROVIDERS_MADE.get() - before)
        .as("supervisor providers the JDK made for the cell")
        .isZero();
  }
}
