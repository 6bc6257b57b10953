package org.rexec.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Type;
import org.rexec.jdk.CompressingStreams.JdkField;

/**
 * Every member, field and class that a table of {@code org.rexec.jdk} names exists, exactly so,
 * in the JDK this test runs on: a typo or a JDK that dropped a member would otherwise match
 * nothing, silently. A member newer than this JDK must say so ({@link JdkMember#since()}), and
 * then must be absent here. Run on the oldest and the newest JDK rexec supports.
 */
class JdkCatalogueTest {

  private static final int FEATURE = Runtime.version().feature();

  @Test
  void everySizedCallExists() {
    assertThat(problems(SizedCalls.all().stream().map(SizedCalls.SizedCall::member).toList()))
        .isEmpty();
  }

  @Test
  void everyFormatCallExists() {
    assertThat(problems(FormatCalls.all())).isEmpty();
  }

  @Test
  void everyFormatCallTakesTheFormatJustBelowTheArguments() {
    for (JdkMember call : FormatCalls.all()) {
      Type[] arguments = Type.getArgumentTypes(call.descriptor());
      assertThat(arguments[arguments.length - 1].getDescriptor())
          .as("%s", call)
          .isEqualTo("[Ljava/lang/Object;");
      // String.formatted: the receiver is the format.
      String below =
          arguments.length == 1 ? "L" + call.owner() + ";" : arguments[arguments.length - 2].getDescriptor();
      assertThat(below).as("%s", call).isEqualTo("Ljava/lang/String;");
    }
  }

  @Test
  void everyClassNamedExists() {
    List<String> classes = new ArrayList<>();
    classes.addAll(LeafClasses.CLASSES);
    classes.addAll(RandomStreams.SOURCES);
    classes.addAll(BootstrapClasses.CLASSES);
    classes.addAll(CompressingStreams.STREAMS);
    assertThat(classes.stream().map(JdkCatalogueTest::classProblem).flatMap(Optional::stream))
        .isEmpty();
  }

  @Test
  void everyRandomSourceHasAStreamMethod() throws Exception {
    for (String source : RandomStreams.SOURCES) {
      boolean streams = false;
      for (Method method : jdkClass(source).getMethods()) {
        streams |= RandomStreams.STREAM_TYPES.contains(Type.getDescriptor(method.getReturnType()));
      }
      assertThat(streams).as("%s returns a primitive stream", source).isTrue();
    }
  }

  @Test
  void everyUnderlyingStreamFieldExistsAndEveryCompressingStreamHasOne() throws Exception {
    for (JdkField field : CompressingStreams.UNDERLYING) {
      Field declared = jdkClass(field.owner()).getDeclaredField(field.name());
      assertThat(Type.getDescriptor(declared.getType())).as("%s", field).isEqualTo(field.descriptor());
    }
    for (String stream : CompressingStreams.STREAMS) {
      Class<?> type = jdkClass(stream);
      assertThat(
              CompressingStreams.UNDERLYING.stream()
                  .anyMatch(field -> isSubclass(type, field.owner())))
          .as("%s extends a filter stream", stream)
          .isTrue();
    }
  }

  @Test
  void everyOwnerNamedLiesInAJdkPackage() {
    List<String> owners = new ArrayList<>();
    SizedCalls.all().forEach(call -> owners.add(call.member().owner()));
    FormatCalls.all().forEach(call -> owners.add(call.owner()));
    owners.addAll(LeafClasses.CLASSES);
    owners.addAll(RandomStreams.SOURCES);
    owners.addAll(BootstrapClasses.CLASSES);
    owners.addAll(CompressingStreams.STREAMS);
    assertThat(owners).allMatch(JdkPackages::isJdkClass);
    assertThat(JdkPackages.isJdkClass("org/example/Main")).isFalse();
  }

  // The checks must be able to fail: the same methods, fed entries that are wrong.

