/** Ends with System.exit(3): nothing after the call runs, not even finally blocks. */
public class ExitCode {

  static int countdown(int from) {
    int steps = 0;
    for (int i = from; i > 0; i--) {
      System.out.println("countdown " + i);
      steps++;
    }
    return steps;
  }

  public static void main(String[] args) {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println("shutdown hook ran")));
    int steps = countdown(3);
    System.out.println("done after " + steps + " steps, exiting with 3");
    System.err.println("about to exit");
    try {
      System.exit(3);
    } catch (Throwable swallowed) {
      System.out.println("exit was caught: " + swallowed);
    } finally {
      System.out.println("finally after exit");
    }
    System.out.println("after exit");
  }
}
