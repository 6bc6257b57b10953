import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/** BigInteger and BigDecimal arithmetic, rounding and conversions. */
public class BigNumbers {

  static BigInteger factorial(int n) {
    BigInteger result = BigInteger.ONE;
    for (int i = 2; i <= n; i++) {
      result = result.multiply(BigInteger.valueOf(i));
    }
    return result;
  }

  static BigInteger fibonacci(int n) {
    BigInteger previous = BigInteger.ZERO;
    BigInteger current = BigInteger.ONE;
    for (int i = 0; i < n; i++) {
      BigInteger next = previous.add(current);
      previous = current;
      current = next;
    }
    return previous;
  }

  public static void main(String[] args) {
    BigInteger fifty = factorial(50);
    System.out.println("50! = " + fifty);
    System.out.println("digits: " + fifty.toString().length() + ", bitLength: " + fifty.bitLength()
        + ", trailing zero bits: " + fifty.getLowestSetBit());
    System.out.println("fib(150) = " + fibonacci(150));
    BigInteger two = BigInteger.TWO;
    BigInteger mersenne = two.pow(127).subtract(BigInteger.ONE);
    System.out.println("2^127-1 = " + mersenne + " probable prime: " + mersenne.isProbablePrime(50));
    System.out.println("2^128 hex = " + two.pow(128).toString(16));
    BigInteger a = new BigInteger("123456789012345678901234567890");
    BigInteger b = new BigInteger("987654321098765432109876543210");
    System.out.println("a*b = " + a.multiply(b));
    BigInteger[] quotientAndRemainder = b.divideAndRemainder(a);
    System.out.println("b/a = " + quotientAndRemainder[0] + " rem " + quotientAndRemainder[1]);
    System.out.println("gcd = " + a.gcd(b) + ", modPow = " + a.modPow(b, BigInteger.valueOf(1_000_000_007))
        + ", modInverse = " + BigInteger.valueOf(17).modInverse(BigInteger.valueOf(3120)));
    System.out.println("negate/abs/signum: " + a.negate() + " " + a.negate().abs().equals(a) + " "
        + a.negate().signum());
    System.out.println("sqrt(10^40+1) = " + BigInteger.TEN.pow(40).add(BigInteger.ONE).sqrt());
    System.out.println("shift: " + BigInteger.ONE.shiftLeft(100) + " >> 98 = "
        + BigInteger.ONE.shiftLeft(100).shiftRight(98));
    System.out.println("and/or/xor: " + BigInteger.valueOf(0b1100).and(BigInteger.valueOf(0b1010))
        + " " + BigInteger.valueOf(0b1100).or(BigInteger.valueOf(0b1010))
        + " " + BigInteger.valueOf(0b1100).xor(BigInteger.valueOf(0b1010)));
    List<Integer> smallPrimes = new ArrayList<>();
    for (int i = 2; i < 60; i++) {
      if (BigInteger.valueOf(i).isProbablePrime(30)) {
        smallPrimes.add(i);
      }
    }
    System.out.println("primes < 60: " + smallPrimes);
    try {
      BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE).longValueExact();
    } catch (ArithmeticException e) {
      System.out.println("longValueExact: " + e.getMessage());
    }

    BigDecimal price = new BigDecimal("19.99");
    BigDecimal quantity = new BigDecimal("3");
    BigDecimal taxRate = new BigDecimal("0.0825");
    BigDecimal subtotal = price.multiply(quantity);
    BigDecimal tax = subtotal.multiply(taxRate).setScale(2, RoundingMode.HALF_UP);
    System.out.println("subtotal " + subtotal + ", tax " + tax + ", total " + subtotal.add(tax));
    System.out.println("0.1+0.2 = " + new BigDecimal("0.1").add(new BigDecimal("0.2"))
        + " vs double " + new BigDecimal(0.1 + 0.2));
    System.out.println("1/3 (20 digits) = " + BigDecimal.ONE.divide(new BigDecimal(3),
        new MathContext(20)));
    System.out.println("2/3 scale 5 = " + new BigDecimal(2).divide(new BigDecimal(3), 5,
        RoundingMode.HALF_EVEN));
    try {
      BigDecimal.ONE.divide(new BigDecimal(3));
    } catch (ArithmeticException e) {
      System.out.println("exact 1/3: " + e.getMessage());
    }
    for (String value : new String[] {"2.5", "3.5", "-2.5", "2.45"}) {
      BigDecimal decimal = new BigDecimal(value);
      System.out.println(value + ": HALF_UP " + decimal.setScale(0, RoundingMode.HALF_UP)
          + ", HALF_EVEN " + decimal.setScale(0, RoundingMode.HALF_EVEN)
          + ", FLOOR " + decimal.setScale(0, RoundingMode.FLOOR)
          + ", CEILING " + decimal.setScale(0, RoundingMode.CEILING)
          + ", 1 digit " + decimal.round(new MathContext(2, RoundingMode.HALF_DOWN)));
    }
    BigDecimal twoPointZero = new BigDecimal("2.0");
    System.out.println("equals vs compareTo: " + twoPointZero.equals(new BigDecimal("2")) + " "
        + (twoPointZero.compareTo(new BigDecimal("2")) == 0));
    System.out.println("strip: " + new BigDecimal("1500.000").stripTrailingZeros() + " plain "
        + new BigDecimal("1500.000").stripTrailingZeros().toPlainString() + " eng "
        + new BigDecimal("1.5E-7").toEngineeringString());
    System.out.println("sqrt(2) = " + new BigDecimal(2).sqrt(new MathContext(30)));
    System.out.println("pow: " + new BigDecimal("1.05").pow(10).setScale(6, RoundingMode.HALF_UP));
    System.out.println("scale/precision/unscaled: " + price.scale() + " " + price.precision() + " "
        + price.unscaledValue());
    System.out.println("movePointLeft: " + new BigDecimal("12345").movePointLeft(3)
        + ", max: " + price.max(new BigDecimal("20")) + ", negate: " + price.negate());
    BigDecimal balance = BigDecimal.ZERO;
    for (int i = 0; i < 10; i++) {
      balance = balance.add(new BigDecimal("0.10"));
    }
    System.out.println("ten dimes: " + balance + " == 1: " + (balance.compareTo(BigDecimal.ONE) == 0));
  }
}
