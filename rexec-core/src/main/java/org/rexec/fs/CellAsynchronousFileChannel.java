package org.rexec.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/**
 * An asynchronous file channel whose operations complete at once, on the calling thread, over a
 * cell file channel: the JDK's implementation would run completion handlers (the cell's code) on
 * threads of a JVM-wide pool. The specification allows a handler to run on the initiating
 * thread when the operation completes immediately.
 */
final class CellAsynchronousFileChannel extends AsynchronousFileChannel {

  private final FileChannel channel;

  CellAsynchronousFileChannel(FileChannel channel) {
    this.channel = channel;
  }

  @Override
  public long size() throws IOException {
    return channel.size();
  }

  @Override
  public AsynchronousFileChannel truncate(long size) throws IOException {
    channel.truncate(size);
    return this;
  }

  @Override
  public void force(boolean metaData) throws IOException {
    channel.force(metaData);
  }

  @Override
  public <A> void lock(
      long position,
      long size,
      boolean shared,
      A attachment,
      CompletionHandler<FileLock, ? super A> handler) {
    complete(() -> channel.lock(position, size, shared), attachment, handler);
  }

  @Override
  public Future<FileLock> lock(long position, long size, boolean shared) {
    return future(() -> channel.lock(position, size, shared));
  }

  @Override
  public FileLock tryLock(long position, long size, boolean shared) throws IOException {
    return channel.tryLock(position, size, shared);
  }

  @Override
  public <A> void read(
      ByteBuffer destination,
      long position,
      A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    complete(() -> channel.read(destination, position), attachment, handler);
  }

  @Override
  public Future<Integer> read(ByteBuffer destination, long position) {
    return future(() -> channel.read(destination, position));
  }

  @Override
  public <A> void write(
      ByteBuffer source,
      long position,
      A attachment,
      CompletionHandler<Integer, ? super A> handler) {
    complete(() -> channel.write(source, position), attachment, handler);
  }

  @Override
  public Future<Integer> write(ByteBuffer source, long position) {
    return future(() -> channel.write(source, position));
  }

  @Override
  public boolean isOpen() {
    return channel.isOpen();
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** An I/O operation. */
  private interface Operation<V> {
    V run() throws IOException;
  }

  private static <V> Future<V> future(Operation<V> operation) {
    CompletableFuture<V> future = new CompletableFuture<>();
    try {
      future.complete(operation.run());
    } catch (IOException | RuntimeException failure) {
      future.completeExceptionally(failure);
    }
    return future;
  }

  private static <V, A> void complete(
      Operation<V> operation, A attachment, CompletionHandler<V, ? super A> handler) {
    V result;
    try {
      result = operation.run();
    } catch (IOException | RuntimeException failure) {
      handler.failed(failure, attachment);
      return;
    }
    handler.completed(result, attachment);
  }

  /** As {@code Object.toString()} names it on a plain JVM (see {@link VisibleClasses}). */
  @Override
  public String toString() {
    return VisibleClasses.toString(this);
  }
}
