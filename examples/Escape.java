import java.util.function.IntConsumer;

/**
 * A hostile program: it tries the usual ways out of a sandbox, one after the other, and reports
 * what happened. In a cell every attempt is refused with the JDK's own exception, the
 * supervisor keeps running, and `rexec run` lists the refusals after the program's output.
 */
public class Escape {
  interface Attempt {
    Object run() throws Exception;
  }

  static void attempt(String what, Attempt attempt) {
    try {
      Object result = attempt.run();
      System.out.println("returned " + what + ": " + result);
    } catch (Throwable refused) {
      System.out.println("refused  " + what + ": " + refused);
    }
  }

  public static void main(String[] args) {
    attempt("run a process", () -> Runtime.getRuntime().exec(new String[] {"id"}));
    attempt("read the host's files", () -> new java.io.FileInputStream("/etc/passwd").read());
    attempt("list the host's root", () -> java.util.Arrays.toString(new java.io.File("/").list()));
    attempt("load native code", () -> { System.loadLibrary("evil"); return null; });
    attempt("find a host class", () -> Class.forName("org.rexec.Cell"));
    attempt("reflect", () -> Escape.class.getDeclaredMethods().length);
    attempt("see the JVM's threads", () -> Thread.getAllStackTraces().size());
    attempt("read where the JDK lives", () -> System.getProperty("java.home"));
    attempt("change the JVM's locale", () -> {
      java.util.Locale.setDefault(java.util.Locale.CHINA);
      return null;
    });
    System.setProperty("user.name", "root");
    attempt("set a property (the cell's own copy)", () -> System.getProperty("user.name"));
    System.out.println("last: exit through a method reference; the JVM stays up");
    IntConsumer exit = System::exit;
    exit.accept(42);
  }
}
