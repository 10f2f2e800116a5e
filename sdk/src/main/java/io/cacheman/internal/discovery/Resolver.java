package io.cacheman.internal.discovery;

import java.io.IOException;
import java.net.InetAddress;
import java.util.List;

/**
 * Asks DNS. Pluggable so that tests (and applications with a service registry of their own) can
 * answer without a DNS server. Calls block for as long as the lookup takes: the client makes them
 * on its connector threads, never on a caller's thread or an I/O thread.
 */
public interface Resolver {

  /** Every A and AAAA record of {@code host}, in any order. */
  List<InetAddress> addresses(String host) throws IOException;

  /** Every SRV record of {@code name}, in any order. */
  List<SrvRecord> srv(String name) throws IOException;
}
