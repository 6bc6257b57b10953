package org.rexec.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Executable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default allow-list: every line names something real, and the dangerous stays out. */
class DefaultAllowListTest {

  /** The newest JDK the list is written for: on it, every name must exist. */
  private static final int NEWEST_JDK = 25;

  private static List<String> ruleLines() throws IOException {
    try (InputStream in =
        AllowList.class.getResourceAsStream("default-allow-list.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<String> rules = new ArrayList<>();
      for (String line : text.split("\n")) {
        int comment = line.indexOf(" #");
        String rule = (comment < 0 ? line : line.substring(0, comment)).strip();
        if (!rule.isEmpty() && !rule.startsWith("#")) {
          rules.add(rule.startsWith("-") ? rule.substring(1) : rule);
        }
      }
      return rules;
    }
  }

  @Test
  void everyLineNamesAClassOrMemberOfTheJdk() throws Exception {
    List<String> missing = new ArrayList<>();
    List<String> rules = ruleLines();
    for (String rule : rules) {
      int hash = rule.indexOf('#');
      String className = hash < 0 ? rule : rule.substring(0, hash);
      Class<?> type;
      try {
        type = Class.forName(className, false, ClassLoader.getPlatformClassLoader());
      } catch (ClassNotFoundException e) {
        missing.add(rule);
        continue;
      }
      if (hash >= 0 && !hasMember(type, rule.substring(hash + 1))) {
        missing.add(rule);
      }
    }
    assertThat(rules).hasSizeGreaterThan(400);
    if (Runtime.version().feature() >= NEWEST_JDK) {
      assertThat(missing).as("names that do not exist in JDK %s", NEWEST_JDK).isEmpty();
    } else {
      // Older JDKs lack some newer classes (ScopedValue, Gatherer, SequencedCollection...),
      // but every java.lang and java.util name of JDK 17 must be there.
      assertThat(missing).allSatisfy(rule -> assertThat(rule).matches(
          ".*(ScopedValue|Gatherer|Sequenced|ListFormat|threadId|isVirtual|MatchException"
              + "|WrongThreadException|SwitchBootstraps|Future\\$State|exceptionallyAsync"
              + "|exceptionallyComposeAsync|InstantSource|Enum\\$EnumDesc|ClassDesc|Thread#yield"
              + "|arrayType|componentType|descriptorString|ThreadPerTaskExecutor"
              + "|ForkJoinPool#close).*"));
    }
  }

  private static boolean hasMember(Class<?> type, String member) {
    int open = member.indexOf('(');
    String name = open < 0 ? member : member.substring(0, open);
    List<Executable> candidates = new ArrayList<>();
    if (name.equals("<init>")) {
      candidates.addAll(Arrays.asList(type.getDeclaredConstructors()));
    } else {
      Stream.of(type.getDeclaredMethods())
          .filter(method -> method.getName().equals(name))
          .forEach(candidates::add);
      if (open < 0 && Stream.of(type.getDeclaredFields()).anyMatch(f -> f.getName().equals(name))) {
        return true;
      }
    }
    if (open < 0) {
      return !candidates.isEmpty();
    }
    String parameters = member.substring(open + 1, member.length() - 1).replace(" ", "");
    return candidates.stream().anyMatch(candidate -> parameters.equals(javaParameters(candidate)));
  }

  private static String javaParameters(Executable executable) {
    StringBuilder text = new StringBuilder();
    for (Class<?> parameter : executable.getParameterTypes()) {
      if (text.length() > 0) {
        text.append(',');
      }
      text.append(parameter.isArray() ? parameter.getComponentType().getName() + "[]"
          : parameter.getName());
    }
    return text.toString();
  }

  @ParameterizedTest
  @CsvSource({
    "java/lang/ClassLoader",
    "java/lang/Module",
    "java/lang/ModuleLayer",
    "java/lang/StackWalker",
    "java/lang/reflect/Method",
    "java/lang/reflect/Field",
    "java/lang/reflect/Proxy",
    "java/lang/invoke/MethodHandles",
    "java/lang/invoke/MethodHandle",
    "java/lang/invoke/VarHandle",
    "java/io/ObjectInputStream",
    "java/io/Console",
    "sun/misc/Unsafe",
    "jdk/internal/misc/Unsafe",
    "java/lang/ref/Cleaner",
    "java/util/ServiceLoader",
    "java/util/ResourceBundle",
    "java/util/Timer",
    "java/util/concurrent/SubmissionPublisher",
    "java/util/concurrent/ForkJoinWorkerThread",
    "java/util/concurrent/atomic/AtomicIntegerFieldUpdater",
    "java/util/zip/ZipFile",
    "java/util/logging/LogManager",
    "java/util/logging/FileHandler",
    "java/util/logging/SocketHandler",
    "java/util/logging/MemoryHandler",
    "java/util/jar/JarFile",
    "java/util/jar/JarInputStream",
    "java/security/Security",
    "java/net/NetworkInterface",
    "java/net/ProxySelector",
    "java/net/Authenticator",
    "java/net/CookieHandler",
    "java/net/URLClassLoader",
    "java/net/MulticastSocket",
    "java/nio/channels/AsynchronousSocketChannel",
    "java/nio/channels/spi/SelectorProvider",
    "java/time/zone/ZoneRulesProvider",
  })
  void dangerousClassesAreNotReferenceable(String internalName) {
    assertThat(AllowList.defaults().allowsClass(internalName)).isFalse();
  }

  @ParameterizedTest
  @CsvSource({
    "java/lang/System, setSecurityManager, (Ljava/lang/SecurityManager;)V",
    "java/lang/Class, getDeclaredMethods, ()[Ljava/lang/reflect/Method;",
    "java/lang/Class, getClassLoader, ()Ljava/lang/ClassLoader;",
    "java/lang/Class, getResourceAsStream, (Ljava/lang/String;)Ljava/io/InputStream;",
    "java/lang/Thread, ofVirtual, ()Ljava/lang/Thread$Builder$OfVirtual;",
    "java/lang/Thread, ofPlatform, ()Ljava/lang/Thread$Builder$OfPlatform;",
    "java/lang/Thread, startVirtualThread, (Ljava/lang/Runnable;)Ljava/lang/Thread;",
    "java/util/concurrent/Executors, newVirtualThreadPerTaskExecutor, ()Ljava/util/concurrent/ExecutorService;",
    "java/util/concurrent/ForkJoinPool, <init>, (ILjava/util/concurrent/ForkJoinPool$ForkJoinWorkerThreadFactory;Ljava/lang/Thread$UncaughtExceptionHandler;Z)V",
    "java/util/concurrent/CompletableFuture, orTimeout, (JLjava/util/concurrent/TimeUnit;)Ljava/util/concurrent/CompletableFuture;",
    "java/lang/ThreadGroup, stop, ()V",
    "java/lang/ThreadGroup, suspend, ()V",
    "java/lang/ThreadGroup, resume, ()V",
    "java/util/logging/Logger, <init>, (Ljava/lang/String;Ljava/lang/String;)V",
    "java/util/logging/Logger, getLogger, (Ljava/lang/String;Ljava/lang/String;)Ljava/util/logging/Logger;",
    "java/util/logging/Level, <init>, (Ljava/lang/String;I)V",
    "java/lang/Thread, getContextClassLoader, ()Ljava/lang/ClassLoader;",
    "java/lang/Thread, setDefaultUncaughtExceptionHandler, (Ljava/lang/Thread$UncaughtExceptionHandler;)V",
    "java/lang/invoke/ConstantBootstraps, getStaticFinal, (Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;",
    "java/util/Locale, setDefault, (Ljava/util/Locale;)V",
    "java/util/TimeZone, setDefault, (Ljava/util/TimeZone;)V",
    "java/util/Arrays, parallelSort, ([I)V",
    "java/nio/ByteBuffer, allocateDirect, (I)Ljava/nio/ByteBuffer;",
    "java/net/URL, setURLStreamHandlerFactory, (Ljava/net/URLStreamHandlerFactory;)V",
    "java/net/HttpURLConnection, setFollowRedirects, (Z)V",
    "java/net/URLConnection, setDefaultUseCaches, (Z)V",
    "java/net/http/HttpClient$Builder, proxy, (Ljava/net/ProxySelector;)Ljava/net/http/HttpClient$Builder;",
    "java/net/http/HttpResponse$BodyHandlers, fromSubscriber, (Ljava/util/concurrent/Flow$Subscriber;)Ljava/net/http/HttpResponse$BodyHandler;",
    "java/net/http/HttpResponse$BodyHandlers, ofPublisher, ()Ljava/net/http/HttpResponse$BodyHandler;",
    "java/net/http/HttpResponse$BodyHandlers, buffering, (Ljava/net/http/HttpResponse$BodyHandler;I)Ljava/net/http/HttpResponse$BodyHandler;",
    "java/net/http/HttpRequest$BodyPublishers, ofInputStream, (Ljava/util/function/Supplier;)Ljava/net/http/HttpRequest$BodyPublisher;",
    "java/net/http/HttpRequest$BodyPublishers, fromPublisher, (Ljava/util/concurrent/Flow$Publisher;)Ljava/net/http/HttpRequest$BodyPublisher;",
  })
  void dangerousMembersAreRefused(String owner, String name, String descriptor) {
    assertThat(AllowList.defaults().allowsMember(owner, name, descriptor)).isFalse();
  }

  @Test
  void ordinaryMembersAreAllowed() {
    AllowList defaults = AllowList.defaults();
    assertThat(defaults.allowsMember("java/lang/String", "format",
        "(Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/String;")).isTrue();
    assertThat(defaults.allowsMember("java/util/Scanner", "<init>", "(Ljava/io/InputStream;)V"))
        .isTrue();
    assertThat(defaults.allowsMember("java/lang/invoke/LambdaMetafactory", "metafactory",
        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
            + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;"
            + "Ljava/lang/invoke/MethodType;)Ljava/lang/invoke/CallSite;")).isTrue();
  }
}
