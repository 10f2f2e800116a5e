package io.cacheman.bench.load;

import io.cacheman.bench.client.ClientAdapter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** A thread that issues one call (a get, a multi-get or a set), waits for its reply, and issues the next. */
final class SyncWorker extends Worker {

  SyncWorker(int id, ClientAdapter client, Workload workload, RunStats stats, long quota, long seed,
      BooleanSupplier running, CountDownLatch done) {
    super(id, client, workload, stats, quota, seed, running, done);
  }

  @Override
  void loop() throws InterruptedException {
    while (mayIssue()) {
      issued();
      String key = nextKey();
      boolean isGet = nextIsGet();
      long start = System.nanoTime();
      try {
        if (isGet && workload.multiGet() > 1) {
          List<String> keys = nextKeys();
          start = System.nanoTime();
          Map<String, byte[]> found = client.getMulti(keys);
          stats.multiGet(id, System.nanoTime() - start, keys.size(), found.size());
        } else if (isGet) {
          byte[] value = client.get(key);
          boolean fill = value == null && workload.fillOnMiss();
          if (fill) {
            client.set(key, nextValue());
          }
          stats.get(id, System.nanoTime() - start, value != null, fill);
        } else {
          client.set(key, nextValue());
          stats.set(id, System.nanoTime() - start);
        }
      } catch (InterruptedException e) {
        throw e;
      } catch (Exception e) {
        stats.error(e);
      }
    }
  }
}
