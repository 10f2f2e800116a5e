package io.cacheman.internal.discovery;

import java.util.Objects;

/**
 * One SRV record (RFC 2782): {@code priority weight port target}.
 *
 * @param priority lower is preferred; only the lowest priority present becomes the node list
 * @param weight the node's share of the keys among records of its priority (ketama weight)
 * @param port the node's port
 * @param target the node's host name, without the trailing dot
 */
public record SrvRecord(int priority, int weight, int port, String target) {
  /** Checks the ranges RFC 2782 gives; {@code target} loses a trailing dot. */
  public SrvRecord {
    Objects.requireNonNull(target, "target");
    if (priority < 0 || priority > 65535 || weight < 0 || weight > 65535 || port < 0 || port > 65535) {
      throw new IllegalArgumentException("SRV fields out of range: " + priority + " " + weight + " " + port);
    }
    target = target.endsWith(".") ? target.substring(0, target.length() - 1) : target;
  }

  /**
   * The record in the text form DNS tools and JNDI print: {@code "10 60 16180 cache-1.example.com."}.
   *
   * @throws IllegalArgumentException when {@code text} is not four fields with numbers in range
   */
  public static SrvRecord parse(String text) {
    String[] fields = text.strip().split("\\s+");
    if (fields.length != 4) {
      throw new IllegalArgumentException("an SRV record has four fields (priority weight port target), got \""
          + text + "\"");
    }
    try {
      return new SrvRecord(Integer.parseInt(fields[0]), Integer.parseInt(fields[1]), Integer.parseInt(fields[2]),
          fields[3]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("an SRV record's priority, weight and port are numbers, got \"" + text
          + "\"", e);
    }
  }
}
