package io.cacheman.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The node's TLS and authentication flags, spelled as memcached spells them: {@code -Z} with
 * {@code -o ssl_chain_cert=…,ssl_key=…,ssl_ca_cert=…,ssl_verify_mode=…,ssl_min_version=…}, and
 * {@code -Y FILE}. Each {@code ssl_*} option also has a long flag ({@code --ssl-chain-cert} …),
 * which is its key in the config file; an {@code -o} entry overrides it. Shared by the node and by
 * {@code --health}, which reaches a TLS + auth node with the same settings.
 */
final class SecurityOptions {
  private static final List<String> EXTENDED = List.of("ssl_chain_cert", "ssl_key",
      "ssl_ca_cert", "ssl_verify_mode", "ssl_min_version");

  @Option(names = {"-Z", "--enable-ssl"},
      description = "Serve TLS only, as memcached -Z (certificate and key: -o ssl_chain_cert=FILE,"
          + "ssl_key=FILE).")
  boolean enableSsl;

  @Option(names = {"-o", "--extended"}, paramLabel = "ssl_NAME=VALUE,...",
      description = "memcached's extended options; this node takes ssl_chain_cert, ssl_key, "
          + "ssl_ca_cert, ssl_verify_mode (0 none, 1 request, 2 require, 3 once) and "
          + "ssl_min_version (0-3 or tlsv1.0-tlsv1.3; default 2, TLS 1.2).")
  List<String> extended = new ArrayList<>();

  @Option(names = "--ssl-chain-cert", paramLabel = "FILE",
      description = "PEM: the node's certificate, then its intermediates (= -o ssl_chain_cert).")
  Path chainCert;

  @Option(names = "--ssl-key", paramLabel = "FILE",
      description = "PEM private key of that certificate, unencrypted (= -o ssl_key; default: "
          + "the chain file).")
  Path key;

  @Option(names = "--ssl-ca-cert", paramLabel = "FILE",
      description = "PEM CA certificate(s) that sign client certificates (= -o ssl_ca_cert).")
  Path caCert;

  @Option(names = "--ssl-verify-mode", paramLabel = "0..3",
      description = "Client certificates: 0 not asked for, 1 checked if sent, 2 and 3 required "
          + "(= -o ssl_verify_mode; default: 0).")
  String verifyMode;

  @Option(names = "--ssl-min-version", paramLabel = "VERSION",
      description = "Oldest TLS accepted: 0-3 or tlsv1.0-tlsv1.3 (= -o ssl_min_version; "
          + "default: 2, TLS 1.2).")
  String minVersion;

  @Option(names = {"-Y", "--auth-file"}, paramLabel = "FILE",
      description = "memcached's ASCII authentication: lines user:password; a client must send "
          + "set <any key> 0 0 <n> with data '<user> <password>' before any other command.")
  Path authFile;

  /** Config-file keys of these flags: the long names without dashes ({@code -o} has none). */
  static List<String> configKeys() {
    return List.of("enable-ssl", "ssl-chain-cert", "ssl-key", "ssl-ca-cert", "ssl-verify-mode",
        "ssl-min-version", "auth-file");
  }

  /**
   * The TLS settings these flags select, or null for plaintext.
   *
   * @throws IllegalArgumentException one sentence naming the option and the value at fault
   */
  TlsSettings tls() {
    Path chain = chainCert;
    Path keyFile = key;
    Path ca = caCert;
    String mode = verifyMode;
    String min = minVersion;
    for (String list : extended) {
      for (String item : list.split(",")) {
        int eq = item.indexOf('=');
        if (eq <= 0) {
          throw new IllegalArgumentException("-o " + item + ": expected name=value, e.g. -o "
              + "ssl_chain_cert=/etc/cacheman/server.pem,ssl_key=/etc/cacheman/server.key");
        }
        String name = item.substring(0, eq).strip();
        String value = item.substring(eq + 1).strip();
        switch (name) {
          case "ssl_chain_cert" -> chain = Path.of(value);
          case "ssl_key" -> keyFile = Path.of(value);
          case "ssl_ca_cert" -> ca = Path.of(value);
          case "ssl_verify_mode" -> mode = value;
          case "ssl_min_version" -> min = value;
          default -> throw new IllegalArgumentException("-o " + name + " is not an option of "
              + "this node; it takes " + String.join(", ", EXTENDED));
        }
      }
    }
    if (!enableSsl) {
      String set = chain != null ? "ssl_chain_cert" : keyFile != null ? "ssl_key"
          : ca != null ? "ssl_ca_cert" : mode != null ? "ssl_verify_mode"
          : min != null ? "ssl_min_version" : null;
      if (set != null) {
        throw new IllegalArgumentException(set + " is set but TLS is off: add -Z/--enable-ssl "
            + "(enable-ssl = true in a config file), or remove " + set);
      }
      return null;
    }
    if (chain == null) {
      throw new IllegalArgumentException("-Z/--enable-ssl needs the node's certificate and key: "
          + "-o ssl_chain_cert=FILE,ssl_key=FILE (ssl-chain-cert and ssl-key in a config file)");
    }
    int modeNumber = 0;
    if (mode != null) {
      try {
        modeNumber = Integer.parseInt(mode.strip());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("ssl_verify_mode must be 0 (none), 1 (request), "
            + "2 (require) or 3 (once), got '" + mode + "'");
      }
    }
    int minNumber = min == null ? TlsSettings.DEFAULT_MIN_VERSION
        : TlsSettings.parseMinVersion(min);
    return new TlsSettings(chain, keyFile != null ? keyFile : chain, ca, modeNumber, minNumber);
  }
}
