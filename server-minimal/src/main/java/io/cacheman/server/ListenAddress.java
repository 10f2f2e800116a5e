package io.cacheman.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** Checks {@code -l} before the node starts: a name that does not resolve is a bad flag. */
final class ListenAddress {
  private ListenAddress() {}

  /** @throws IllegalArgumentException naming the address when it cannot be resolved */
  static void check(String listen) {
    try {
      InetAddress.getByName(listen);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("-l/--listen '" + listen
          + "' is not an address of this machine or a host name that resolves");
    }
  }
}
