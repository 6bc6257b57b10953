package org.rexec.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Opcodes;
import org.rexec.runtime.Interposes;
import org.rexec.runtime.Shims;

/** Every shim stands in for a member the JDK really has: a typo would silently match nothing. */
class InterpositionsTest {

  @Test
  void everyInterposedMemberExistsInThisJdk() {
    assertThat(Interpositions.INSTANCE.interposedMembers()).hasSizeGreaterThan(20);
    Set<String> newer = newerThanThisJdk();
    for (Interpositions.Member member : Interpositions.INSTANCE.interposedMembers()) {
      if (member.owner().equals("java/lang/IO") && Runtime.version().feature() < 25) {
        continue; // java.lang.IO is new in Java 25
      }
      if (newer.contains(member.owner() + "." + member.name())) {
        continue; // declared as new in a later Java (Interposes.since)
      }
      TypeInfo owner =
          JdkTypes.find(member.owner()).orElseThrow(() -> new AssertionError(member.toString()));
      if (member.kind() == Interposes.Kind.STATIC_FIELD_GET) {
        assertThat(owner.declaresField(member.name(), member.descriptor())).as("%s", member).isTrue();
      } else {
        assertThat(owner.declaresMethod(member.name(), member.descriptor()))
            .as("%s", member)
            .isTrue();
      }
    }
  }

  /** {@code owner.name} of the members that shims declare newer than the running JDK. */
  private static Set<String> newerThanThisJdk() {
    Set<String> newer = new HashSet<>();
    for (Class<?> shimClass : Shims.CLASSES) {
      for (Method method : shimClass.getDeclaredMethods()) {
        Interposes interposes = method.getAnnotation(Interposes.class);
        if (interposes != null && interposes.since() > Runtime.version().feature()) {
          String name = interposes.member().isEmpty() ? method.getName() : interposes.member();
          newer.add(org.objectweb.asm.Type.getInternalName(interposes.owner()) + "." + name);
        }
      }
    }
    return newer;
  }

  @Test
  void aSubstituteOverridesEveryInterposedMethodOfItsClassThatASuperCallCouldReach() {
    // A super call from a subclass (or a dispatch bridge) to a substituted class's method is
    // left to the JVM, which lands in the substitute: it must stand in for every interposed one.
    for (Interpositions.Member member : Interpositions.INSTANCE.interposedMembers()) {
      boolean instance =
          member.kind() == Interposes.Kind.VIRTUAL_METHOD
              || member.kind() == Interposes.Kind.SPECIAL_METHOD;
      Class<?> substitute = Interpositions.INSTANCE.substituteClass(member.owner());
      if (!instance || substitute == null) {
        continue;
      }
      TypeInfo declaring = JdkTypes.find(member.owner()).orElseThrow();
      int access = declaring.methodAccess(member.name(), member.descriptor());
      if ((access & Opcodes.ACC_FINAL) != 0) {
        continue; // Not overridable, so never reached through a subclass's super call either.
      }
      TypeInfo overriding = JdkTypes.substitute(substitute).orElseThrow();
      assertThat(overriding.declaresMethod(member.name(), member.descriptor()))
          .as("%s overrides %s", substitute.getSimpleName(), member)
          .isTrue();
    }
  }

  @Test
  void systemExitIsInterposedAsAStaticCall() {
    Interpositions.Shim shim =
        Interpositions.INSTANCE.forMethod(
            Opcodes.INVOKESTATIC, "java/lang/System", "exit", "(I)V");

    assertThat(shim.descriptor()).isEqualTo("(ILorg/rexec/runtime/CellContext;)V");
  }

  @Test
  void aSuperCallUsesTheSpecialShimAndAVirtualCallTheVirtualOne() {
    Interpositions.Shim virtual =
        Interpositions.INSTANCE.forMethod(
            Opcodes.INVOKEVIRTUAL, "java/lang/Throwable", "printStackTrace", "()V");
    Interpositions.Shim special =
        Interpositions.INSTANCE.forMethod(
            Opcodes.INVOKESPECIAL, "java/lang/Throwable", "printStackTrace", "()V");

    assertThat(virtual.name()).isEqualTo("printStackTrace");
    assertThat(special.name()).isEqualTo("printStackTraceSpecial");
  }

  @Test
  void aStaticMethodIsNotInterposedForAVirtualCall() {
    assertThat(
            Interpositions.INSTANCE.forMethod(
                Opcodes.INVOKEVIRTUAL, "java/lang/System", "exit", "(I)V"))
        .isNull();
  }
}
