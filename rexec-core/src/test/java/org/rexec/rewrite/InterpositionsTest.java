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
