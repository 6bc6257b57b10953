import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** Inner, static nested, local and anonymous classes and what they can capture. */
public class NestedClasses {

  private final String name;
  private int counter;
  private static int instances;

  NestedClasses(String name) {
    this.name = name;
    instances++;
  }

  class Inner {
    private final int id;

    Inner() {
      this.id = ++counter;
    }

    String describe() {
      return "inner " + id + " of " + name + " (outer counter " + NestedClasses.this.counter + ")";
    }
  }

  static class StaticNested {
    String describe() {
      return "static nested sees " + instances + " instance(s)";
    }
  }

  abstract static class Animal {
    private final String sound;

    Animal(String sound) {
      this.sound = sound;
    }

    abstract String kind();

    String speak() {
      return kind() + " says " + sound;
    }
  }

  interface Visitor {
    void visit(int value);
  }

  List<Integer> values = new ArrayList<>(List.of(4, 8, 15, 16, 23, 42));

  Iterable<Integer> evens() {
    class EvenIterator implements Iterator<Integer> {
      private int index = advance(0);

      private int advance(int from) {
        while (from < values.size() && values.get(from) % 2 != 0) {
          from++;
        }
        return from;
      }

      @Override
      public boolean hasNext() {
        return index < values.size();
      }

      @Override
      public Integer next() {
        int value = values.get(index);
        index = advance(index + 1);
        return value;
      }
    }
    return EvenIterator::new;
  }

  void each(Visitor visitor) {
    for (int value : values) {
      visitor.visit(value);
    }
  }

  public static void main(String[] args) {
    NestedClasses outer = new NestedClasses("alpha");
    NestedClasses.Inner first = outer.new Inner();
    NestedClasses.Inner second = outer.new Inner();
    System.out.println(first.describe());
    System.out.println(second.describe());
    new NestedClasses("beta");
    System.out.println(new StaticNested().describe());

    Animal dog = new Animal("woof") {
      @Override
      String kind() {
        return "dog";
      }
    };
    Animal cat = new Animal("meow") {
      private int lives = 9;

      @Override
      String kind() {
        return "cat with " + lives + " lives";
      }
    };
    System.out.println(dog.speak());
    System.out.println(cat.speak());

    int threshold = 10;
    int[] total = {0};
    outer.each(new Visitor() {
      @Override
      public void visit(int value) {
        if (value > threshold) {
          total[0] += value;
        }
      }
    });
    System.out.println("sum above " + threshold + ": " + total[0]);

    StringBuilder evens = new StringBuilder();
    for (int even : outer.evens()) {
      evens.append(even).append(' ');
    }
    System.out.println("evens: " + evens.toString().trim());

    class Accumulator {
      private long sum;

      Accumulator add(long value) {
        sum += value * threshold;
        return this;
      }
    }
    System.out.println("local class: " + new Accumulator().add(1).add(2).add(3).sum);

    System.out.println("names: " + NestedClasses.Inner.class.getName() + ", "
        + StaticNested.class.getSimpleName() + ", " + dog.getClass().getName() + ", "
        + cat.getClass().getName() + ", " + Accumulator.class.getName());
    System.out.println("kinds: anonymous " + dog.getClass().isAnonymousClass() + ", local "
        + Accumulator.class.isLocalClass() + ", member " + Inner.class.isMemberClass()
        + ", enclosing " + Inner.class.getEnclosingClass().getSimpleName()
        + ", anonymous simple name '" + dog.getClass().getSimpleName() + "'"
        + ", superclass " + dog.getClass().getSuperclass().getSimpleName());
    Runnable lambdaCapturesOuter = () -> System.out.println("lambda sees " + outer.name
        + " counter " + outer.counter);
    lambdaCapturesOuter.run();
  }
}
