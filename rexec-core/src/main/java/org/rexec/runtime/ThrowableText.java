package org.rexec.runtime;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import org.rexec.fs.StackTraces;
import org.rexec.text.BoundedText;

/**
 * Describes a thrown object as {@code Throwable.printStackTrace} prints it, within bounds: at
 * most {@value #MAX_THROWABLES} throwables (the exception, its causes and suppressed ones), at
 * most {@value #MAX_FRAMES} frames of each, header lines of at most {@value #MAX_MESSAGE_LENGTH}
 * characters and frame lines of at most {@value #MAX_LINE_LENGTH}, and
 * {@value #MAX_TRACE_LENGTH} characters in all; what is cut is said in the text. Every place
 * where rexec turns a cell's throwable into text (the run's result, the uncaught-exception
 * printing of every cell thread, the cell's own {@code printStackTrace()}) uses this class.
 *
 * <p>The methods it calls on a throwable ({@code toString}, {@code getMessage}, {@code
 * getCause}, {@code getStackTrace}) may be the cell's own code. It is called only on a thread
 * of the cell, so that code runs restricted and inside the run's limits: a loop in it ends at
 * the run's time limit, a block in it is interrupted by the stop. Each call is made on its own,
 * and whatever it throws (an exception, a stack overflow, the cell's exit or stop) ends only
 * that call: this class never throws, its walk is iterative (a chain of any depth cannot
 * overflow the stack) and it remembers what it has described (a cycle is printed once), so
 * describing a failure can never fail in turn. Once the run is no longer running (it exited or
 * was stopped, also by a call made here), it calls no more cell code and ends the text.
 *
 * <p>Frames of rexec's own classes are left out, as they are from every exception rexec throws
 * into cell code. Apart from the bounds, the text is the JDK's for every throwable whose class
 * does not override {@code getStackTrace} (the JDK reads its private copy instead).
 */
public final class ThrowableText {

  /** Characters of a whole description, at most, the note saying it was cut included. */
  public static final int MAX_TRACE_LENGTH = 100_000;

  /** Characters of a message, or of the header line of a throwable, at most. */
  public static final int MAX_MESSAGE_LENGTH = 10_000;

  /** Characters of one frame line, at most. */
  public static final int MAX_LINE_LENGTH = 1_000;

  /** Throwables described, at most: the exception, its causes and suppressed exceptions. */
  public static final int MAX_THROWABLES = 100;

  /** Frames described of each throwable, at most (the JVM records 1,024 by default). */
  public static final int MAX_FRAMES = 1_024;

  /** Room kept at the end of a description for the note that ends it. */
  private static final int NOTE_ROOM = 200;

  private static final String CAUSE_CAPTION = "Caused by: ";
  private static final String SUPPRESSED_CAPTION = "Suppressed: ";
  private static final StackTraceElement[] NO_FRAMES = new StackTraceElement[0];
  private static final Throwable[] NO_THROWABLES = new Throwable[0];

  private ThrowableText() {}

  /**
   * The binary name of the class of {@code thrown}, cut to {@value #MAX_LINE_LENGTH} characters;
   * calls no cell code.
   */
  public static String type(Throwable thrown) {
    return BoundedText.cut(thrown.getClass().getName(), MAX_LINE_LENGTH);
  }

  /**
   * {@code thrown.getMessage()}, cut to {@value #MAX_MESSAGE_LENGTH} characters, or {@code null};
   * if it throws, a note saying so. Call only on a thread of {@code cell}.
   */
  public static String message(Throwable thrown, CellContext cell) {
    Describer describer = new Describer(cell);
    Object message = describer.call(Method.GET_MESSAGE, thrown);
    return describer.failure != null
        ? describer.failure
        : BoundedText.cut((String) message, MAX_MESSAGE_LENGTH);
  }

  /**
   * The stack trace of {@code thrown} as {@code printStackTrace} prints it, each line ended by
   * the line separator, within the bounds above. Call only on a thread of {@code cell}.
   */
  public static String trace(Throwable thrown, CellContext cell) {
    Describer describer = new Describer(cell);
    describer.describe(thrown);
    return describer.out.toString();
  }

