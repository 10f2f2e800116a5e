package io.cacheman.server.internal.protocol;

import io.cacheman.server.internal.store.CNumbers;
import io.cacheman.server.internal.store.ItemRead;

/**
 * {@code get}/{@code gets <key>*} and {@code gat}/{@code gats <exptime> <key>*}. Any number of
 * keys; a key that is too long (or, stricter than memcached, holds a control character) turns the
 * whole reply into {@code CLIENT_ERROR bad command line format}, as memcached discards the hits it
 * had already gathered for the command.
 */
final class RetrievalCommands {
  private final ProtocolHandler h;

  RetrievalCommands(ProtocolHandler handler) {
    this.h = handler;
  }

  void run(boolean arityOk, boolean withCas, boolean touch) {
    if (!arityOk) {
      h.error();
      return;
    }
    CommandLine line = h.line;
    byte[] buf = line.buffer();
    int expiry = 0;
    int keysFrom = line.end(0);
    if (touch) {
      if (!CNumbers.parseSigned32(buf, line.start(1), line.end(1), h.number)) {
        h.out.write(Words.BAD_EXPTIME);
        return;
      }
      expiry = h.store.expiry(h.number[0]);
      keysFrom = line.end(1);
    }
    Output out = h.out;
    ItemRead read = h.read;
    long mark = out.mark();
    int key = line.nextToken(keysFrom);
    while (key >= 0) {
      int keyEnd = line.tokenEnd(key);
      int keyLen = keyEnd - key;
      if (!Keys.valid(buf, key, keyLen)) {
        out.reset(mark);
        h.stats.protocolErrors.increment();
        out.write(Words.BAD_FORMAT);
        return;
      }
      h.stats.cmdGet.increment();
      boolean hit;
      if (touch) {
        h.stats.cmdTouch.increment();
        hit = h.store.getAndTouch(buf, key, keyLen, expiry, read);
      } else {
        hit = h.store.get(buf, key, keyLen, read);
      }
      if (hit) {
        writeValue(out, buf, key, keyLen, read, withCas);
      }
      key = line.nextToken(keyEnd);
    }
    out.write(Words.END);
  }

  private static void writeValue(Output out, byte[] buf, int key, int keyLen, ItemRead read,
      boolean withCas) {
    int valueLen = read.valueLength();
    out.write(Words.VALUE);
    out.write(buf, key, keyLen);
    out.writeByte(' ');
    out.writeUnsigned(read.flags());
    out.writeByte(' ');
    out.writeUnsigned(valueLen);
    if (withCas) {
      out.writeByte(' ');
      out.writeUnsigned(read.cas());
    }
    out.write(Words.CRLF);
    if (read.isCopied()) {
      out.write(read.copy(), 0, valueLen + 2);
    } else {
      out.writeReferenced(read.page(), read.offset(), valueLen + 2, read.handle());
    }
  }
}
