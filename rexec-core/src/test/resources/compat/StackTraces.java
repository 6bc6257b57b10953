import java.util.ArrayList;
import java.util.List;

/**
 * printStackTrace() of every shape the JDK prints: causes and suppressed exceptions (nested),
 * frames in common ("... n more"), cycles, overridden toString and getMessage, no frames, and
 * frames made by hand.
 */
public class StackTraces {

  static class Detailed extends RuntimeException {
    private final int code;

    Detailed(int code, Throwable cause) {
      super(cause);
      this.code = code;
    }

    @Override
    public String getMessage() {
      return "code " + code;
    }
  }

  static class Named extends Exception {
    @Override
    public String toString() {
      return "a named exception\nover two lines";
    }
  }

  static class Silent extends Exception {
    @Override
    public String toString() {
      return null;
    }
  }

  static void fail(int depth) {
    if (depth == 0) {
      throw new IllegalStateException("at the bottom");
    }
    fail(depth - 1);
  }

  static RuntimeException wrapped() {
    try {
      fail(3);
      return null;
    } catch (IllegalStateException e) {
      return new RuntimeException("wrapped", e);
    }
  }

  public static void main(String[] args) {
    wrapped().printStackTrace();

    RuntimeException withSuppressed = new RuntimeException("with suppressed");
    Exception first = new Exception("first suppressed", new Error("cause of the first"));
    first.addSuppressed(new IllegalArgumentException("suppressed in a suppressed one"));
    withSuppressed.addSuppressed(first);
    withSuppressed.addSuppressed(new UnsupportedOperationException());
    withSuppressed.initCause(wrapped());
    withSuppressed.printStackTrace();

    Exception a = new Exception("a");
    Exception b = new Exception("b", a);
    a.initCause(b);
    a.printStackTrace();

    RuntimeException self = new RuntimeException("suppresses its cause");
    Error cause = new Error("the cause");
    self.initCause(cause);
    cause.addSuppressed(self);
    self.printStackTrace();

    new Detailed(7, new Named()).printStackTrace();
    new RuntimeException(new Silent()).printStackTrace();

    RuntimeException bare = new RuntimeException("no frames");
    bare.setStackTrace(new StackTraceElement[0]);
    bare.printStackTrace();

    RuntimeException handMade = new RuntimeException("hand-made frames");
    handMade.setStackTrace(new StackTraceElement[] {
      new StackTraceElement("com.example.Main", "run", "Main.java", 12),
      new StackTraceElement("app", "com.example", "1.0", "com.example.Lib", "call", null, -1),
      new StackTraceElement("com.example.Native", "poke", null, -2),
    });
    handMade.printStackTrace();

    List<Throwable> many = new ArrayList<>();
    Exception collector = new Exception("collector");
    for (int i = 0; i < 3; i++) {
      Exception each = new Exception("number " + i);
      many.add(each);
      collector.addSuppressed(each);
    }
    collector.addSuppressed(many.get(1));
    collector.printStackTrace();
    System.out.println("done");
  }
}