  /**
   * The methods called on a throwable, any of which a cell's class may override. Not lambdas:
   * this code may run at the edge of a cell thread's stack, where linking a call site could
   * fail for the whole JVM.
   */
  private enum Method {
    TO_STRING("toString()") {
      @Override
      Object call(Throwable thrown) {
        return thrown.toString();
      }
    },
    GET_MESSAGE("getMessage()") {
      @Override
      Object call(Throwable thrown) {
        return thrown.getMessage();
      }
    },
    GET_CAUSE("getCause()") {
      @Override
      Object call(Throwable thrown) {
        return thrown.getCause();
      }
    },
    GET_STACK_TRACE("getStackTrace()") {
      @Override
      Object call(Throwable thrown) {
        return thrown.getStackTrace();
      }
    },
    GET_SUPPRESSED("getSuppressed()") {
      @Override
      Object call(Throwable thrown) {
        return thrown.getSuppressed();
      }
    };

    final String title;

    Method(String title) {
      this.title = title;
    }

    abstract Object call(Throwable thrown);
  }

  /** One throwable waiting to be described, as the JDK's recursion would reach it. */
  private static final class Pending {
    final Throwable thrown;
    final StackTraceElement[] enclosingTrace;
    final String caption;
    final String prefix;

    Pending(Throwable thrown, StackTraceElement[] enclosingTrace, String caption, String prefix) {
      this.thrown = thrown;
      this.enclosingTrace = enclosingTrace;
      this.caption = caption;
      this.prefix = prefix;
    }
  }

  /** One description: the text so far, and what has been described (the JDK's "deja vu"). */
  private static final class Describer {
    private final CellContext cell;
    private final StringBuilder out = new StringBuilder();
    private final Map<Throwable, String> headers = new IdentityHashMap<>();
    private final String newline = System.lineSeparator();
    private boolean ended;
    private boolean runEnded;
    private String failure;
    private long unlisted;

    Describer(CellContext cell) {
      this.cell = cell;
    }

    void describe(Throwable top) {
      Deque<Pending> pending = new ArrayDeque<>();
      pending.push(new Pending(top, NO_FRAMES, "", ""));
      while (!pending.isEmpty() && !ended && !runEnded) {
        Pending next = pending.pop();
        Throwable thrown = next.thrown;
        if (headers.containsKey(thrown)) {
          line(next.prefix + next.caption + "[CIRCULAR REFERENCE: " + headers.get(thrown) + "]");
          continue;
        }
        if (headers.size() == MAX_THROWABLES) {
          end(next.prefix + "... (more causes or suppressed exceptions not shown: at most "
              + MAX_THROWABLES + " are described)");
          return;
        }
        line(next.prefix + next.caption + header(thrown));
        if (runEnded) {
          break;
        }
        StackTraceElement[] trace = frames(thrown, next.prefix);
        int unique = trace.length - framesInCommon(trace, next.enclosingTrace);
        int shown = Math.min(unique, MAX_FRAMES);
        for (int i = 0; i < shown && !ended; i++) {
          line(next.prefix + "\tat " + frameText(trace[i]));
        }
        if (shown < unique) {
          line(next.prefix + "\t... (" + (unique - shown) + " more frames not shown)");
        }
        if (unique < trace.length) {
          line(next.prefix + "\t... " + (trace.length - unique) + " more");
        }
        // Pushed in reverse, so that suppressed ones come out first, in order, then the cause.
        Throwable cause = (Throwable) call(Method.GET_CAUSE, thrown);
        if (cause != null) {
          pending.push(new Pending(cause, trace, CAUSE_CAPTION, next.prefix));
        }
        Throwable[] suppressed = (Throwable[]) call(Method.GET_SUPPRESSED, thrown);
        if (suppressed == null) {
          suppressed = NO_THROWABLES;
        }
        // No more can be described than the room left (one more, to say so when it comes).
        int listed = Math.min(suppressed.length, MAX_THROWABLES - headers.size() + 1);
        unlisted += suppressed.length - listed;
        for (int i = listed - 1; i >= 0; i--) {
          pending.push(new Pending(suppressed[i], trace, SUPPRESSED_CAPTION, next.prefix + "\t"));
        }
      }
      if (runEnded) {
        end("... (the rest is not described: the run ended)");
      } else if (unlisted > 0) {
        end("... (" + unlisted + " more suppressed exceptions not shown)");
      }
    }

