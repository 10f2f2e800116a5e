package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.testing.BareRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InFlightQueueTest {

  @Test
  void keepsFifoOrderAcrossWrapAround() {
    InFlightQueue queue = new InFlightQueue(3); // rounds up to 4
    List<Request> polled = new ArrayList<>();
    Request[] made = new Request[10];
    for (int i = 0; i < 10; i++) {
      made[i] = new BareRequest(i);
      queue.add(made[i]);
      if (i % 2 == 1) {
        polled.add(queue.poll());
        polled.add(queue.poll());
      }
    }
    assertTrue(queue.isEmpty());
    assertNull(queue.poll());
    for (int i = 0; i < 10; i++) {
      assertSame(made[i], polled.get(i));
    }
  }

  @Test
  void findsTheEarliestDeadlineAnywhereInTheQueue() {
    InFlightQueue queue = new InFlightQueue(8);
    assertEquals(EventLoop.NEVER, queue.earliestDeadline());
    queue.add(new BareRequest(100));
    queue.add(new BareRequest(5));
    queue.add(new BareRequest(200));
    assertEquals(5, queue.earliestDeadline());
    assertEquals(3, queue.size());
  }

  @Test
  void producerAndConsumerOnDifferentThreadsSeeEveryRequestOnceInOrder() throws Exception {
    InFlightQueue queue = new InFlightQueue(64);
    int total = 200_000;
    java.util.concurrent.Semaphore room = new java.util.concurrent.Semaphore(64);
    AtomicBoolean ok = new AtomicBoolean(true);
    Thread consumer = new Thread(() -> {
      for (long expected = 0; expected < total; ) {
        Request r = queue.poll();
        if (r != null) {
          ok.compareAndSet(true, r.deadlineNanos() == expected);
          expected++;
          room.release();
        } else {
          Thread.onSpinWait();
        }
      }
    });
    consumer.start();
    for (int i = 0; i < total; i++) {
      room.acquire();
      queue.add(new BareRequest(i));
    }
    consumer.join(10_000);
    assertTrue(ok.get());
    assertTrue(queue.isEmpty());
  }
}
