package io.cacheman.server.internal.protocol;

import java.nio.charset.StandardCharsets;

/** Command names and reply lines of the text protocol, as bytes. */
final class Words {
  static final byte[] GET = ascii("get");
  static final byte[] GETS = ascii("gets");
  static final byte[] GAT = ascii("gat");
  static final byte[] GATS = ascii("gats");
  static final byte[] SET = ascii("set");
  static final byte[] ADD = ascii("add");
  static final byte[] REPLACE = ascii("replace");
  static final byte[] APPEND = ascii("append");
  static final byte[] PREPEND = ascii("prepend");
  static final byte[] CAS = ascii("cas");
  static final byte[] DELETE = ascii("delete");
  static final byte[] INCR = ascii("incr");
  static final byte[] DECR = ascii("decr");
  static final byte[] TOUCH = ascii("touch");
  static final byte[] FLUSH_ALL = ascii("flush_all");
  static final byte[] STATS = ascii("stats");
  static final byte[] VERSION = ascii("version");
  static final byte[] VERBOSITY = ascii("verbosity");
  static final byte[] QUIT = ascii("quit");
  static final byte[] SHUTDOWN = ascii("shutdown");
  static final byte[] NOREPLY = ascii("noreply");
  static final byte[] ZERO = ascii("0");
  static final byte[] SETTINGS = ascii("settings");
  static final byte[] RESET = ascii("reset");
  static final byte[] HTTP = ascii("HTTP/");
  static final byte[] REFRESH_CERTS = ascii("refresh_certs");

  static final byte[] ERROR = ascii("ERROR\r\n");
  static final byte[] STORED = ascii("STORED\r\n");
  static final byte[] NOT_STORED = ascii("NOT_STORED\r\n");
  static final byte[] EXISTS = ascii("EXISTS\r\n");
  static final byte[] NOT_FOUND = ascii("NOT_FOUND\r\n");
  static final byte[] DELETED = ascii("DELETED\r\n");
  static final byte[] TOUCHED = ascii("TOUCHED\r\n");
  static final byte[] OK = ascii("OK\r\n");
  static final byte[] END = ascii("END\r\n");
  static final byte[] RESET_REPLY = ascii("RESET\r\n");
  static final byte[] VALUE = ascii("VALUE ");
  static final byte[] CRLF = ascii("\r\n");
  static final byte[] BAD_FORMAT = ascii("CLIENT_ERROR bad command line format\r\n");
  static final byte[] BAD_DELETE = ascii(
      "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n");
  static final byte[] BAD_CHUNK = ascii("CLIENT_ERROR bad data chunk\r\n");
  static final byte[] BAD_EXPTIME = ascii("CLIENT_ERROR invalid exptime argument\r\n");
  static final byte[] BAD_DELTA = ascii("CLIENT_ERROR invalid numeric delta argument\r\n");
  static final byte[] NON_NUMERIC = ascii(
      "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
  static final byte[] LINE_TOO_LONG = ascii("CLIENT_ERROR line too long\r\n");
  static final byte[] TOO_LARGE = ascii("SERVER_ERROR object too large for cache\r\n");
  static final byte[] NO_MEMORY = ascii("SERVER_ERROR out of memory storing object\r\n");
  static final byte[] NO_MEMORY_ARITHMETIC = ascii("SERVER_ERROR out of memory\r\n");
  static final byte[] SHUTDOWN_DISABLED = ascii("ERROR: shutdown not enabled\r\n");
  static final byte[] TLS_NOT_ENABLED = ascii("Error TLS not enabled\r\n");
  static final byte[] TOO_MANY_CONNECTIONS = ascii("ERROR Too many open connections\r\n");

  private Words() {}

  static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
