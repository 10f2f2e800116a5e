package io.cacheman.internal.stats;

/**
 * JMX view of one node of one client, registered as
 * {@code io.cacheman:type=Node,client=<client>,node="<host:port>"} while the client is open.
 * Every read takes a fresh snapshot: each attribute is the {@link io.cacheman.NodeStats} field of
 * the same name (state as UP, OUT or PROBING); latencies are in microseconds, cumulative since open.
 */
public interface NodeStatsMXBean {
  String getNode();

  String getState();

  long getOperations();

  long getHits();

  long getMisses();

  long getErrors();

  long getTimeouts();

  long getRejected();

  int getInFlight();

  long getReconnects();

  long getBreakerTransitions();

  long getLatencyP50Micros();

  long getLatencyP99Micros();

  long getLatencyP999Micros();

  long getLatencyMaxMicros();
}
