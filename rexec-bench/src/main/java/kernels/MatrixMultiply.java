package kernels;

/**
 * Nested numeric loops over arrays: multiplies two {@code size} x {@code size} matrices of
 * doubles, filled from a fixed formula, in i-k-j order (the inner loop streams over rows). The
 * checksum is the bits of the trace plus the sum of one column.
 */
public final class MatrixMultiply {

  private MatrixMultiply() {}

  /** The product of two {@code size} x {@code size} matrices. */
  public static long run(int size) {
    double[][] a = new double[size][size];
    double[][] b = new double[size][size];
    for (int i = 0; i < size; i++) {
      for (int j = 0; j < size; j++) {
        a[i][j] = ((i * 7 + j * 3) % 17) * 0.125 - 1.0;
        b[i][j] = ((i * 5 + j * 11) % 13) * 0.25 - 1.5;
      }
    }
    double[][] c = new double[size][size];
    for (int i = 0; i < size; i++) {
      double[] row = c[i];
      for (int k = 0; k < size; k++) {
        double factor = a[i][k];
        double[] bRow = b[k];
        for (int j = 0; j < size; j++) {
          row[j] += factor * bRow[j];
        }
      }
    }
    double trace = 0;
    double column = 0;
    for (int i = 0; i < size; i++) {
      trace += c[i][i];
      column += c[i][size / 3];
    }
    return Double.doubleToLongBits(trace) * 31 + Double.doubleToLongBits(column);
  }

  public static void main(String[] args) {
    System.out.println(run(args.length > 0 ? Integer.parseInt(args[0]) : 200));
  }
}