  @Test
  void aMemberTheJdkLacksIsReportedByName() {
    JdkMember bogus = JdkMember.of("java/util/ArrayList", "<init>", "(J)V");
    assertThat(problem(bogus)).hasValueSatisfying(text -> assertThat(text).contains(
        "java/util/ArrayList.<init>(J)V").contains("not in this JDK"));
    JdkMember typo = JdkMember.of("java/util/Arrays", "copyOf", "([II)[J");
    assertThat(problems(List.of(JdkMember.of("java/util/Arrays", "copyOf", "([II)[I"), typo)))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("java/util/Arrays.copyOf([II)[J");
    assertThat(classProblem("java/util/NoSuchList")).isPresent();
  }

  @Test
  void aMemberOlderThanItsSinceIsReported() {
    JdkMember claimsNewer = new JdkMember("java/util/ArrayList", "<init>", "(I)V", FEATURE + 1);
    assertThat(problem(claimsNewer)).hasValueSatisfying(text -> assertThat(text)
        .contains("java/util/ArrayList.<init>(I)V").contains("since"));
  }

  @Test
  void inheritedMethodsResolveAsTheJvmResolvesThem() {
    // StringBuilder inherits ensureCapacity from a non-public superclass.
    assertThat(problem(JdkMember.of("java/lang/StringBuilder", "ensureCapacity", "(I)V")))
        .isEmpty();
    // Constructors are never inherited.
    assertThat(problem(JdkMember.of("java/util/LinkedHashSet", "<init>", "(IFZ)V"))).isPresent();
  }

  /** What is wrong with each entry, one line each; empty if nothing. */
  static List<String> problems(Collection<JdkMember> members) {
    return members.stream().map(JdkCatalogueTest::problem).flatMap(Optional::stream).toList();
  }

  /**
   * What is wrong with {@code member} in this JDK: absent though this JDK is as new as its
   * {@code since}, or present though it claims to be newer.
   */
  static Optional<String> problem(JdkMember member) {
    boolean resolves;
    try {
      resolves = resolves(jdkClass(member.owner()), member.name(), member.descriptor());
    } catch (ClassNotFoundException absent) {
      resolves = false;
    }
    if (FEATURE >= member.since() && !resolves) {
      return Optional.of(member + ": not in this JDK (Java " + FEATURE + ")");
    }
    if (FEATURE < member.since() && resolves) {
      return Optional.of(member + ": in this JDK (Java " + FEATURE + "), older than its since");
    }
    return Optional.empty();
  }

  private static Optional<String> classProblem(String internalName) {
    try {
      jdkClass(internalName);
      return Optional.empty();
    } catch (ClassNotFoundException absent) {
      return Optional.of(internalName + ": no such class in this JDK (Java " + FEATURE + ")");
    }
  }

  /**
   * Whether a call naming {@code owner} resolves to a method or constructor with that name and
   * descriptor: a constructor of the class itself; a method of the class, a superclass or a
   * superinterface (JVMS 5.4.3.3 and 5.4.3.4).
   */
  private static boolean resolves(Class<?> owner, String name, String descriptor) {
    if (name.equals("<init>")) {
      for (Constructor<?> constructor : owner.getDeclaredConstructors()) {
        if (Type.getConstructorDescriptor(constructor).equals(descriptor)) {
          return true;
        }
      }
      return false;
    }
    for (Method method : owner.getDeclaredMethods()) {
      if (method.getName().equals(name) && Type.getMethodDescriptor(method).equals(descriptor)) {
        return true;
      }
    }
    if (owner.getSuperclass() != null && resolves(owner.getSuperclass(), name, descriptor)) {
      return true;
    }
    for (Class<?> superinterface : owner.getInterfaces()) {
      if (resolves(superinterface, name, descriptor)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isSubclass(Class<?> type, String internalName) {
    for (Class<?> at = type; at != null; at = at.getSuperclass()) {
      if (Type.getInternalName(at).equals(internalName)) {
        return true;
      }
    }
    return false;
  }

  private static Class<?> jdkClass(String internalName) throws ClassNotFoundException {
    return Class.forName(
        internalName.replace('/', '.'), false, ClassLoader.getPlatformClassLoader());
  }
}