    /** {@code toString()}, once per throwable, cut; a note if it throws. */
    private String header(Throwable thrown) {
      Object text = call(Method.TO_STRING, thrown);
      String header =
          failure != null || runEnded
              ? type(thrown) + (failure != null ? " " + failure : "")
              : BoundedText.cut(String.valueOf(text), MAX_MESSAGE_LENGTH);
      failure = null;
      headers.put(thrown, header);
      return header;
    }

    /** The frames of {@code thrown} without rexec's own; none if it cannot say. */
    private StackTraceElement[] frames(Throwable thrown, String prefix) {
      StackTraceElement[] frames = (StackTraceElement[]) call(Method.GET_STACK_TRACE, thrown);
      if (failure != null) {
        line(prefix + "\t" + failure);
        failure = null;
      }
      return frames == null ? NO_FRAMES : StackTraces.withoutOwnFrames(frames);
    }

    /** As the JDK counts frames shared with the enclosing trace, comparing at most a bound. */
    private static int framesInCommon(StackTraceElement[] trace, StackTraceElement[] enclosing) {
      int m = trace.length - 1;
      int n = enclosing.length - 1;
      int common = 0;
      while (m >= 0 && n >= 0 && common < MAX_FRAMES && trace[m].equals(enclosing[n])) {
        m--;
        n--;
        common++;
      }
      return common;
    }

    /** The frame as the JDK prints it, or cut; never builds a string of a crafted frame's size. */
    private static String frameText(StackTraceElement frame) {
      long size =
          length(frame.getClassName())
              + length(frame.getMethodName())
              + length(frame.getFileName())
              + length(frame.getModuleName())
              + length(frame.getModuleVersion())
              + length(frame.getClassLoaderName());
      if (size <= MAX_LINE_LENGTH) {
        return frame.toString();
      }
      int part = MAX_LINE_LENGTH / 4;
      return BoundedText.cut(frame.getClassName(), part)
          + "."
          + BoundedText.cut(frame.getMethodName(), part)
          + "("
          + BoundedText.cut(String.valueOf(frame.getFileName()), part)
          + ":"
          + frame.getLineNumber()
          + ")";
    }

    private static long length(String text) {
      return text == null ? 0 : text.length();
    }

    /**
     * Calls a method that may be the cell's own, unless the run is over. Returns its result, or
     * {@code null} if it threw, leaving a note in {@link #failure}; whatever it threw, nothing
     * escapes.
     */
    Object call(Method method, Throwable thrown) {
      failure = null;
      if (runEnded || !cell.isRunning()) {
        runEnded = true;
        return null;
      }
      try {
        return method.call(thrown);
      } catch (CellTermination stopped) {
        runEnded = true;
        return null;
      } catch (Throwable failed) {
        // Thrown by the described object's own code: it ends only this call.
        failure = "[" + method.title + " threw " + type(failed) + "]";
        runEnded = !cell.isRunning();
        return null;
      }
    }

    /** Appends a line, or ends the text if the line would pass the bound. */
    private void line(String text) {
      if (ended) {
        return;
      }
      if (out.length() + text.length() + newline.length() > MAX_TRACE_LENGTH - NOTE_ROOM) {
        end("... (the rest is not described: it would pass " + MAX_TRACE_LENGTH + " characters)");
        return;
      }
      out.append(text).append(newline);
    }

    private void end(String note) {
      if (!ended) {
        out.append(note).append(newline);
        ended = true;
      }
    }
  }
}
