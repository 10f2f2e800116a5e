package io.cacheman.internal.stats;

/**
 * JMX view of one node of one client, registered as
 * {@code io.cacheman:type=Node,client=<client>,node="<host:port>"} while the client is open.
 * Every read takes a fresh snapshot; latencies are in microseconds, cumulative since open.
 */
public interface NodeStatsMXBean {
  /** The node's {@code host:port}. */
  String getNode();

  /** UP, OUT or PROBING. */
  String getState();

  /** Attempts that ended. */
  long getOperations();

  /** Keys found. */
  long getHits();

  /** Keys not found. */
  long getMisses();

  /** Failed attempts, timeouts and rejections included. */
  long getErrors();

  /** Attempts past their deadline. */
  long getTimeouts();

  /** Attempts refused by the in-flight bound. */
  long getRejected();

  /** Requests sent or queued and not yet answered. */
  int getInFlight();

  /** Connections re-established after a drop. */
  long getReconnects();

  /** Circuit breaker state changes. */
  long getBreakerTransitions();

  /** Median latency. */
  long getLatencyP50Micros();

  /** 99th percentile latency. */
  long getLatencyP99Micros();

  /** 99.9th percentile latency. */
  long getLatencyP999Micros();

  /** The slowest attempt. */
  long getLatencyMaxMicros();
}
