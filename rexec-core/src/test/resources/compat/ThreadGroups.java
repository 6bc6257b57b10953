import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread groups as programs use them: naming a pool's threads, counting, interrupting. */
public class ThreadGroups {

  /** The classic named thread factory: threads in a group of their own. */
  static final class NamedFactory implements ThreadFactory {
    private final ThreadGroup group;
    private final AtomicInteger number = new AtomicInteger();

    NamedFactory(String name) {
      group = new ThreadGroup(Thread.currentThread().getThreadGroup(), name);
    }

    @Override
    public Thread newThread(Runnable task) {
      Thread thread = new Thread(group, task, group.getName() + "-" + number.incrementAndGet());
      thread.setDaemon(false);
      return thread;
    }
  }

  public static void main(String[] args) throws Exception {
    ThreadGroup main = Thread.currentThread().getThreadGroup();
    System.out.println("main thread's group: " + main.getName() + " " + main);
    ThreadGroup pool = new ThreadGroup("workers");
    System.out.println(pool + " parent " + pool.getParent().getName()
        + " same " + (pool.getParent() == main) + " parentOf " + main.parentOf(pool));
    ThreadGroup sub = new ThreadGroup(pool, "sub");
    System.out.println("groups under workers: " + pool.activeGroupCount());
    ThreadGroup[] groups = new ThreadGroup[4];
    System.out.println("enumerated groups: " + pool.enumerate(groups) + " " + groups[0].getName());

    CountDownLatch started = new CountDownLatch(3);
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger interrupted = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread thread = new Thread(i < 2 ? pool : sub, () -> {
        started.countDown();
        try {
          never.await();
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
      }, "w" + i);
      threads.add(thread);
      thread.start();
    }
    started.await();
    System.out.println("w2's group: " + threads.get(2).getThreadGroup().getName());
    System.out.println("active in workers: " + pool.activeCount());
    Thread[] list = new Thread[10];
    int count = pool.enumerate(list);
    String[] names = new String[count];
    for (int i = 0; i < count; i++) {
      names[i] = list[i].getName();
    }
    Arrays.sort(names);
    System.out.println("enumerated: " + Arrays.toString(names));
    System.out.println("directly in workers: " + pool.enumerate(new Thread[10], false));
    System.out.println("into a short array: " + pool.enumerate(new Thread[1]));
    ThreadGroup listed = new ThreadGroup("listed");
    new ThreadGroup(listed, "inner");
    listed.list();
    System.out.println("Thread.activeCount " + Thread.activeCount()
        + " enumerate " + Thread.enumerate(new Thread[10]));
    pool.interrupt();
    for (Thread thread : threads) {
      thread.join();
    }
    System.out.println("interrupted: " + interrupted.get());

    pool.setMaxPriority(3);
    Thread capped = new Thread(pool, () -> {});
    capped.setPriority(8);
    System.out.println("capped priority: " + capped.getPriority() + " max " + pool.getMaxPriority()
        + " sub max " + sub.getMaxPriority());

    ThreadGroup handling = new ThreadGroup("handling") {
      @Override
      public void uncaughtException(Thread thread, Throwable thrown) {
        System.out.println("group " + getName() + " saw " + thrown.getMessage()
            + " in " + thread.getName());
      }
    };
    Thread failing = new Thread(handling, () -> {
      throw new IllegalStateException("boom");
    }, "failing");
    failing.start();
    failing.join();

    ExecutorService executor = Executors.newFixedThreadPool(2, new NamedFactory("crawler"));
    String where = executor.submit(() -> Thread.currentThread().getName() + " in "
        + Thread.currentThread().getThreadGroup().getName()).get();
    System.out.println(where);
    executor.shutdown();
    System.out.println("terminated: " + executor.awaitTermination(10, TimeUnit.SECONDS));
  }
}
