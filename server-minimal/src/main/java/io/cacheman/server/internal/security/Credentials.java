package io.cacheman.server.internal.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The users of memcached's ASCII authentication ({@code -Y FILE}): one {@code user:password} per
 * line, the password running to the end of the line (a {@code \r} before the line end is not
 * part of it), read once at start. Blank lines are skipped; a line without {@code :} stops the
 * node with its line number (never its text, which may hold a password). Unlike memcached, which
 * keeps the first 8 entries and silently drops the rest, every entry counts.
 *
 * <p>Passwords are compared in constant time and appear in no message, log line or stat.
 * Immutable and thread-safe.
 */
public final class Credentials {
  private final byte[][] users;
  private final byte[][] passwords;

  private Credentials(List<byte[]> users, List<byte[]> passwords) {
    this.users = users.toArray(byte[][]::new);
    this.passwords = passwords.toArray(byte[][]::new);
  }

  /**
   * Reads an auth file.
   *
   * @throws IllegalArgumentException naming the file (and line) when it cannot be used
   */
  public static Credentials load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("-Y/--auth-file " + file + " does not exist");
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read -Y/--auth-file " + file + ": "
          + e.getMessage());
    }
    List<byte[]> users = new ArrayList<>();
    List<byte[]> passwords = new ArrayList<>();
    int lineNo = 0;
    int from = 0;
    while (from < bytes.length) {
      lineNo++;
      int nl = indexOf(bytes, (byte) '\n', from, bytes.length);
      int end = nl < 0 ? bytes.length : nl;
      int next = end + 1;
      if (end > from && bytes[end - 1] == '\r') {
        end--;
      }
      if (end > from) {
        int colon = indexOf(bytes, (byte) ':', from, end);
        if (colon <= from) {
          Arrays.fill(bytes, (byte) 0);
          throw new IllegalArgumentException("-Y/--auth-file " + file + " line " + lineNo
              + " is not of the form user:password");
        }
        users.add(Arrays.copyOfRange(bytes, from, colon));
        passwords.add(Arrays.copyOfRange(bytes, colon + 1, end));
      }
      from = next;
    }
    Arrays.fill(bytes, (byte) 0);
    if (users.isEmpty()) {
      throw new IllegalArgumentException("-Y/--auth-file " + file + " holds no user:password "
          + "line, so no client could ever authenticate");
    }
    return new Credentials(users, passwords);
  }

  /** True when {@code user} and {@code password} are one of the file's entries. */
  public boolean check(byte[] buf, int userFrom, int userTo, int passFrom, int passTo) {
    byte[] user = Arrays.copyOfRange(buf, userFrom, userTo);
    byte[] password = Arrays.copyOfRange(buf, passFrom, passTo);
    boolean ok = false;
    for (int i = 0; i < users.length; i++) {
      // every entry is compared, whatever matched, so timing says nothing about which did
      ok |= MessageDigest.isEqual(user, users[i]) & MessageDigest.isEqual(password, passwords[i]);
    }
    Arrays.fill(password, (byte) 0);
    return ok;
  }

  /** The first entry, for {@code --health}: the health check logs in as it. */
  public String[] first() {
    return new String[] {new String(users[0], StandardCharsets.UTF_8),
        new String(passwords[0], StandardCharsets.UTF_8)};
  }

  @Override
  public String toString() {
    return "Credentials[" + users.length + " users]";
  }

  private static int indexOf(byte[] b, byte x, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == x) {
        return i;
      }
    }
    return -1;
  }
}
