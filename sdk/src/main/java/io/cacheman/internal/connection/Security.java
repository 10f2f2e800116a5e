package io.cacheman.internal.connection;

import java.io.IOException;
import javax.net.ssl.SSLEngine;

/**
 * What a new connection does before it carries requests, both optional: a TLS handshake, then
 * memcached's ASCII authentication. Both run on a connector thread within the connect timeout.
 *
 * @param tls makes the TLS engine for a node, or null for plaintext
 * @param credentials the user to log in as, or null for none
 */
public record Security(TlsEngines tls, Credentials credentials) {
  public static final Security NONE = new Security(null, null);

  /** A client-mode TLS engine for the node at {@code host:port}, configured for hostname checks. */
  @FunctionalInterface
  public interface TlsEngines {
    SSLEngine create(String host, int port);
  }

  /** A user name and a password read afresh at each connect (so a rotated secret is picked up). */
  public interface Credentials {
    String username();

    /** The password; the caller clears the array once sent. */
    char[] password() throws IOException;
  }
}
