package io.cacheman.server;

import io.cacheman.server.internal.security.Credentials;
import io.cacheman.server.internal.security.PemFiles;
import io.cacheman.server.internal.security.TlsContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * {@code cacheman-server --health}: connects to a node, sends {@code version} and waits for its
 * {@code VERSION} line, all within one deadline. The answer is one line for a script or a
 * service manager to print.
 *
 * <p>Given the node's own TLS and auth settings, it speaks TLS, trusting the node's certificate
 * chain and its {@code ssl_ca_cert} (and presenting the node's certificate when the node asks
 * for client certificates), and logs in as the first user of the node's {@code -Y} file.
 */
final class HealthCheck {
  private static final int MAX_LINE = 256;

  /** Outcome of one probe: healthy or not, and the line to print. */
  record Result(boolean healthy, String line) {}

  private HealthCheck() {}

  /**
   * Probes the node at {@code host:port}. A wildcard listen address ({@code 0.0.0.0}, {@code
   * ::}) is probed through loopback, where such a node also answers.
   */
  static Result probe(String host, int port, Duration timeout) {
    return probe(host, port, timeout, null, null);
  }

  /**
   * Probes through TLS when {@code tls} is not null, logging in first as the first user of
   * {@code authFile} when that is not null.
   */
  static Result probe(String host, int port, Duration timeout, TlsSettings tls,
      java.nio.file.Path authFile) {
    String target = host.equals("0.0.0.0") ? "127.0.0.1" : host.equals("::") ? "::1" : host;
    String where = target.contains(":") ? "[" + HostPort.shortIpv6(target) + "]:" + port
        : target + ":" + port;
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    try (Socket plain = new Socket()) {
      plain.connect(new InetSocketAddress(target, port), remainingMillis(deadline));
      plain.setTcpNoDelay(true);
      Socket socket = plain;
      if (tls != null) {
        SSLSocket secure = (SSLSocket) clientFactory(tls).createSocket(plain, target, port, true);
        secure.setSoTimeout(remainingMillis(deadline));
        secure.startHandshake();
        socket = secure;
      }
      if (authFile != null) {
        String[] user = Credentials.load(authFile).first();
        byte[] token = (user[0] + " " + user[1]).getBytes(StandardCharsets.UTF_8);
        socket.getOutputStream().write(("set health 0 0 " + token.length + "\r\n")
            .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(token);
        socket.getOutputStream().write(new byte[] {'\r', '\n'});
        String reply = readLine(socket, deadline);
        if (!reply.equals("STORED")) {
          return new Result(false, "unhealthy " + where + ": authentication as " + user[0]
              + " refused: '" + reply + "'");
        }
      }
      socket.getOutputStream().write("version\r\n".getBytes(StandardCharsets.US_ASCII));
      String answer = readLine(socket, deadline);
      long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
      if (!answer.startsWith("VERSION ")) {
        return new Result(false, "unhealthy " + where + ": unexpected answer '" + answer + "'");
      }
      return new Result(true, "ok " + where + " " + answer + " (" + millis + " ms)");
    } catch (SocketTimeoutException e) {
      return new Result(false, "unhealthy " + where + ": no answer within "
          + timeout.toMillis() + " ms");
    } catch (ConnectException e) {
      return new Result(false, "unhealthy " + where + ": connection refused");
    } catch (UnknownHostException e) {
      return new Result(false, "unhealthy " + where + ": unknown host");
    } catch (IOException | IllegalArgumentException e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      return new Result(false, "unhealthy " + where + ": " + reason.toLowerCase());
    }
  }

  /** A client that trusts the node's own chain and CA, and shows the node's cert if asked. */
  private static SSLSocketFactory clientFactory(TlsSettings tls) {
    try {
      KeyStore trusted = tls.caCert() != null ? TlsContext.trustStore(tls.caCert())
          : KeyStore.getInstance("PKCS12");
      if (tls.caCert() == null) {
        trusted.load(null, null);
      }
      List<X509Certificate> chain = PemFiles.certificates(tls.chainCert());
      for (int i = 0; i < chain.size(); i++) {
        trusted.setCertificateEntry("node-" + i, chain.get(i));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(tls.verifyMode() == TlsSettings.VERIFY_NONE ? null
          : TlsContext.keyManagers(PemFiles.privateKey(tls.key()), chain),
          TlsContext.trustManagers(trusted), null);
      return context.getSocketFactory();
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("cannot set up TLS for the check: " + e.getMessage());
    }
  }

  /** Reads one {@code \r\n}-terminated line before the deadline, without the line end. */
  private static String readLine(Socket socket, long deadline) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder sb = new StringBuilder();
    while (sb.length() < MAX_LINE) {
      socket.setSoTimeout(remainingMillis(deadline));
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before an answer");
      }
      if (b == '\n') {
        return sb.toString().stripTrailing();
      }
      sb.append((char) b);
    }
    return sb.toString();
  }

  /** Milliseconds left, at least 1 (0 would mean "no timeout" to a socket). */
  private static int remainingMillis(long deadline) throws SocketTimeoutException {
    long left = Duration.ofNanos(deadline - System.nanoTime()).toMillis();
    if (left <= 0) {
      throw new SocketTimeoutException("deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }
}
