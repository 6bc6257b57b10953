package kernels;

/**
 * Numeric loops over arrays: the spectral norm of the infinite matrix {@code a(i, j) = 1 / ((i
 * + j)(i + j + 1) / 2 + i + 1)}, truncated to {@code size} x {@code size}, by ten rounds of the
 * power method on its normal matrix. The checksum is the bits of the norm.
 */
public final class SpectralNorm {

  private SpectralNorm() {}

  /** The norm of the {@code size} x {@code size} truncation. */
  public static long run(int size) {
    double[] u = new double[size];
    double[] v = new double[size];
    double[] scratch = new double[size];
    java.util.Arrays.fill(u, 1.0);
    for (int round = 0; round < 10; round++) {
      multiplyNormal(u, v, scratch);
      multiplyNormal(v, u, scratch);
    }
    double uv = 0;
    double vv = 0;
    for (int i = 0; i < size; i++) {
      uv += u[i] * v[i];
      vv += v[i] * v[i];
    }
    return Double.doubleToLongBits(Math.sqrt(uv / vv));
  }

  private static double entry(int i, int j) {
    int sum = i + j;
    return 1.0 / (sum * (sum + 1) / 2 + i + 1);
  }

  /** {@code out = transpose(A) * A * in}. */
  private static void multiplyNormal(double[] in, double[] out, double[] scratch) {
    multiply(in, scratch);
    multiplyTransposed(scratch, out);
  }

  private static void multiply(double[] in, double[] out) {
    for (int i = 0; i < out.length; i++) {
      double sum = 0;
      for (int j = 0; j < in.length; j++) {
        sum += entry(i, j) * in[j];
      }
      out[i] = sum;
    }
  }

  private static void multiplyTransposed(double[] in, double[] out) {
    for (int i = 0; i < out.length; i++) {
      double sum = 0;
      for (int j = 0; j < in.length; j++) {
        sum += entry(j, i) * in[j];
      }
      out[i] = sum;
    }
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 300));
  }
}
