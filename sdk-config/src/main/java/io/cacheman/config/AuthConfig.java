package io.cacheman.config;

import io.cacheman.config.internal.KeyCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * memcached's ASCII authentication ({@code cacheman.auth.*}): a user name, and where its password
 * is kept — an environment variable or a file, never the settings file itself, which tends to be
 * checked in and copied around. The password is read when a connection opens, so a rotated file or
 * a restarted process with a new variable takes effect on the next connection, and is never held
 * by this object.
 */
public final class AuthConfig {
  private final String username;
  private final String passwordEnv;
  private final Path passwordFile;

  private AuthConfig(String username, String passwordEnv, Path passwordFile) {
    this.username = username;
    this.passwordEnv = passwordEnv;
    this.passwordFile = passwordFile;
  }

  /**
   * A user whose password is in the environment variable {@code variable}.
   *
   * @throws ConfigException if the name is unusable or the variable is not set
   */
  public static AuthConfig passwordFromEnv(String username, String variable) {
    return new Builder().username(username).passwordEnv(variable).build();
  }

  /**
   * A user whose password is the first line of {@code file}.
   *
   * @throws ConfigException if the name is unusable or the file cannot be read
   */
  public static AuthConfig passwordFromFile(String username, Path file) {
    return new Builder().username(username).passwordFile(file).build();
  }

  /** A builder for the settings file's three keys, which {@link Builder#build()} checks together. */
  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder().username(username).passwordEnv(passwordEnv).passwordFile(passwordFile);
  }

  /** {@code cacheman.auth.username}. */
  public String username() {
    return username;
  }

  /** {@code cacheman.auth.password-env}: the environment variable holding the password. */
  public Optional<String> passwordEnv() {
    return Optional.ofNullable(passwordEnv);
  }

  /** {@code cacheman.auth.password-file}: the file whose first line is the password. */
  public Optional<Path> passwordFile() {
    return Optional.ofNullable(passwordFile);
  }

  /** Names where the password comes from, never the password. */
  @Override
  public String toString() {
    return "AuthConfig{username=" + username + ", password from "
        + (passwordEnv != null ? "environment variable " + passwordEnv : "file " + passwordFile) + "}";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AuthConfig a && username.equals(a.username) && Objects.equals(passwordEnv, a.passwordEnv)
        && Objects.equals(passwordFile, a.passwordFile);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, passwordEnv, passwordFile);
  }

  /** Collects the three keys of a settings file; {@link #build()} checks them together. Not thread-safe. */
  public static final class Builder {
    private String username;
    private String passwordEnv;
    private Path passwordFile;

    private Builder() {}

    /** True while none of the three is set: no authentication. */
    public boolean isEmpty() {
      return username == null && passwordEnv == null && passwordFile == null;
    }

    public Builder username(String name) {
      this.username = name;
      return this;
    }

    public Builder passwordEnv(String variable) {
      this.passwordEnv = variable;
      return this;
    }

    public Builder passwordFile(Path file) {
      this.passwordFile = file;
      return this;
    }

    /**
     * Checks the settings together: a user, exactly one place for the password, and that place exists.
     *
     * @throws ConfigException naming the key at fault
     */
    public AuthConfig build() {
      String where = passwordEnv != null ? KeyCatalog.AUTH_PASSWORD_ENV : KeyCatalog.AUTH_PASSWORD_FILE;
      check(username != null && !username.isBlank(), KeyCatalog.AUTH_USERNAME, username,
          username == null ? "is missing: " + where + " is set, so name the user too" : "is empty");
      check(username.chars().noneMatch(c -> c <= ' '), KeyCatalog.AUTH_USERNAME, username,
          "contains a space or control character, which memcached's authentication line cannot carry");
      check(passwordEnv != null || passwordFile != null, KeyCatalog.AUTH_USERNAME, username,
          "has no password: set " + KeyCatalog.AUTH_PASSWORD_ENV + " (an environment variable's name) or "
              + KeyCatalog.AUTH_PASSWORD_FILE + " (a file readable only by the application)");
      check(passwordEnv == null || passwordFile == null, KeyCatalog.AUTH_PASSWORD_FILE, passwordFile,
          "is set together with " + KeyCatalog.AUTH_PASSWORD_ENV + "; keep one of the two");
      check(passwordEnv == null || System.getenv(passwordEnv) != null, KeyCatalog.AUTH_PASSWORD_ENV,
          passwordEnv, "names an environment variable that is not set");
      check(passwordFile == null || Files.isReadable(passwordFile), KeyCatalog.AUTH_PASSWORD_FILE,
          passwordFile, "cannot be read: no such file, or no permission");
      return new AuthConfig(username, passwordEnv, passwordFile);
    }

    private static void check(boolean ok, String key, Object value, String reason) {
      if (!ok) {
        throw new ConfigException(ConfigException.BUILDER_SOURCE, 0, key, String.valueOf(value), reason);
      }
    }
  }
}
