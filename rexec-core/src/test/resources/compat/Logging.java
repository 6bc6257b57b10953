import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** java.util.logging as programs use it: levels, handlers, the hierarchy, the console. */
public class Logging {

  /** A formatter without the time, so that runs compare. */
  static final class Plain extends Formatter {
    @Override
    public String format(LogRecord record) {
      return "[" + record.getLevel() + "] " + record.getLoggerName() + ": "
          + formatMessage(record) + "\n";
    }
  }

  /** Collects what reaches it. */
  static final class Collecting extends Handler {
    final List<String> seen = new ArrayList<>();

    @Override
    public void publish(LogRecord record) {
      if (isLoggable(record)) {
        seen.add(record.getLevel() + " " + record.getMessage());
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  /** Logging to standard output. */
  static final class StdoutHandler extends StreamHandler {
    StdoutHandler() {
      super(System.out, new Plain());
    }

    @Override
    public synchronized void publish(LogRecord record) {
      super.publish(record);
      flush();
    }
  }

  public static void main(String[] args) throws Exception {
    Logger root = Logger.getLogger("");
    System.out.println("root level " + root.getLevel() + " handlers " + root.getHandlers().length
        + " " + (root.getHandlers()[0] instanceof ConsoleHandler) + " parent " + root.getParent());
    root.getHandlers()[0].setFormatter(new Plain());

    Logger app = Logger.getLogger("app");
    Logger db = Logger.getLogger("app.db.pool");
    System.out.println("db parent " + db.getParent().getName());
    Logger middle = Logger.getLogger("app.db");
    System.out.println("db parent now " + db.getParent().getName() + ", middle parent "
        + middle.getParent().getName() + ", same " + (Logger.getLogger("app.db") == middle));

    app.info("to stderr through the root's console handler");
    app.fine("not shown: the root's level is INFO");
    app.setLevel(Level.FINE);
    app.fine("still not shown: the console handler's level is INFO");
    root.getHandlers()[0].setLevel(Level.ALL);
    db.fine("shown now, {0} and {1}".replace("{0}", "a").replace("{1}", "b"));
    db.log(Level.WARNING, "with a parameter: {0}", 42);

    Collecting collecting = new Collecting();
    middle.addHandler(collecting);
    middle.setUseParentHandlers(false);
    db.warning("collected, not printed");
    db.finest("below FINE: dropped");
    System.out.println("collected " + collecting.seen);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    StreamHandler stream = new StreamHandler(bytes, new Plain());
    Logger own = Logger.getLogger("own");
    own.setUseParentHandlers(false);
    own.addHandler(stream);
    own.severe("into a byte array");
    stream.flush();
    System.out.print("stream: " + bytes);

    Logger console = Logger.getLogger("console");
    console.setUseParentHandlers(false);
    console.addHandler(new StdoutHandler());
    console.info("to stdout");

    Logger.getGlobal().info("global logger, named " + Logger.getGlobal().getName());
    Logger anonymous = Logger.getAnonymousLogger();
    anonymous.warning("anonymous, parent " + anonymous.getParent().getName().isEmpty());
    System.out.println("levels " + Level.parse("WARNING") + " " + Level.parse("800")
        + " " + app.isLoggable(Level.FINE) + " " + db.isLoggable(Level.FINER));
    try {
      db.log(Level.INFO, "thrown", new IllegalStateException("logged"));
    } finally {
      System.out.println("done");
    }
  }
}
