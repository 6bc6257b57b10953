package org.rexec;

import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Makes cell threads from a hidden copy of {@link ThreadBody}. */
final class HiddenThreadBody {

  // Static because a hidden class is defined once per JVM and is immutable.
  private static final MethodHandle CONSTRUCTOR = defineHidden();

  private HiddenThreadBody() {}

  /**
   * A new, unstarted thread that calls {@code entry} (of type {@code ()void}) and then tells
   * {@code end}.
   *
   * @param stackSize the stack size to ask for, 0 for the JVM's default
   */
  static Thread create(String name, long stackSize, MethodHandle entry, ThreadEnd end) {
    try {
      return (Thread) CONSTRUCTOR.invoke(name, stackSize, entry, end);
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable impossible) {
      throw new IllegalStateException("the thread body constructor threw", impossible);
    }
  }

  private static MethodHandle defineHidden() {
    try (InputStream in = ThreadBody.class.getResourceAsStream("ThreadBody.class")) {
      if (in == null) {
        throw new IllegalStateException("ThreadBody.class is missing from rexec's jar");
      }
      MethodHandles.Lookup hidden =
          MethodHandles.lookup().defineHiddenClass(in.readAllBytes(), true);
      return hidden.findConstructor(
          hidden.lookupClass(),
          MethodType.methodType(
              void.class, String.class, long.class, MethodHandle.class, ThreadEnd.class));
    } catch (IOException | ReflectiveOperationException e) {
      throw new IllegalStateException("cannot define the hidden thread body", e);
    }
  }
}
