package io.cacheman.internal.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
  void expiresEveryDueRequestAnywhereInTheQueueAndKeepsThemForTheirLateReplies() {
    InFlightQueue queue = new InFlightQueue(8);
    assertEquals(EventLoop.NEVER, queue.expire(0, r -> { }));
    assertEquals(EventLoop.NEVER, queue.oldestDeadline());
    BareRequest first = new BareRequest(100);
    BareRequest due = new BareRequest(5);
    BareRequest last = new BareRequest(200);
    queue.add(first);
    queue.add(due);
    queue.add(last);
    assertEquals(5, queue.expire(4, r -> fail("nothing is due at 4")));
    List<Request> expired = new ArrayList<>();
    assertEquals(100, queue.expire(5, expired::add), "the earliest deadline still pending");
    assertEquals(List.of(due), expired);
    due.onFailure(new io.cacheman.CacheTimeoutException("due"));
    assertEquals(100, queue.expire(50, r -> fail("a settled request is not expired twice")));
    assertEquals(3, queue.size(), "expired requests stay until their replies are read");
    assertEquals(100, queue.oldestDeadline());
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
