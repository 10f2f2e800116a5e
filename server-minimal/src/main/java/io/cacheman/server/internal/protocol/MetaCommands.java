package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.MetaItem;

/**
 * memcached 1.6's meta commands: a line whose command is two bytes starting with {@code m}.
 * Each has a class of its own but {@code mn}, answered here; here too are the checks every meta command makes first, in memcached's order: too few tokens
 * ({@code ERROR}), a bad key, too many flags, then the flags themselves ({@link MetaFlags}).
 * {@code me} is {@link MetaDebug}; any other {@code m?} answers {@code ERROR}, as in memcached.
 *
 * <p>Meta errors are always sent, {@code q} or not; {@code q} hides only the reply of a nominal
 * outcome ({@code HD}; for {@code mg} the miss, {@code EN}), exactly as in memcached.
 */
final class MetaCommands {
  /** memcached refuses more than 20 tokens, counting its terminal one: 19 here. */
  static final int MAX_TOKENS = 19;

  final ProtocolHandler h;
  final MetaFlags flags = new MetaFlags();
  final MetaEcho echo = new MetaEcho();
  final MetaItem view = new MetaItem();
  private final MetaGet get;
  private final MetaSet set;
  private final MetaArithmetic arithmetic;
  private final MetaDebug debug;
  private final MetaDelete delete;

  MetaCommands(ProtocolHandler handler) {
    this.h = handler;
    this.get = new MetaGet(this);
    this.set = new MetaSet(this);
    this.arithmetic = new MetaArithmetic(this);
    this.debug = new MetaDebug(this);
    this.delete = new MetaDelete(this);
  }

  /** Runs the meta command on {@code h.line} (n tokens, the first two bytes long, 'm'...). */
  void dispatch(int n) {
    switch (h.line.buffer()[h.line.start(0) + 1]) {
      case 'g':
        get.run(n);
        break;
      case 's':
        set.start(n);
        break;
      case 'd':
        delete.run(n);
        break;
      case 'a':
        arithmetic.run(n);
        break;
      case 'n':
        h.out.write(MetaWords.MN);
        break;
      case 'e':
        debug.run(n);
        break;
      default:
        h.error();
    }
  }

  /** The data block of an {@code ms} has arrived. */
  MetaSet set() {
    return set;
  }

  /**
   * The checks before the flags: at least a key ({@code ERROR} otherwise), a valid key and at
   * most {@link #MAX_TOKENS} tokens. False when the line was answered with an error.
   */
  boolean lineOk(int n, byte[] tooManyFlags) {
    if (n < 2) {
      h.error();
      return false;
    }
    CommandLine line = h.line;
    if (!Keys.valid(line.buffer(), line.start(1), line.length(1))) {
      fail(Words.BAD_FORMAT);
      return false;
    }
    if (n > MAX_TOKENS) {
      fail(tooManyFlags);
      return false;
    }
    return true;
  }

  /** Writes an error line; meta errors ignore {@code q}. */
  void fail(byte[] errorLine) {
    h.stats.protocolErrors.increment();
    h.out.write(errorLine);
  }

  /** Writes {@code code}, the echoed fields and the line end, unless {@code quiet}. */
  void reply(byte[] code, boolean quiet) {
    if (!quiet) {
      h.out.write(code);
      echo.writeTo(h.out, 0);
      h.out.write(Words.CRLF);
    }
  }
}
