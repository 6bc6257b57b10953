package org.rexec.runtime;

import static org.rexec.runtime.Interposes.Kind.STATIC_METHOD;
import static org.rexec.runtime.Interposes.Kind.VIRTUAL_METHOD;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.rexec.fs.StackTraces;

/**
 * The big-number limit: {@code BigInteger} and {@code BigDecimal} operations whose result size
 * the program sets (a power, a shift, a product, a scale, a string of digits) may make numbers
 * of at most {@link #MAX_BITS} bits, about 315,000 decimal digits. The JDK computes them in one
 * call that no guard interrupts, and their time grows faster than their size, so a larger
 * result fails up front with the JDK's {@link ArithmeticException} for a number out of range.
 * At the limit, the slowest single operation (a product, or {@code toString}) takes well under
 * a second.
 */
public final class BigNumberShim {

  private BigNumberShim() {}

  /** The largest number, in bits, an operation may make. */
  public static final int MAX_BITS = 1 << 20;

  private static final double BITS_PER_DIGIT = Math.log(10) / Math.log(2);
  private static final double MAX_DIGITS = MAX_BITS / BITS_PER_DIGIT;

  private static void bits(double bits, String operation) {
    if (bits > MAX_BITS) {
      throw StackTraces.forCell(
          new ArithmeticException(
              operation
                  + " would make a number of about "
                  + (long) Math.min(bits, Long.MAX_VALUE)
                  + " bits, more than the "
                  + MAX_BITS
                  + " a cell may make (big-number limit)"));
    }
  }

  private static void digits(double digits, String operation) {
    bits(digits * BITS_PER_DIGIT, operation);
  }

  // ---- BigInteger ----

  /**
   * {@code value} as a plain {@code BigInteger}: a shim that called an operation on a cell's
   * subclass would reach the subclass's override, which may be calling this very operation with
   * {@code super}.
   */
  private static BigInteger plain(BigInteger value) {
    return value.getClass() == BigInteger.class ? value : new BigInteger(value.toByteArray());
  }

  /** As {@link #plain(BigInteger)}. */
  private static BigDecimal plain(BigDecimal value) {
    return value.getClass() == BigDecimal.class
        ? value
        : new BigDecimal(plain(value.unscaledValue()), value.scale());
  }

