import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Custom exceptions, finally, try-with-resources, suppressed exceptions and chaining. */
public class Exceptions {

  static class ValidationException extends Exception {
    private final String field;

    ValidationException(String field, String message) {
      super(field + ": " + message);
      this.field = field;
    }

    String field() {
      return field;
    }
  }

  static class ServiceException extends RuntimeException {
    ServiceException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static class Resource implements AutoCloseable {
    private final String name;
    private final boolean failOnClose;
    private final List<String> log;

    Resource(String name, boolean failOnClose, List<String> log) {
      this.name = name;
      this.failOnClose = failOnClose;
      this.log = log;
      log.add("open " + name);
    }

    void use(boolean fail) {
      log.add("use " + name);
      if (fail) {
        throw new IllegalStateException("failure while using " + name);
      }
    }

    @Override
    public void close() {
      log.add("close " + name);
      if (failOnClose) {
        throw new IllegalArgumentException("failure while closing " + name);
      }
    }
  }

  static int parseAge(String text) throws ValidationException {
    try {
      int age = Integer.parseInt(text);
      if (age < 0) {
        throw new ValidationException("age", "must not be negative, was " + age);
      }
      return age;
    } catch (NumberFormatException e) {
      ValidationException wrapped = new ValidationException("age", "not a number");
      wrapped.initCause(e);
      throw wrapped;
    }
  }

  static String order(List<String> log) {
    try {
      log.add("try");
      return "returned from try";
    } finally {
      log.add("finally runs before the caller sees the value");
    }
  }

  @SuppressWarnings("finally")
  static int finallyOverrides() {
    try {
      throw new IllegalStateException("lost");
    } finally {
      return -1;
    }
  }

  static void loadConfiguration(String name) {
    try {
      throw new IOException("cannot read " + name);
    } catch (IOException e) {
      throw new UncheckedIOException("configuration unavailable", e);
    }
  }

  static void service() {
    try {
      loadConfiguration("app.conf");
    } catch (UncheckedIOException e) {
      throw new ServiceException("service failed to start", e);
    }
  }

  static int depth(int n) {
    if (n == 0) {
      throw new ArithmeticException("bottom reached");
    }
    return depth(n - 1) + 1;
  }

  public static void main(String[] args) {
    for (String input : new String[] {"42", "-7", "forty"}) {
      try {
        System.out.println("age " + parseAge(input));
      } catch (ValidationException e) {
        System.out.println("invalid " + e.field() + " -> " + e.getMessage()
            + (e.getCause() == null ? "" : " (cause: " + e.getCause() + ")"));
      } finally {
        System.out.println("checked " + input);
      }
    }

    List<String> log = new ArrayList<>();
    System.out.println(order(log) + " " + log);
    System.out.println("finally overrides: " + finallyOverrides());

    log.clear();
    try (Resource first = new Resource("first", false, log);
        Resource second = new Resource("second", true, log);
        Resource third = new Resource("third", true, log)) {
      first.use(false);
      third.use(true);
    } catch (IllegalStateException e) {
      System.out.println("caught " + e.getMessage());
      for (Throwable suppressed : e.getSuppressed()) {
        System.out.println("  suppressed " + suppressed.getClass().getName() + ": "
            + suppressed.getMessage());
      }
    }
    System.out.println("resource log: " + log);

    log.clear();
    try (Resource only = new Resource("only", true, log)) {
      only.use(false);
    } catch (IllegalArgumentException e) {
      System.out.println("close failure alone: " + e.getMessage() + ", suppressed "
          + e.getSuppressed().length);
    }

    try {
      service();
    } catch (ServiceException e) {
      int level = 0;
      for (Throwable current = e; current != null; current = current.getCause()) {
        System.out.println("  ".repeat(level++) + current.getClass().getSimpleName() + ": "
            + current.getMessage());
      }
    }

    try {
      Object text = "a string";
      Integer number = (Integer) text;
      System.out.println(number);
    } catch (ClassCastException | NullPointerException e) {
      System.out.println("multi-catch: " + e.getMessage());
    }
    try {
      int[] values = new int[2];
      values[2] = 1;
    } catch (ArrayIndexOutOfBoundsException e) {
      System.out.println("index: " + e.getMessage());
    }
    try {
      String missing = null;
      System.out.println(missing.length());
    } catch (NullPointerException e) {
      System.out.println("helpful message: " + e.getMessage());
    }
    try {
      System.out.println(10 / (args.length));
    } catch (ArithmeticException e) {
      System.out.println("arithmetic: " + e.getMessage());
    }
    try {
      depth(50);
    } catch (ArithmeticException e) {
      System.out.println("deep exception: " + e.getMessage() + ", frames at least 50: "
          + (e.getStackTrace().length >= 50) + ", top frame: " + e.getStackTrace()[0].getMethodName());
    }
    Throwable manual = new Exception("outer", new Error("inner"));
    manual.addSuppressed(new RuntimeException("extra"));
    System.out.println(manual + " / cause " + manual.getCause() + " / suppressed "
        + manual.getSuppressed()[0]);
    try {
      throw new AssertionError("assertion as error");
    } catch (Error e) {
      System.out.println("caught error: " + e);
    }
    try {
      List.of(1).get(5);
    } catch (IndexOutOfBoundsException e) {
      System.out.println("list index: " + e.getClass().getSimpleName());
    }
  }
}
