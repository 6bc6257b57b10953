package org.rexec;

import org.rexec.cell.CellParentLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.objectweb.asm.Opcodes;
import org.rexec.runtime.CellContext;

/**
 * The supervisor's operations of a cell are not in the package a cell can link against: {@link
 * CellContext} has no public method that changes the cell, and its control lives where a cell's
 * loader cannot see it. The rewriter already refuses every reference to rexec's classes; these
 * tests hold without it.
 */
class CellControlBoundaryTest {

  /**
   * Every public method CellContext may have: what rewritten classes call, and questions that
   * change nothing. A new public method fails here until it is judged safe for cells to see.
   */
  private static final Set<String> READ_ONLY =
      Set.of(
          "create", // a new, unattached cell; hands its control to the creator only
          "of",
          "loopGuard",
          "limits",
          "bytesRead",
          "bytesWritten",
          "isStopped",
          "stopped",
          "isActive",
          "isRunning",
          "exitRequest");

  private static final Set<String> SUPERVISOR_OPERATIONS =
      Set.of(
          "beginRun",
          "endRun",
          "releaseRun",
          "stop",
          "stopOnLimitError",
          "interruptThreads",
          "takeShutdownHooks",
          "files",
          "threads",
          "threadGroups",
          "compressors");

  @Test
  void cellContextHasNoPublicMethodThatChangesTheCell() {
    Set<String> publicMethods =
        Arrays.stream(CellContext.class.getMethods())
            .filter(method -> method.getDeclaringClass() == CellContext.class)
            .map(Method::getName)
            .collect(Collectors.toCollection(TreeSet::new));

    assertThat(publicMethods).doesNotContainAnyElementsOf(SUPERVISOR_OPERATIONS);
    assertThat(READ_ONLY).containsAll(publicMethods);
  }

  /**
   * The run's threads, thread groups and compressors are runtime classes a shim may hold; what
   * only the supervisor does to them is reached through the control, not a public method.
   */
  @ParameterizedTest
  @CsvSource({
    "org.rexec.runtime.CellThreads, adopt ended shutDownPools usage live peak beginRun interruptAll",
    "org.rexec.runtime.CellThreadGroups, close root",
    "org.rexec.runtime.NativeCompressors, close",
  })
  void theRunsResourcesHaveNoPublicSupervisorOperation(String className, String operations)
      throws Exception {
    Set<String> publicMethods =
        Arrays.stream(Class.forName(className).getMethods())
            .map(Method::getName)
            .collect(Collectors.toSet());

    assertThat(publicMethods).doesNotContainAnyElementsOf(Set.of(operations.split(" ")));
  }

  @Test
  void cellContextHasNoPublicConstructor() {
    assertThat(CellContext.class.getConstructors()).isEmpty();
  }

  @Test
  void theControlIsAPrivateClassOfTheRuntime() throws Exception {
    // The runtime package is visible to cells, so its implementation of the control must be
    // out of their reach: private, and handed to nobody but the cell's creator.
    Class<?> control = Class.forName("org.rexec.runtime.CellContext$Control");

    assertThat(Modifier.isPrivate(control.getModifiers())).isTrue();
    assertThat(control.getInterfaces())
        .containsExactly(org.rexec.runtime.control.CellControl.class);
  }

  @Test
  void theControlPackageIsInvisibleToACellsLoader() throws Exception {
    CellParentLoader parent = new CellParentLoader();

    assertThat(parent.loadClass("org.rexec.runtime.CellContext")).isSameAs(CellContext.class);
    assertThatThrownBy(() -> parent.loadClass("org.rexec.runtime.control.CellControl"))
        .isInstanceOf(ClassNotFoundException.class);
  }

  /**
   * Bytecode that calls a supervisor's operation on CellContext, defined by a loader that sees
   * what a cell's loader sees but does not rewrite (as if the rewriter let the reference
   * through): the JVM refuses to link the call.
   */
  @ParameterizedTest
  @CsvSource({
    "endRun, ()V",
    "releaseRun, ()V",
    "interruptThreads, ()V",
    "stop, (Lorg/rexec/runtime/StopReason;Ljava/lang/String;)Lorg/rexec/runtime/CellTermination;",
    "beginRun, (Ljava/io/InputStream;Ljava/io/PrintStream;Ljava/io/PrintStream;)V",
    "takeShutdownHooks, ()Ljava/util/List;",
    "files, ()Lorg/rexec/fs/CellFiles;",
    "threads, ()Lorg/rexec/runtime/CellThreads;",
  })
  void unrewrittenBytecodeCannotLinkToASupervisorOperation(String name, String descriptor)
      throws Exception {
    int arguments = org.objectweb.asm.Type.getArgumentTypes(descriptor).length;
    byte[] probe =
        Programs.mainClass(
            "ControlProbe",
            main -> {
              main.visitInsn(Opcodes.ACONST_NULL);
              for (int i = 0; i < arguments; i++) {
                main.visitInsn(Opcodes.ACONST_NULL);
              }
              main.visitMethodInsn(
                  Opcodes.INVOKEVIRTUAL, "org/rexec/runtime/CellContext", name, descriptor, false);
              main.visitInsn(Opcodes.RETURN);
            });
    Class<?> probeClass = new Unrewritten(probe).loadClass("ControlProbe");
    Method main = probeClass.getMethod("main", String[].class);

    // Linked, the call would throw a NullPointerException (the receiver is null).
    assertThatThrownBy(() -> main.invoke(null, (Object) new String[0]))
        .isInstanceOf(InvocationTargetException.class)
        .cause()
        .isInstanceOf(IllegalAccessError.class)
        .hasMessageContaining(name);
  }

  /** Defines one class, unrewritten, over the parent every cell's loader has. */
  private static final class Unrewritten extends ClassLoader {
    private final byte[] bytes;

    Unrewritten(byte[] bytes) {
      super(new CellParentLoader());
      this.bytes = bytes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
      if (!name.equals("ControlProbe")) {
        throw new ClassNotFoundException(name);
      }
      return defineClass(name, bytes, 0, bytes.length);
    }
  }
}
