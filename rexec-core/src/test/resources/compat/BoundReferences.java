import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/** Method references bound to receivers of narrower types than the methods' own classes. */
public class BoundReferences {
  static class Box {
    Supplier<Class<?>> ownClass() {
      return this::getClass;
    }
  }

  public static void main(String[] args) {
    Thread thread = new Thread("named");
    Supplier<Class<?>> threadClass = thread::getClass;
    System.out.println(threadClass.get().getName());
    System.out.println(new Box().ownClass().get().getName());

    List<String> list = new ArrayList<>();
    Supplier<Class<?>> listClass = list::getClass;
    Consumer<String> add = list::add;
    add.accept("a");
    System.out.println(listClass.get().getName() + " " + list);

    IOException failure = new IOException("bound");
    Supplier<String> message = failure::getMessage;
    Runnable print = failure::printStackTrace;
    System.out.println(message.get());
    print.run();

    Function<Object, Class<?>> unbound = Object::getClass;
    System.out.println(unbound.apply("text").getName());
    Supplier<String> name = thread::getName;
    System.out.println(name.get());
  }
}
