package org.rexec.cell;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.rexec.bug.RexecBugException;

/** Makes cell threads from a hidden copy of {@link ThreadBody}. */
final class HiddenThreadBody {

  // Static because a hidden class is defined once per JVM and is immutable.
  private static final MethodHandle CONSTRUCTOR = defineHidden();

  private HiddenThreadBody() {}

  /**
   * A new, unstarted thread that calls {@code entry} (of type {@code ()void}) and then tells
   * {@code end}.
   *
   * @param group the cell's root group (named {@code main}, as the java launcher's, so that a
   *     thread's {@code toString()} shows nothing of the supervisor's own groups)
   * @param stackSize the stack size to ask for, 0 for the JVM's default
   */
  static Thread create(
      ThreadGroup group, String name, long stackSize, MethodHandle entry, ThreadEnd end) {
    Thread thread;
    try {
      thread = (Thread) CONSTRUCTOR.invoke(group, name, stackSize, entry, end);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new RexecBugException("the thread body constructor threw", impossible);
    }
    // As the java launcher's main thread, whatever the supervisor's thread is: a program's
    // threads inherit both, and the run waits for those that are not daemons.
    thread.setDaemon(false);
    thread.setPriority(Thread.NORM_PRIORITY);
    return thread;
  }

  private static MethodHandle defineHidden() {
    try (InputStream in = ThreadBody.class.getResourceAsStream("ThreadBody.class")) {
      if (in == null) {
        throw new RexecBugException("ThreadBody.class is missing from rexec's jar");
      }
      MethodHandles.Lookup hidden =
          MethodHandles.lookup().defineHiddenClass(in.readAllBytes(), true);
      return hidden.findConstructor(
          hidden.lookupClass(),
          MethodType.methodType(
              void.class,
              ThreadGroup.class,
              String.class,
              long.class,
              MethodHandle.class,
              ThreadEnd.class));
    } catch (IOException | ReflectiveOperationException e) {
      throw new RexecBugException("cannot define the hidden thread body", e);
    }
  }
}
