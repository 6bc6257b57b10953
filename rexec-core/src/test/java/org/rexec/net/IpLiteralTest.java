package org.rexec.net;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rexec.network.DnsLookups;

/**
 * {@link IpLiteral} reads a host text as an address exactly when the JDK does without a lookup.
 * Every text it accepts is checked against {@code InetAddress.getByName} (same address, and
 * the JVM's resolver never asked); the texts it refuses are names, checked before any lookup.
 */
class IpLiteralTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "127.0.0.1        | 127.0.0.1",
        "127.1            | 127.0.0.1",
        "1.2.3            | 1.2.0.3",
        "4294967295       | 255.255.255.255",
        "0                | 0.0.0.0",
        "010.1.1.1        | 10.1.1.1",
        "1.2.3.04         | 1.2.3.4",
        "0177.0.0.1       | 177.0.0.1",
        "::1              | 0:0:0:0:0:0:0:1",
        "[::1]            | 0:0:0:0:0:0:0:1",
        "a::1             | a:0:0:0:0:0:0:1",
        "::ffff:1.2.3.4   | 1.2.3.4",
        "[::ffff:1.2.3.4] | 1.2.3.4",
        "::1.2.3.4        | 0:0:0:0:0:0:102:304",
        "fe80::1%1        | fe80:0:0:0:0:0:0:1%1",
        "FE80::A:b        | fe80:0:0:0:0:0:a:b",
        "1:2:3:4:5:6:7:8  | 1:2:3:4:5:6:7:8",
      })
  void literalsAreTheJdksAddresses(String text, String canonical) throws Exception {
    IpLiteral literal = IpLiteral.parse(text).orElseThrow();

    assertThat(literal.canonical()).isEqualTo(canonical);
    assertSameAsJdk(text, literal);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1.2.3.4.5", // five parts: the JDK asks the resolver
        "1:2", // an invalid IPv6 address
        "zz:1", // a name with a colon
        "example.com:80",
        "[::1]:80",
        "0x7f.1", // hexadecimal: the BSD form the JDK calls ambiguous
        "0x7f000001",
        "4294967296", // over 32 bits
        "1.2.3.256",
        "1.2.3.4.",
        ".1.2.3",
        " 1.2.3.4",
        "1.2.3.4 ",
        "1.2.3.4%1", // a zone on an IPv4 address
        "[1.2.3.4]", // brackets hold IPv6 only
        "::ffff:1.2.3.4%1",
        "::1%lo", // a zone naming an interface: left to be a name
        "fe80::1%",
        "[::1",
        "::1]",
        "[]",
        "1e1",
        "localhost",
        "\u0661\u0662\u0667.0.0.1", // Arabic-Indic digits
        "1.2.3.4\u0000",
        "1:2:3:4:5:6:7:8:9",
        "1::2::3",
        "12345::1",
        "",
      })
  void everythingElseIsAName(String text) {
    assertThat(IpLiteral.parse(text)).isEmpty();
  }

  @Test
  void nullIsNotALiteral() {
    assertThat(IpLiteral.parse(null)).isEmpty();
  }

  /**
   * Random texts near the grammar, compared with the JDK: what the parser accepts the JDK
   * parses to the same address without a lookup; on JDK 22 and later, what it refuses
   * {@code InetAddress.ofLiteral} refuses too (the JDK's literal parser; it differs from
   * {@code getAllByName} only on interface zones, which the alphabet cannot spell).
   */
  @Test
  void agreesWithTheJdkOnRandomTexts() throws Exception {
    Random random = new Random(20250917L);
    Optional<Method> ofLiteral = ofLiteral();
    int literals = 0;
    for (int i = 0; i < 40_000; i++) {
      String text = i % 2 == 0 ? structured(random) : noise(random);
      Optional<IpLiteral> parsed = IpLiteral.parse(text);
      if (parsed.isPresent()) {
        literals++;
        assertSameAsJdk(text, parsed.get());
      } else if (ofLiteral.isPresent()) {
        assertThatThrownBy(() -> invoke(ofLiteral.get(), text))
            .as("the JDK reads %s as a literal", text)
            .isInstanceOf(IllegalArgumentException.class);
      }
    }
    assertThat(literals).as("texts that were literals").isGreaterThan(5_000);
  }

  private static void assertSameAsJdk(String text, IpLiteral literal) throws Exception {
    InetAddress jdk = InetAddress.getByName(text);
    assertThat(DnsLookups.wasLookedUp(text)).as("%s was looked up", text).isFalse();
    assertThat(literal.toInetAddress()).as(text).isEqualTo(jdk);
    assertThat(literal.bytes()).as(text).isEqualTo(jdk.getAddress());
    assertThat(literal.canonical()).as(text).isEqualTo(jdk.getHostAddress());
    if (jdk instanceof Inet6Address) {
      assertThat(((Inet6Address) literal.toInetAddress()).getScopeId())
          .as(text)
          .isEqualTo(((Inet6Address) jdk).getScopeId());
    }
  }

  /** Parts of addresses joined as the grammars join them, sometimes a little wrong. */
  private static String structured(Random random) {
    StringBuilder text = new StringBuilder();
    boolean v6 = random.nextBoolean();
    if (v6 && random.nextInt(5) == 0) {
      text.append('[');
    }
    int parts = 1 + random.nextInt(v6 ? 9 : 5);
    for (int part = 0; part < parts; part++) {
      if (part > 0) {
        text.append(v6 ? (random.nextInt(6) == 0 ? "::" : ":") : ".");
      }
      if (v6 && random.nextInt(8) == 0) {
        continue; // an empty group
      }
      text.append(
          v6
              ? Integer.toHexString(random.nextInt(random.nextBoolean() ? 0x10 : 0x1ffff))
              : Long.toString(random.nextInt(4) == 0 ? random.nextInt(1 << 20) : random.nextInt(300)));
    }
    if (v6 && random.nextInt(4) == 0) {
      text.append(":").append(random.nextInt(256)).append('.').append(random.nextInt(256))
          .append('.').append(random.nextInt(256)).append('.').append(random.nextInt(300));
    }
    if (v6 && random.nextInt(6) == 0) {
      text.append('%').append(random.nextInt(3));
    }
    if (text.length() > 0 && text.charAt(0) == '[' && random.nextInt(4) != 0) {
      text.append(']');
    }
    return text.toString();
  }

  /** Short texts of the characters that matter. */
  private static String noise(Random random) {
    String alphabet = "0123456789abcdefABCDEFx.:%[]";
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(12);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }

  private static Optional<Method> ofLiteral() {
    try {
      return Optional.of(InetAddress.class.getMethod("ofLiteral", String.class));
    } catch (NoSuchMethodException beforeJava22) {
      return Optional.empty();
    }
  }

  private static Object invoke(Method method, String text) throws Throwable {
    try {
      return method.invoke(null, text);
    } catch (InvocationTargetException thrown) {
      throw thrown.getCause();
    }
  }
}
