import java.util.Locale;

/** Bit manipulation, overflow, integer division rules and java.lang.Math. */
public class BitsAndMath {

  static int popcountByHand(long value) {
    int count = 0;
    while (value != 0) {
      value &= value - 1;
      count++;
    }
    return count;
  }

  static String bits(int value) {
    return String.format(Locale.ROOT, "%32s", Integer.toBinaryString(value)).replace(' ', '0');
  }

  static boolean isPowerOfTwo(long value) {
    return value > 0 && (value & (value - 1)) == 0;
  }

  static long gcd(long a, long b) {
    return b == 0 ? Math.abs(a) : gcd(b, a % b);
  }

  static long isqrt(long n) {
    long root = (long) Math.sqrt(n);
    while (root * root > n) {
      root--;
    }
    while ((root + 1) * (root + 1) <= n) {
      root++;
    }
    return root;
  }

  public static void main(String[] args) {
    int value = 0b1011_0110;
    System.out.println("value " + value + " = " + bits(value));
    System.out.println("bitCount " + Integer.bitCount(value) + " by hand " + popcountByHand(value)
        + ", highestOneBit " + Integer.highestOneBit(value) + ", lowestOneBit "
        + Integer.lowestOneBit(value) + ", leading zeros " + Integer.numberOfLeadingZeros(value)
        + ", trailing zeros " + Integer.numberOfTrailingZeros(value));
    System.out.println("reverse " + bits(Integer.reverse(value)) + "\nreverseBytes "
        + Integer.toHexString(Integer.reverseBytes(0x12345678)) + ", rotateLeft "
        + Integer.toHexString(Integer.rotateLeft(0x80000001, 4)) + ", rotateRight "
        + Integer.toHexString(Integer.rotateRight(0x80000001, 4)));
    System.out.println("shifts: " + (-16 >> 2) + " " + (-16 >>> 28) + " " + (1 << 33) + " "
        + (1L << 33) + " " + (-1 >>> 1 == Integer.MAX_VALUE));
    System.out.println("masks: and " + (0xF0 & 0x3C) + " or " + (0xF0 | 0x3C) + " xor "
        + (0xF0 ^ 0x3C) + " not " + ~0xF0 + " set bit 3 of 0: " + (0 | 1 << 3)
        + ", clear bit 2 of 7: " + (7 & ~(1 << 2)) + ", test bit 4 of 16: " + ((16 >> 4 & 1) == 1));
    System.out.println("powers of two: " + isPowerOfTwo(1024) + " " + isPowerOfTwo(1000) + " "
        + isPowerOfTwo(1L << 62) + ", Long.bitCount(-1) " + Long.bitCount(-1L));
    int a = 5;
    int b = 9;
    a ^= b;
    b ^= a;
    a ^= b;
    System.out.println("xor swap: a=" + a + " b=" + b);
    System.out.println("parse: " + Integer.parseInt("-ff", 16) + " " + Integer.parseInt("1010", 2)
        + " " + Integer.toString(255, 36) + " " + Long.parseLong("777", 8) + " "
        + Integer.toOctalString(64) + " " + Integer.parseUnsignedInt("4294967295") + " "
        + Integer.toUnsignedString(-1) + " " + Integer.divideUnsigned(-2, 3) + " "
        + Long.toUnsignedString(-1L));
    System.out.println("overflow: " + (Integer.MAX_VALUE + 1) + " " + Math.abs(Integer.MIN_VALUE)
        + " " + (byte) 200 + " " + (short) 70000 + " " + (int) 3_000_000_000L + " " + (char) 65601
        + " " + (int) 1e20 + " " + (long) Double.NaN + " " + (int) -2.9);
    try {
      Math.addExact(Integer.MAX_VALUE, 1);
    } catch (ArithmeticException e) {
      System.out.println("addExact: " + e.getMessage());
    }
    try {
      Math.toIntExact(1L << 40);
    } catch (ArithmeticException e) {
      System.out.println("toIntExact: " + e.getMessage());
    }
    System.out.println("division: " + (-7 / 2) + " " + (-7 % 2) + " " + Math.floorDiv(-7, 2) + " "
        + Math.floorMod(-7, 2) + " " + Math.floorMod(7, -3) + " " + (7.0 / 0) + " " + (0.0 / 0)
        + " " + (-7.5 % 2));
    System.out.println("rounding: " + Math.round(2.5) + " " + Math.round(-2.5) + " "
        + Math.round(2.4f) + " " + Math.rint(2.5) + " " + Math.rint(3.5) + " " + Math.ceil(-0.5)
        + " " + Math.floor(-0.5) + " " + (int) Math.signum(-3.2));
    System.out.println("exact functions: " + Math.sqrt(144) + " " + Math.pow(2, 10) + " "
        + Math.hypot(5, 12) + " " + Math.cbrt(27) + " " + Math.max(-0.0, 0.0) + " "
        + Math.min(Double.NaN, 1) + " " + Math.abs(-7.25) + " " + Math.min(Math.max(15, 0), 10));
    System.out.println(String.format(Locale.ROOT,
        "transcendental: sin %.10f cos %.10f tan %.6f atan2 %.10f exp %.8f log %.10f log10 %.4f",
        StrictMath.sin(Math.PI / 6), StrictMath.cos(Math.PI / 3), StrictMath.tan(Math.PI / 4),
        StrictMath.atan2(1, 1), StrictMath.exp(1), StrictMath.log(10), StrictMath.log10(12345)));
    System.out.println("toDegrees " + Math.toDegrees(Math.PI) + ", toRadians(180) "
        + Math.toRadians(180) + ", ulp(1.0) " + Math.ulp(1.0) + ", nextUp(1f) " + Math.nextUp(1f)
        + ", fma " + Math.fma(2.0, 3.0, 1.0) + ", scalb " + Math.scalb(1.5, 4));
    System.out.println("gcd " + gcd(1071, 462) + " " + gcd(-48, 18) + ", isqrt " + isqrt(99)
        + " " + isqrt(1L << 52) + " " + isqrt(999_999_999_999L));
    System.out.println("floats: " + Float.floatToIntBits(1.0f) + " " + Long.toHexString(
        Double.doubleToLongBits(-2.5)) + " " + Float.intBitsToFloat(0x40490fdb) + " "
        + Double.compare(0.0, -0.0) + " " + (0.0 == -0.0) + " " + Double.isNaN(0.0 / 0)
        + " " + Double.compare(Double.NaN, Double.POSITIVE_INFINITY) + " " + (0.1f + 0.2f)
        + " " + Float.MIN_NORMAL + " " + Double.toHexString(0.1));
    long hash = 1125899906842597L;
    for (char c : "deterministic".toCharArray()) {
      hash = 31 * hash + c;
    }
    System.out.println("custom hash: " + hash + ", mixed " + Long.toHexString(hash ^ (hash >>> 33))
        + ", compare unsigned " + Integer.compareUnsigned(-1, 1) + ", signum " + Long.signum(hash));
    int[] primesSieve = new int[50];
    StringBuilder primes = new StringBuilder();
    for (int i = 2; i < primesSieve.length; i++) {
      if (primesSieve[i] == 0) {
        primes.append(i).append(' ');
        for (int j = i * i; j < primesSieve.length; j += i) {
          primesSieve[j] = 1;
        }
      }
    }
    System.out.println("sieve: " + primes.toString().trim());
  }
}
