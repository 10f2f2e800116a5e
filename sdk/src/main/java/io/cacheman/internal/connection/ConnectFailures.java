package io.cacheman.internal.connection;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import javax.net.ssl.SSLException;

/**
 * One sentence for why a connection could not be opened: for TLS, what is wrong with whose
 * certificate and which setting fixes it, rather than the JDK's exception chain.
 */
final class ConnectFailures {
  private ConnectFailures() {}

  static String describe(Exception e, String node) {
    if (e instanceof Login.Refused) {
      return "login failed: " + e.getMessage();
    }
    if (e instanceof SSLException) {
      return "TLS handshake with " + node + " failed: " + tlsReason((SSLException) e);
    }
    if (e instanceof java.net.SocketTimeoutException && e.getMessage() != null
        && e.getMessage().contains("connect timeout")) {
      return "cannot connect: " + e.getMessage();
    }
    return "cannot connect: " + e;
  }

  private static String tlsReason(SSLException e) {
    if (has(e, CertificateExpiredException.class) || has(e, CertificateNotYetValidException.class)) {
      return "the node's certificate is outside its validity period (" + innermost(e) + ")";
    }
    if (has(e, CertPathBuilderException.class) || has(e, CertPathValidatorException.class)) {
      return "the node's certificate is not signed by a trusted CA; name its CA in cacheman.tls.ca-file or "
          + "cacheman.tls.trust-store (" + innermost(e) + ")";
    }
    String message = String.valueOf(e.getMessage());
    if (message.contains("No subject alternative") || message.contains("No name matching")) {
      return "the node's certificate does not name the host the client connects to; list the node by a "
          + "name or address its certificate has (" + innermost(e) + ")";
    }
    if (message.contains("nsupported or unrecognized SSL message") || message.contains("Unrecognized SSL message")) {
      return "the node does not speak TLS on this port (a plaintext node, or not a cache node)";
    }
    if (message.contains("certificate_required") || message.contains("handshake_failure")
        && message.contains("alert")) {
      return "the node wants a client certificate: set cacheman.tls.cert-file and cacheman.tls.key-file ("
          + message + ")";
    }
    if (message.contains("alert") && (message.contains("unknown_ca") || message.contains("bad_certificate"))) {
      return "the node refused the client's certificate (" + message + ")";
    }
    return message;
  }

  private static boolean has(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String innermost(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
