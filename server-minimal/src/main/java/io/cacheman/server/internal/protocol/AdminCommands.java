package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.security.TlsContext;
import io.cacheman.server.internal.store.CNumbers;

/**
 * {@code flush_all}, {@code stats}, {@code version}, {@code verbosity}, {@code quit}, {@code
 * refresh_certs}.
 */
final class AdminCommands {
  private final ProtocolHandler h;
  private final StatsReport report;

  AdminCommands(ProtocolHandler handler) {
    this.h = handler;
    this.report = new StatsReport(handler.node);
  }

  /** Handles the line if it is one of these commands; false otherwise. */
  boolean dispatch(int n) {
    CommandLine line = h.line;
    if (line.is(0, Words.VERSION)) {
      h.out.write(h.node.versionReply);
    } else if (line.is(0, Words.STATS)) {
      stats(n);
    } else if (line.is(0, Words.FLUSH_ALL)) {
      flushAll(n >= 1 && n <= 3);
    } else if (line.is(0, Words.VERBOSITY)) {
      verbosity(n == 2 || n == 3);
    } else if (line.is(0, Words.QUIT)) {
      h.requestClose();
    } else if (line.is(0, Words.SHUTDOWN)) {
      h.out.write(Words.SHUTDOWN_DISABLED);
    } else if (line.is(0, Words.REFRESH_CERTS)) {
      refreshCerts();
    } else {
      return false;
    }
    return true;
  }

  /**
   * {@code refresh_certs [noreply]}: reads the TLS files again, as memcached does: {@code OK}
   * (silent with noreply), or memcached's error line whatever noreply says; on a node without TLS
   * {@code Error TLS not enabled}.
   */
  private void refreshCerts() {
    TlsContext tls = h.node.tls();
    if (tls == null) {
      h.out.write(Words.TLS_NOT_ENABLED);
      return;
    }
    String error = tls.reload();
    if (error == null) {
      h.reply(Words.OK, h.line.lastIsNoreply());
    } else {
      h.out.writeAscii(error.replace('\r', ' ').replace('\n', ' ') + "\r\n");
    }
  }

  /** {@code flush_all [delay] [noreply]}; a bad delay is {@code invalid exptime argument}. */
  private void flushAll(boolean arityOk) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    boolean noreply = line.lastIsNoreply();
    h.stats.cmdFlush.increment();
    long delay = 0;
    if (line.count() != (noreply ? 2 : 1)) {
      if (!CNumbers.parseSigned32(line.buffer(), line.start(1), line.end(1), h.number)) {
        h.fail(Words.BAD_EXPTIME, noreply);
        return;
      }
      delay = h.number[0];
    }
    h.store.flushAll(delay);
    h.reply(Words.OK, noreply);
  }

  /**
   * {@code verbosity <level> [noreply]}: accepted and remembered; logging is configured apart.
   */
  private void verbosity(boolean arityOk) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    boolean noreply = line.lastIsNoreply();
    if (noreply && line.count() == 2) {
      // "verbosity noreply" names no level: a silent no-op. libmemcached's memccapable sends it
      // and expects nothing back (memcached 1.4 read it as level 0; 1.6 sends nothing either).
      return;
    }
    if (!CNumbers.parseUnsigned32(line.buffer(), line.start(1), line.end(1), h.number)) {
      h.fail(Words.BAD_FORMAT, noreply);
      return;
    }
    h.node.verbosity((int) Math.min(h.number[0], 2));
    h.reply(Words.OK, noreply);
  }

  private void stats(int n) {
    CommandLine line = h.line;
    if (n == 1) {
      report.writeGeneral(h.out);
    } else if (line.is(1, Words.SETTINGS)) {
      report.settings(h.out);
    } else if (line.is(1, Words.RESET)) {
      h.stats.reset();
      h.out.write(Words.RESET_REPLY);
    } else if (line.is(1, StatsReport.SLABS)) {
      report.slabs(h.out);
    } else if (line.is(1, StatsReport.ITEMS)) {
      report.items(h.out);
    } else if (line.is(1, StatsReport.SIZES) || line.is(1, StatsReport.CONNS)) {
      // memcached's size histogram and connection table have no counterpart here: empty.
      h.out.write(Words.END);
    } else {
      h.error();
    }
  }
}
