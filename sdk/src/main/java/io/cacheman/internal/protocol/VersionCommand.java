package io.cacheman.internal.protocol;

import okio.Buffer;

/** {@code version} → {@code VERSION <version>}; the client also sends it as a health probe. */
public final class VersionCommand extends Command<String> {
  private static final byte[] VERSION = ascii("version\r\n");
  private static final byte[] VERSION_REPLY = ascii("VERSION ");

  @Override
  public String name() {
    return "version";
  }

  @Override
  public void encode(Buffer sink) {
    sink.write(VERSION);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    if (!reader.readLine()) {
      return false;
    }
    if (reader.lineStartsWith(VERSION_REPLY)) {
      return complete(reader.restOfLine());
    }
    if (errorLine(reader)) {
      return true;
    }
    throw unexpected(reader);
  }

  @Override
  public boolean mutates() {
    return false;
  }
}
