package hostprobe;

import java.nio.charset.Charset;
import java.nio.charset.spi.CharsetProvider;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A charset provider on the supervisor's class path, as a host application might have one: the
 * JDK's charset lookup instantiates it through the system class loader, whoever asks.
 */
public final class HostCharsetProvider extends CharsetProvider {

  /** How many times the JDK made one; kept by the test class, so reading it runs nothing here. */
  static final AtomicInteger MADE = JdkOnBehalfAttackTest.PROVIDERS_MADE;

  public HostCharsetProvider() {
    MADE.incrementAndGet();
  }

  @Override
  public Iterator<Charset> charsets() {
    return List.<Charset>of().iterator();
  }

  @Override
  public Charset charsetForName(String name) {
    return null;
  }
}
