import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/** A deterministic bank: random transactions from Random(42), with failures and audit. */
public class BankSimulation {

  static class InsufficientFundsException extends Exception {
    InsufficientFundsException(String account, BigDecimal balance, BigDecimal amount) {
      super(account + " has " + balance + ", needs " + amount);
    }
  }

  enum Kind { DEPOSIT, WITHDRAW, TRANSFER }

  record Transaction(int sequence, Kind kind, String from, String to, BigDecimal amount) {}

  static final class Account {
    private final String id;
    private BigDecimal balance;
    private final List<BigDecimal> history = new ArrayList<>();

    Account(String id, BigDecimal opening) {
      this.id = id;
      this.balance = opening;
    }

    void deposit(BigDecimal amount) {
      if (amount.signum() <= 0) {
        throw new IllegalArgumentException("deposit must be positive: " + amount);
      }
      balance = balance.add(amount);
      history.add(amount);
    }

    void withdraw(BigDecimal amount) throws InsufficientFundsException {
      if (balance.compareTo(amount) < 0) {
        throw new InsufficientFundsException(id, balance, amount);
      }
      balance = balance.subtract(amount);
      history.add(amount.negate());
    }
  }

  static final class Bank {
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final List<Transaction> ledger = new ArrayList<>();
    private final Map<String, Integer> failures = new TreeMap<>();

    void open(String id, String opening) {
      accounts.put(id, new Account(id, new BigDecimal(opening)));
    }

    void apply(Transaction transaction) {
      try {
        switch (transaction.kind()) {
          case DEPOSIT -> accounts.get(transaction.to()).deposit(transaction.amount());
          case WITHDRAW -> accounts.get(transaction.from()).withdraw(transaction.amount());
          case TRANSFER -> {
            accounts.get(transaction.from()).withdraw(transaction.amount());
            accounts.get(transaction.to()).deposit(transaction.amount());
          }
        }
        ledger.add(transaction);
      } catch (InsufficientFundsException e) {
        failures.merge(transaction.kind().name(), 1, Integer::sum);
        if (failures.values().stream().mapToInt(Integer::intValue).sum() <= 3) {
          System.out.println("  #" + transaction.sequence() + " refused: " + e.getMessage());
        }
      }
    }

    BigDecimal total() {
      return accounts.values().stream().map(account -> account.balance)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
    }
  }

  public static void main(String[] args) {
    Random random = new Random(42);
    Bank bank = new Bank();
    String[] ids = {"ACC-1", "ACC-2", "ACC-3", "ACC-4"};
    for (int i = 0; i < ids.length; i++) {
      bank.open(ids[i], (i + 1) * 100 + ".00");
    }
    BigDecimal openingTotal = bank.total();
    BigDecimal deposited = BigDecimal.ZERO;
    BigDecimal withdrawn = BigDecimal.ZERO;
    int before = 0;
    for (int sequence = 1; sequence <= 200; sequence++) {
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      String from = ids[random.nextInt(ids.length)];
      String to = ids[random.nextInt(ids.length)];
      BigDecimal amount = BigDecimal.valueOf(random.nextInt(15_000) + 1, 2);
      bank.apply(new Transaction(sequence, kind, from, to, amount));
      if (bank.ledger.size() > before) {
        if (kind == Kind.DEPOSIT) {
          deposited = deposited.add(amount);
        } else if (kind == Kind.WITHDRAW) {
          withdrawn = withdrawn.add(amount);
        }
      }
      before = bank.ledger.size();
    }
    System.out.println("applied " + bank.ledger.size() + " of 200, failures " + bank.failures);
    for (Account account : bank.accounts.values()) {
      BigDecimal largest = account.history.isEmpty() ? BigDecimal.ZERO
          : Collections.max(account.history);
      System.out.println(account.id + ": balance " + account.balance + ", movements "
          + account.history.size() + ", largest credit " + largest);
    }
    BigDecimal expected = openingTotal.add(deposited).subtract(withdrawn);
    System.out.println("total " + bank.total() + ", expected " + expected + ", consistent "
        + (bank.total().compareTo(expected) == 0));
    BigDecimal average = bank.total().divide(BigDecimal.valueOf(ids.length), 2,
        RoundingMode.HALF_EVEN);
    System.out.println("average balance " + average);
    Map<Kind, Long> counts = new TreeMap<>();
    for (Transaction transaction : bank.ledger) {
      counts.merge(transaction.kind(), 1L, Long::sum);
    }
    System.out.println("ledger by kind " + counts + ", first " + bank.ledger.get(0) + ", last "
        + bank.ledger.get(bank.ledger.size() - 1));
    System.out.println("random continues: " + random.nextInt(1000) + " " + random.nextLong() + " "
        + random.nextBoolean() + " " + random.nextDouble() + " " + random.nextGaussian());
    int[] dice = new Random(7).ints(12, 1, 7).toArray();
    System.out.println("dice " + java.util.Arrays.toString(dice));
    List<Integer> deck = new ArrayList<>();
    for (int card = 1; card <= 10; card++) {
      deck.add(card);
    }
    Collections.shuffle(deck, new Random(42));
    System.out.println("shuffled " + deck);
  }
}
