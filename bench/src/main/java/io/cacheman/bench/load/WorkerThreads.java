package io.cacheman.bench.load;

/**
 * The load's threads: platform daemon threads, or virtual threads where the runtime has them
 * (Java 21+; the bench is built for Java 17, so {@code Thread.ofVirtual()} is looked up at run time).
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
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      builder = builderType.getMethod("name", String.class).invoke(builder, name);
      return (Thread) builderType.getMethod("unstarted", Runnable.class).invoke(builder, work);
    } catch (NoSuchMethodException | ClassNotFoundException e) {
      throw new IllegalStateException("--virtual-threads needs a Java 21 or later runtime; this is Java "
          + Runtime.version().feature());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot start a virtual thread: " + e, e);
    }
  }
}
