package io.cacheman.bench.load;

import java.lang.reflect.Method;

/**
 * The load's threads: platform daemon threads, or virtual threads where the runtime has them
 * (Java 21+; the bench is built for Java 17, so {@code Thread.ofVirtual()} is looked up at run time,
 * once: a run may start 100,000 of them). The command line checks the runtime first.
 */
final class WorkerThreads {
  private WorkerThreads() {}

  static Thread unstarted(Runnable work, String name, boolean virtual) {
    if (!virtual) {
      Thread t = new Thread(work, name);
      t.setDaemon(true);
      return t;
    }
    try {
      Object builder = Virtual.OF_VIRTUAL.invoke(null);
      return (Thread) Virtual.UNSTARTED.invoke(Virtual.NAME.invoke(builder, name), work);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start a virtual thread: " + e, e);
    }
  }

  /** {@code Thread.ofVirtual()}, {@code Thread.Builder.name} and {@code unstarted}, found when first needed. */
  private static final class Virtual {
    static final Method OF_VIRTUAL;
    static final Method NAME;
    static final Method UNSTARTED;

    static {
      try {
        OF_VIRTUAL = Thread.class.getMethod("ofVirtual");
        Class<?> builder = Class.forName("java.lang.Thread$Builder");
        NAME = builder.getMethod("name", String.class);
        UNSTARTED = builder.getMethod("unstarted", Runnable.class);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("no virtual threads in this Java " + Runtime.version().feature() + " runtime", e);
      }
    }
  }
}
