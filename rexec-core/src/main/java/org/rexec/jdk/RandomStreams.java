package org.rexec.jdk;

import java.util.Set;

/**
 * The JDK's sources of endless streams of random numbers ({@code Random.ints()} and its kin):
 * a call on one of these classes that returns a primitive stream returns one. The rewriter plants
 * the walk guard on the stream the program gets, which checks the cell at every element, so that
 * a JDK walk of it ({@code new Random().ints().sum()}), which calls no code of the cell's, stops
 * with the cell.
 */
public final class RandomStreams {

  /** Internal names of the classes and interfaces whose stream methods are random. */
  public static final Set<String> SOURCES =
      Set.of(
          "java/util/Random",
          "java/security/SecureRandom",
          "java/util/SplittableRandom",
          "java/util/concurrent/ThreadLocalRandom",
          "java/util/random/RandomGenerator",
          "java/util/random/RandomGenerator$StreamableGenerator",
          "java/util/random/RandomGenerator$SplittableGenerator",
          "java/util/random/RandomGenerator$JumpableGenerator",
          "java/util/random/RandomGenerator$LeapableGenerator",
          "java/util/random/RandomGenerator$ArbitrarilyJumpableGenerator");

  /** Descriptors of the stream types those methods return. */
  public static final Set<String> STREAM_TYPES =
      Set.of(
          "Ljava/util/stream/IntStream;",
          "Ljava/util/stream/LongStream;",
          "Ljava/util/stream/DoubleStream;");

  private RandomStreams() {}

  /**
   * Whether a call naming {@code owner} whose return type has descriptor {@code returnType}
   * returns a stream of random numbers.
   */
  public static boolean isRandomStream(String owner, String returnType) {
    return SOURCES.contains(owner) && STREAM_TYPES.contains(returnType);
  }
}
