package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The asynchronous methods of {@code CompletableFuture} and {@code CompletionStage} that use
 * the JDK's default executor, the JVM's common pool: they use the cell's common pool instead.
 */
public final class AsyncShim {

  private AsyncShim() {}

  private static Executor pool(CellContext cell) {
    return cell.threads().commonPool();
  }

  @Interposes(owner = CompletableFuture.class, kind = STATIC_METHOD)
  public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier, CellContext cell) {
    return CompletableFuture.supplyAsync(supplier, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = STATIC_METHOD)
  public static CompletableFuture<Void> runAsync(Runnable runnable, CellContext cell) {
    return CompletableFuture.runAsync(runnable, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<T> completeAsync(
      CompletableFuture<T> future, Supplier<? extends T> supplier, CellContext cell) {
    return future.completeAsync(supplier, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletableFuture<U> thenApplyAsync(
      CompletableFuture<T> stage, java.util.function.Function<? super T, ? extends U> fn, CellContext cell) {
    return stage.thenApplyAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<Void> thenAcceptAsync(
      CompletableFuture<T> stage, java.util.function.Consumer<? super T> action, CellContext cell) {
    return stage.thenAcceptAsync(action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<Void> thenRunAsync(
      CompletableFuture<T> stage, Runnable action, CellContext cell) {
    return stage.thenRunAsync(action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U, V> CompletableFuture<V> thenCombineAsync(
      CompletableFuture<T> stage, CompletionStage<? extends U> other, java.util.function.BiFunction<? super T, ? super U, ? extends V> fn, CellContext cell) {
    return stage.thenCombineAsync(other, fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletableFuture<Void> thenAcceptBothAsync(
      CompletableFuture<T> stage, CompletionStage<? extends U> other, java.util.function.BiConsumer<? super T, ? super U> action, CellContext cell) {
    return stage.thenAcceptBothAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<Void> runAfterBothAsync(
      CompletableFuture<T> stage, CompletionStage<?> other, Runnable action, CellContext cell) {
    return stage.runAfterBothAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletableFuture<U> applyToEitherAsync(
      CompletableFuture<T> stage, CompletionStage<? extends T> other, java.util.function.Function<? super T, U> fn, CellContext cell) {
    return stage.applyToEitherAsync(other, fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<Void> acceptEitherAsync(
      CompletableFuture<T> stage, CompletionStage<? extends T> other, java.util.function.Consumer<? super T> action, CellContext cell) {
    return stage.acceptEitherAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<Void> runAfterEitherAsync(
      CompletableFuture<T> stage, CompletionStage<?> other, Runnable action, CellContext cell) {
    return stage.runAfterEitherAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletableFuture<U> thenComposeAsync(
      CompletableFuture<T> stage, java.util.function.Function<? super T, ? extends CompletionStage<U>> fn, CellContext cell) {
    return stage.thenComposeAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletableFuture<U> handleAsync(
      CompletableFuture<T> stage, java.util.function.BiFunction<? super T, Throwable, ? extends U> fn, CellContext cell) {
    return stage.handleAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<T> whenCompleteAsync(
      CompletableFuture<T> stage, java.util.function.BiConsumer<? super T, ? super Throwable> action, CellContext cell) {
    return stage.whenCompleteAsync(action, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<T> exceptionallyAsync(
      CompletableFuture<T> stage, java.util.function.Function<Throwable, ? extends T> fn, CellContext cell) {
    return stage.exceptionallyAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletableFuture.class, kind = VIRTUAL_METHOD)
  public static <T> CompletableFuture<T> exceptionallyComposeAsync(
      CompletableFuture<T> stage, java.util.function.Function<Throwable, ? extends CompletionStage<T>> fn, CellContext cell) {
    return stage.exceptionallyComposeAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletionStage<U> thenApplyAsync(
      CompletionStage<T> stage, java.util.function.Function<? super T, ? extends U> fn, CellContext cell) {
    return stage.thenApplyAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<Void> thenAcceptAsync(
      CompletionStage<T> stage, java.util.function.Consumer<? super T> action, CellContext cell) {
    return stage.thenAcceptAsync(action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<Void> thenRunAsync(
      CompletionStage<T> stage, Runnable action, CellContext cell) {
    return stage.thenRunAsync(action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U, V> CompletionStage<V> thenCombineAsync(
      CompletionStage<T> stage, CompletionStage<? extends U> other, java.util.function.BiFunction<? super T, ? super U, ? extends V> fn, CellContext cell) {
    return stage.thenCombineAsync(other, fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletionStage<Void> thenAcceptBothAsync(
      CompletionStage<T> stage, CompletionStage<? extends U> other, java.util.function.BiConsumer<? super T, ? super U> action, CellContext cell) {
    return stage.thenAcceptBothAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<Void> runAfterBothAsync(
      CompletionStage<T> stage, CompletionStage<?> other, Runnable action, CellContext cell) {
    return stage.runAfterBothAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletionStage<U> applyToEitherAsync(
      CompletionStage<T> stage, CompletionStage<? extends T> other, java.util.function.Function<? super T, U> fn, CellContext cell) {
    return stage.applyToEitherAsync(other, fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<Void> acceptEitherAsync(
      CompletionStage<T> stage, CompletionStage<? extends T> other, java.util.function.Consumer<? super T> action, CellContext cell) {
    return stage.acceptEitherAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<Void> runAfterEitherAsync(
      CompletionStage<T> stage, CompletionStage<?> other, Runnable action, CellContext cell) {
    return stage.runAfterEitherAsync(other, action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletionStage<U> thenComposeAsync(
      CompletionStage<T> stage, java.util.function.Function<? super T, ? extends CompletionStage<U>> fn, CellContext cell) {
    return stage.thenComposeAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T, U> CompletionStage<U> handleAsync(
      CompletionStage<T> stage, java.util.function.BiFunction<? super T, Throwable, ? extends U> fn, CellContext cell) {
    return stage.handleAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<T> whenCompleteAsync(
      CompletionStage<T> stage, java.util.function.BiConsumer<? super T, ? super Throwable> action, CellContext cell) {
    return stage.whenCompleteAsync(action, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<T> exceptionallyAsync(
      CompletionStage<T> stage, java.util.function.Function<Throwable, ? extends T> fn, CellContext cell) {
    return stage.exceptionallyAsync(fn, pool(cell));
  }

  @Interposes(owner = CompletionStage.class, kind = VIRTUAL_METHOD)
  public static <T> CompletionStage<T> exceptionallyComposeAsync(
      CompletionStage<T> stage, java.util.function.Function<Throwable, ? extends CompletionStage<T>> fn, CellContext cell) {
    return stage.exceptionallyComposeAsync(fn, pool(cell));
  }
}
