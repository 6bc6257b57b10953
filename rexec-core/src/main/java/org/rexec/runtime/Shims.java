package org.rexec.runtime;

import java.util.List;

/** The classes whose {@link Interposes}-annotated methods are the cell's shims. */
public final class Shims {

  private Shims() {}

  /** Every shim class; the rewriter reads their annotations once. */
  public static final List<Class<?>> CLASSES =
      List.of(
          SystemShim.class,
          RuntimeShim.class,
          ThrowableShim.class,
          PropertyReaderShim.class,
          ClassShim.class,
          ConsoleIoShim.class,
          StreamSupportShim.class,
          NioShim.class,
          FileShim.class,
          FileConstructorShim.class,
          ProcessShim.class,
          NetShim.class,
          UrlShim.class,
          HttpClientShim.class,
          ExecutorsShim.class,
          AsyncShim.class,
          BlockingShim.class,
          ParallelShim.class,
          MonitorShim.class,
          SizedShim.class,
          SizedStreamShim.class,
          RegexShim.class,
          BigNumberShim.class,
          IdentityShim.class,
          ThreadGroupShim.class,
          CompressorStreams.class,
          LoggingShim.class,
          ParallelArraysShim.class);

  /** The classes that stand in for JDK classes cell code creates or extends. */
  public static final List<Class<?>> SUBSTITUTES =
      List.of(
          CellFileInputStream.class,
          CellFileOutputStream.class,
          CellRandomAccessFile.class,
          CellFileReader.class,
          CellFileWriter.class,
          CellFile.class,
          CellSocket.class,
          CellServerSocket.class,
          CellDatagramSocket.class,
          CellThread.class,
          CellThreadPoolExecutor.class,
          CellScheduledThreadPoolExecutor.class,
          CellForkJoinPool.class,
          CellDeflater.class,
          CellInflater.class,
          CellErrorManager.class,
          CellHandler.class,
          CellStreamHandler.class,
          CellConsoleHandler.class);
}
