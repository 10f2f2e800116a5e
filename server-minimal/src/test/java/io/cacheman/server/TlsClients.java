package io.cacheman.server;

import io.cacheman.server.internal.security.PemFiles;
import io.cacheman.server.internal.security.TlsContext;
import io.cacheman.server.testing.TestCertificates;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;

/** TLS settings and JDK clients made from the shared throwaway certificates. */
final class TlsClients {
  private TlsClients() {}

  static TestCertificates certs() {
    return TestCertificates.shared();
  }

  /** The node's side: the test server certificate, no client certificates. */
  static TlsSettings serverSettings() {
    return TlsSettings.of(certs().serverCertFile(), certs().serverKeyFile());
  }

  /** memcached's flags for the same certificate (its {@code -o} paths must be absolute). */
  static String[] memcachedFlags(String... moreOptions) {
    StringBuilder o = new StringBuilder("ssl_chain_cert=")
        .append(certs().serverCertFile().toAbsolutePath()).append(",ssl_key=")
        .append(certs().serverKeyFile().toAbsolutePath());
    for (String more : moreOptions) {
      o.append(',').append(more);
    }
    return new String[] {"-Z", "-o", o.toString()};
  }

  /** A client trusting the test CA, presenting the test client certificate if asked to. */
  static SSLSocketFactory client(boolean withClientCertificate) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(withClientCertificate ? TlsContext.keyManagers(
        PemFiles.privateKey(certs().clientKeyFile()),
        PemFiles.certificates(certs().clientCertFile())) : null,
        TlsContext.trustManagers(TlsContext.trustStore(certs().caFile())), null);
    return context.getSocketFactory();
  }
}