  /** log2 of |value|, to within a bit. */
  private static double log2(BigInteger value) {
    int bits = value.bitLength();
    return bits < 1000 ? Math.log(Math.abs(value.doubleValue())) / Math.log(2) : bits;
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger pow(BigInteger base, int exponent, CellContext cell) {
    bits(Math.max(log2(base), 0) * exponent + 1, "BigInteger.pow");
    return plain(base).pow(exponent);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger multiply(BigInteger a, BigInteger b, CellContext cell) {
    bits((double) a.bitLength() + b.bitLength(), "BigInteger.multiply");
    return plain(a).multiply(b);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger shiftLeft(BigInteger value, int n, CellContext cell) {
    bits((double) value.bitLength() + n, "BigInteger.shiftLeft");
    return plain(value).shiftLeft(n);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger shiftRight(BigInteger value, int n, CellContext cell) {
    bits((double) value.bitLength() - n, "BigInteger.shiftRight");
    return plain(value).shiftRight(n);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger setBit(BigInteger value, int n, CellContext cell) {
    bits((double) n + 1, "BigInteger.setBit");
    return plain(value).setBit(n);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger clearBit(BigInteger value, int n, CellContext cell) {
    bits((double) n + 1, "BigInteger.clearBit");
    return plain(value).clearBit(n);
  }

  @Interposes(owner = BigInteger.class, kind = VIRTUAL_METHOD)
  public static BigInteger flipBit(BigInteger value, int n, CellContext cell) {
    bits((double) n + 1, "BigInteger.flipBit");
    return plain(value).flipBit(n);
  }

  @Interposes(owner = BigInteger.class, kind = STATIC_METHOD)
  public static BigInteger probablePrime(int bitLength, Random random, CellContext cell) {
    bits(bitLength, "BigInteger.probablePrime");
    return BigInteger.probablePrime(bitLength, random);
  }

  @Interposes(owner = BigInteger.class, member = "toString", kind = VIRTUAL_METHOD)
  public static String integerToString(BigInteger value, CellContext cell) {
    bits(value.bitLength(), "BigInteger.toString");
    return plain(value).toString();
  }

  @Interposes(owner = BigInteger.class, member = "toString", kind = VIRTUAL_METHOD)
  public static String integerToString(BigInteger value, int radix, CellContext cell) {
    bits(value.bitLength(), "BigInteger.toString");
    return plain(value).toString(radix);
  }

  @RedirectsConstructor(owner = BigInteger.class, from = String.class, to = String.class)
  public static String bigInteger(String digits, CellContext cell) {
    digits(digits.length(), "new BigInteger");
    return digits;
  }

  @RedirectsConstructor(
      owner = BigInteger.class,
      from = {String.class, int.class},
      to = {String.class, int.class})
  public static String bigIntegerInRadix(String digits, CellContext cell) {
    // Any radix up to 36: at most log2(36) bits a digit.
    bits(digits.length() * (Math.log(Character.MAX_RADIX) / Math.log(2)), "new BigInteger");
    return digits;
  }

  @RedirectsConstructor(owner = BigInteger.class, from = byte[].class, to = byte[].class)
  public static byte[] bigIntegerOfBytes(byte[] bytes, CellContext cell) {
    bits(8.0 * bytes.length, "new BigInteger");
    return bytes;
  }

  @RedirectsConstructor(
      owner = BigInteger.class,
      from = {int.class, Random.class},
      to = {int.class, Random.class})
  public static int randomBigInteger(int bits, CellContext cell) {
    bits(bits, "new BigInteger");
    return bits;
  }

  @RedirectsConstructor(
      owner = BigInteger.class,
      from = {int.class, int.class, Random.class},
      to = {int.class, int.class, Random.class})
  public static int randomPrime(int bits, CellContext cell) {
    bits(bits, "new BigInteger");
    return bits;
  }

  // ---- BigDecimal: sizes in decimal digits ----

  /** The digits of the integer part when the scale is negative, of the fraction when positive. */
  private static double spread(BigDecimal value) {
    return (double) value.precision() + Math.abs((double) value.scale());
  }

  /** The digits of {@code value} brought to {@code scale}. */
  private static double atScale(BigDecimal value, double scale) {
    return plain(value).precision() + Math.max(0, scale - value.scale());
  }

  private static void precision(MathContext context, String operation) {
    digits(context.getPrecision(), operation);
  }

  @RedirectsConstructor(owner = BigDecimal.class, from = String.class, to = String.class)
  public static String bigDecimal(String digits, CellContext cell) {
    digits(digits.length(), "new BigDecimal");
    return digits;
  }

  @RedirectsConstructor(owner = BigDecimal.class, from = char[].class, to = char[].class)
  public static char[] bigDecimalOfChars(char[] digits, CellContext cell) {
    digits(digits.length, "new BigDecimal");
    return digits;
  }

  @Interposes(owner = BigDecimal.class, member = "add", kind = VIRTUAL_METHOD)
  public static BigDecimal addDecimal(BigDecimal a, BigDecimal b, CellContext cell) {
    double scale = Math.max(a.scale(), b.scale());
    digits(Math.max(atScale(a, scale), atScale(b, scale)) + 1, "BigDecimal.add");
    return plain(a).add(b);
  }

  @Interposes(owner = BigDecimal.class, member = "subtract", kind = VIRTUAL_METHOD)
  public static BigDecimal subtractDecimal(BigDecimal a, BigDecimal b, CellContext cell) {
    double scale = Math.max(a.scale(), b.scale());
    digits(Math.max(atScale(a, scale), atScale(b, scale)) + 1, "BigDecimal.subtract");
    return plain(a).subtract(b);
  }

  @Interposes(owner = BigDecimal.class, member = "multiply", kind = VIRTUAL_METHOD)
  public static BigDecimal multiplyDecimal(BigDecimal a, BigDecimal b, CellContext cell) {
    digits((double) a.precision() + b.precision(), "BigDecimal.multiply");
    return plain(a).multiply(b);
  }

  @Interposes(owner = BigDecimal.class, member = "pow", kind = VIRTUAL_METHOD)
  public static BigDecimal powDecimal(BigDecimal base, int n, CellContext cell) {
    digits((double) base.precision() * n, "BigDecimal.pow");
    return plain(base).pow(n);
  }

  @Interposes(owner = BigDecimal.class, member = "pow", kind = VIRTUAL_METHOD)
  public static BigDecimal powDecimal(
      BigDecimal base, int n, MathContext context, CellContext cell) {
    precision(context, "BigDecimal.pow");
    if (context.getPrecision() == 0) {
      digits((double) base.precision() * n, "BigDecimal.pow");
    }
    return plain(base).pow(n, context);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal setScale(BigDecimal value, int scale, CellContext cell) {
    digits(atScale(value, scale), "BigDecimal.setScale");
    return plain(value).setScale(scale);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal setScale(
      BigDecimal value, int scale, RoundingMode rounding, CellContext cell) {
    digits(atScale(value, scale), "BigDecimal.setScale");
    return plain(value).setScale(scale, rounding);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  @SuppressWarnings("deprecation")
  public static BigDecimal setScale(BigDecimal value, int scale, int rounding, CellContext cell) {
    digits(atScale(value, scale), "BigDecimal.setScale");
    return plain(value).setScale(scale, rounding);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal divide(
      BigDecimal a, BigDecimal b, int scale, RoundingMode rounding, CellContext cell) {
    digits(a.precision() + b.precision() + Math.abs((double) scale - a.scale() + b.scale()),
        "BigDecimal.divide");
    return plain(a).divide(b, scale, rounding);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  @SuppressWarnings("deprecation")
  public static BigDecimal divide(
      BigDecimal a, BigDecimal b, int scale, int rounding, CellContext cell) {
    digits(a.precision() + b.precision() + Math.abs((double) scale - a.scale() + b.scale()),
        "BigDecimal.divide");
    return plain(a).divide(b, scale, rounding);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal divide(
      BigDecimal a, BigDecimal b, MathContext context, CellContext cell) {
    precision(context, "BigDecimal.divide");
    return plain(a).divide(b, context);
  }

  /** The digits of the integral quotient {@code a / b}, plus the divisor's. */
  private static double quotient(BigDecimal a, BigDecimal b) {
    double exponentA = (double) a.precision() - a.scale();
    double exponentB = (double) b.precision() - b.scale();
    return Math.max(0, exponentA - exponentB) + b.precision() + a.precision();
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal divideToIntegralValue(BigDecimal a, BigDecimal b, CellContext cell) {
    digits(quotient(a, b), "BigDecimal.divideToIntegralValue");
    return plain(a).divideToIntegralValue(b);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal remainder(BigDecimal a, BigDecimal b, CellContext cell) {
    digits(quotient(a, b), "BigDecimal.remainder");
    return plain(a).remainder(b);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal[] divideAndRemainder(BigDecimal a, BigDecimal b, CellContext cell) {
    digits(quotient(a, b), "BigDecimal.divideAndRemainder");
    return plain(a).divideAndRemainder(b);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal sqrt(BigDecimal value, MathContext context, CellContext cell) {
    precision(context, "BigDecimal.sqrt");
    return plain(value).sqrt(context);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal movePointRight(BigDecimal value, int n, CellContext cell) {
    digits(atScale(value, (double) value.scale() - n) + Math.max(0, n), "BigDecimal.movePointRight");
    return plain(value).movePointRight(n);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigDecimal movePointLeft(BigDecimal value, int n, CellContext cell) {
    digits(atScale(value, (double) value.scale() + n) + Math.max(0, -n), "BigDecimal.movePointLeft");
    return plain(value).movePointLeft(n);
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigInteger toBigInteger(BigDecimal value, CellContext cell) {
    digits(spread(value), "BigDecimal.toBigInteger");
    return plain(value).toBigInteger();
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static BigInteger toBigIntegerExact(BigDecimal value, CellContext cell) {
    digits(spread(value), "BigDecimal.toBigIntegerExact");
    return plain(value).toBigIntegerExact();
  }

  @Interposes(owner = BigDecimal.class, kind = VIRTUAL_METHOD)
  public static String toPlainString(BigDecimal value, CellContext cell) {
    digits(spread(value), "BigDecimal.toPlainString");
    return plain(value).toPlainString();
  }
}
