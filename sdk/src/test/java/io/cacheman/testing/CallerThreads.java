package io.cacheman.testing;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;

/**
 * Threads for callers in tests: virtual threads where the runtime has them (Java 21+, the SDK waits
 * differently on them), platform threads on Java 17, where the build and CI run. Run a test on a newer
 * JDK with {@code -Djvm=<its java>} to take the virtual-thread path.
 */
public final class CallerThreads {
  private CallerThreads() {}

  /** A factory of virtual threads if the runtime has them, else of platform threads. */
  public static ThreadFactory virtualIfAvailable() {
    try {
      Class<?> ofVirtual = Class.forName("java.lang.Thread$Builder$OfVirtual");
      Object builder = MethodHandles.publicLookup()
          .findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtual)).invoke();
      return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    } catch (NoSuchMethodException | ClassNotFoundException e) {
      return Thread::new; // Java 17 to 20
    } catch (Throwable t) {
      throw new IllegalStateException("cannot make virtual threads", t);
    }
  }

  /** True when {@link #virtualIfAvailable()} makes virtual threads. */
  public static boolean virtual() {
    try {
      Thread.class.getMethod("ofVirtual");
      return true;
    } catch (NoSuchMethodException e) {
      return false;
    }
  }
}
