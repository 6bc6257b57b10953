package kernels;

/**
 * Tight floating-point loops: the Mandelbrot set on a {@code size} x {@code size} grid over
 * {@code [-1.5, 0.5] x [-1, 1]}, 50 iterations per point, packed eight pixels to a byte as a
 * bitmap is. The checksum is a hash of the bitmap.
 */
public final class Mandelbrot {

  private static final int ITERATIONS = 50;

  private Mandelbrot() {}

  /** The bitmap of a {@code size} x {@code size} grid. */
  public static long run(int size) {
    int rowBytes = (size + 7) / 8;
    byte[] bitmap = new byte[rowBytes * size];
    double scale = 2.0 / size;
    for (int y = 0; y < size; y++) {
      double ci = y * scale - 1.0;
      for (int x = 0; x < size; x++) {
        double cr = x * scale - 1.5;
        if (inside(cr, ci)) {
          bitmap[y * rowBytes + (x >> 3)] |= (byte) (0x80 >>> (x & 7));
        }
      }
    }
    long hash = 1125899906842597L;
    for (byte b : bitmap) {
      hash = 31 * hash + b;
    }
    return hash;
  }

  private static boolean inside(double cr, double ci) {
    double zr = 0;
    double zi = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      double zr2 = zr * zr;
      double zi2 = zi * zi;
      if (zr2 + zi2 > 4.0) {
        return false;
      }
      zi = 2.0 * zr * zi + ci;
      zr = zr2 - zi2 + cr;
    }
    return true;
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 500));
  }
}
