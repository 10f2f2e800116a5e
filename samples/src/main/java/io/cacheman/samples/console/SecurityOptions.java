package io.cacheman.samples.console;

import io.cacheman.config.AuthConfig;
import io.cacheman.config.CachemanConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * TLS and login options of the console's command line, laid over the settings of {@code --config}
 * or {@code --connect}: the same {@code cacheman.tls.*} and {@code cacheman.auth.*} settings a
 * settings file has, for a quick look at a secured node. No option takes a password itself: it
 * would stay in the shell's history and in the process list.
 */
final class SecurityOptions {
  @Option(names = "--tls", description = "speak TLS to the nodes (cacheman.tls.enabled)")
  boolean tls;

  @Option(names = "--tls-ca-file", paramLabel = "FILE", description = "PEM CA certificates to trust (implies --tls)")
  Path caFile;

  @Option(names = "--tls-cert-file", paramLabel = "FILE", description = "client certificate, for mutual TLS")
  Path certFile;

  @Option(names = "--tls-key-file", paramLabel = "FILE", description = "its PKCS#8 PEM private key")
  Path keyFile;

  @Option(names = "--tls-no-verify-hostname", description = "accept a certificate that does not name the host")
  boolean noVerifyHostname;

  @Option(names = "--user", paramLabel = "NAME", description = "log in as NAME (memcached's ASCII auth, -Y)")
  String user;

  @Option(names = "--password-env", paramLabel = "VAR", description = "the environment variable holding the password")
  String passwordEnv;

  @Option(names = "--password-file", paramLabel = "FILE", description = "the file whose first line is the password")
  Path passwordFile;

  /** {@code config} with the options given on the command line; unchanged when none was. */
  CachemanConfig.Builder apply(CachemanConfig.Builder config) {
    if (tls || caFile != null || certFile != null || keyFile != null || noVerifyHostname) {
      config.tls(t -> {
        t.enabled(true);
        if (caFile != null) {
          t.caFile(caFile);
        }
        if (certFile != null) {
          t.certFile(certFile).keyFile(keyFile);
        }
        if (noVerifyHostname) {
          t.verifyHostname(false);
        }
      });
    }
    if (user != null || passwordEnv != null || passwordFile != null) {
      config.auth(AuthConfig.builder().username(user).passwordEnv(passwordEnv).passwordFile(passwordFile).build());
    }
    return config;
  }
}
