import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.IntStream;

/** Optional and its primitive variants, used the way application code does. */
public class OptionalUse {

  record User(String name, String email, Address address) {}

  record Address(String city, String postcode) {}

  static final Map<Integer, User> USERS = new TreeMap<>();

  static {
    USERS.put(1, new User("ann", "ann@example.org", new Address("Oslo", "0150")));
    USERS.put(2, new User("ben", null, new Address("Lima", null)));
    USERS.put(3, new User("cid", "cid@example.org", null));
  }

  static Optional<User> find(int id) {
    return Optional.ofNullable(USERS.get(id));
  }

  static String postcode(int id) {
    return find(id)
        .map(User::address)
        .map(Address::postcode)
        .orElse("no postcode");
  }

  static Optional<String> domain(String email) {
    int at = email.indexOf('@');
    return at < 0 ? Optional.empty() : Optional.of(email.substring(at + 1));
  }

  public static void main(String[] args) {
    for (int id = 1; id <= 4; id++) {
      System.out.println("user " + id + ": " + find(id).map(User::name).orElse("unknown")
          + ", postcode " + postcode(id)
          + ", domain " + find(id).map(User::email).flatMap(OptionalUse::domain).orElseGet(
              () -> "n/a"));
    }
    Optional<String> present = Optional.of("value");
    Optional<String> empty = Optional.empty();
    System.out.println(present + " " + empty + " " + present.isPresent() + " " + empty.isEmpty());
    System.out.println("filter: " + present.filter(s -> s.startsWith("v")) + " "
        + present.filter(s -> s.startsWith("x")));
    System.out.println("or: " + empty.or(() -> Optional.of("fallback")).get());
    present.ifPresent(value -> System.out.println("ifPresent: " + value));
    empty.ifPresentOrElse(value -> System.out.println("unexpected " + value),
        () -> System.out.println("ifPresentOrElse: empty branch"));
    System.out.println("stream: " + List.of(Optional.of(1), Optional.<Integer>empty(),
        Optional.of(3)).stream().flatMap(Optional::stream).toList());
    try {
      empty.orElseThrow();
    } catch (NoSuchElementException e) {
      System.out.println("orElseThrow: " + e.getMessage());
    }
    try {
      empty.orElseThrow(() -> new IllegalStateException("custom supplier"));
    } catch (IllegalStateException e) {
      System.out.println("orElseThrow(supplier): " + e.getMessage());
    }
    try {
      Optional.of(null);
    } catch (NullPointerException e) {
      System.out.println("Optional.of(null) throws NPE");
    }
    System.out.println("equals: " + Optional.of("a").equals(Optional.of("a")) + " "
        + Optional.empty().equals(Optional.ofNullable(null)));
    OptionalInt maximum = IntStream.of(4, 9, 2).max();
    OptionalInt none = IntStream.empty().min();
    OptionalDouble average = IntStream.rangeClosed(1, 4).average();
    System.out.println(maximum + " " + none + " " + average + " " + maximum.getAsInt() + " "
        + none.orElse(-1) + " " + average.orElseThrow());
    String lazy = empty.orElseGet(() -> {
      System.out.println("  supplier called for empty");
      return "computed";
    });
    String eager = present.orElseGet(() -> {
      System.out.println("  never printed");
      return "unused";
    });
    System.out.println("orElseGet: " + lazy + " " + eager);
  }
}
