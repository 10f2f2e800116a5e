package io.cacheman.internal;

import io.cacheman.internal.discovery.Resolver;
import io.cacheman.internal.discovery.SrvRecord;
import java.io.IOException;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A resolver whose SRV answer a test sets, or makes fail; counts the lookups it was asked. */
final class FakeDns implements Resolver {
  private volatile List<SrvRecord> answer = List.of();
  private volatile String failure;
  final AtomicInteger lookups = new AtomicInteger();

  void answer(List<SrvRecord> records) {
    failure = null;
    answer = List.copyOf(records);
  }

  void fail(String why) {
    failure = why;
  }

  @Override
  public List<InetAddress> addresses(String host) throws IOException {
    throw new IOException("FakeDns answers SRV lookups only");
  }

  @Override
  public List<SrvRecord> srv(String name) throws IOException {
    lookups.incrementAndGet();
    String why = failure;
    if (why != null) {
      throw new IOException(why);
    }
    return answer;
  }
}
