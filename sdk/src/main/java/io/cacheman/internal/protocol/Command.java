package io.cacheman.internal.protocol;

import java.nio.charset.StandardCharsets;
import okio.Buffer;

/**
 * One memcached text-protocol command: writes its request bytes and decodes its reply.
 *
 * <h2>Lifecycle</h2>
 * {@link #encode} once per attempt; then {@link #decode} each time more reply bytes arrive until
 * it returns true; then read {@link #result()} or, when the server answered with an error line,
 * {@link #error()}. {@link #reset()} clears the decoded state for another attempt (a retry).
 *
 * <h2>Suspicion</h2>
 * Decoders accept exactly the replies memcached's {@code protocol.txt} allows for their command
 * and throw {@link ProtocolException} for anything else: the caller must then drop the
 * connection, since the reply stream can no longer be matched to requests.
 *
 * @param <R> the decoded result
 */
public abstract class Command<R> {
  static final byte[] CRLF = ascii("\r\n");
  private static final byte[] ERROR = ascii("ERROR");
  private static final byte[] ERROR_WITH_REASON = ascii("ERROR ");
  private static final byte[] CLIENT_ERROR = ascii("CLIENT_ERROR ");
  private static final byte[] SERVER_ERROR = ascii("SERVER_ERROR ");

  private R result;
  private ErrorReply error;

  /** The command's name as sent ({@code get}, {@code set}, …), for messages. */
  public abstract String name();

  public abstract void encode(Buffer sink);

  /**
   * As {@link #encode(Buffer)}, handing a data block to {@code blocks} (which appends to the same
   * stream as {@code sink}) instead of copying it into {@code sink}: commands that send one override this.
   */
  public void encode(Buffer sink, BlockSink blocks) {
    encode(sink);
  }

  /**
   * Consumes as much of the reply as has arrived: true once it is complete, no byte beyond it consumed.
   * Throws {@link ProtocolException} when the bytes are not a legal reply to this command.
   */
  public abstract boolean decode(ReplyReader reader) throws ProtocolException;

  /** The decoded result; meaningful once {@link #decode} returned true and {@link #error()} is null. */
  public final R result() {
    return result;
  }

  /** The error line the server sent instead of a normal reply, or null. */
  public final ErrorReply error() {
    return error;
  }

  /**
   * True when the reply leaves it unknown whether the server and client still agree on where the
   * next reply starts (say, {@code ERROR} to a storage command: the server may read the data block
   * as commands). The connection must then be closed after this reply.
   */
  public boolean leavesStreamInDoubt() {
    return false;
  }

  /**
   * Whether the next encoding is in memcached's meta protocol (the connection speaks it, and
   * {@code cacheman.protocol} asks for it); commands that have no meta form ignore it.
   */
  public void useMeta(boolean meta) {
  }

  /** Caps the lifetime the next encoding gives an item at {@code maxSeconds} (0: no cap), if it gives one. */
  public void capLifetime(long maxSeconds) {
  }

  /** The key under which this command may share one command line with like ones (see {@link #adopt}), or null. */
  public byte[] shareKey() {
    return null;
  }

  /**
   * Takes its outcome from a shared command's reply instead of decoding one of its own: the
   * result, or the error line the shared command got.
   */
  public final void adopt(R value, ErrorReply reply) {
    if (reply != null) {
      error = reply;
    } else {
      result = value;
    }
  }

  /** Whether the command changes what the node holds for its key (a write, delete, touch or count). */
  public boolean mutates() {
    return true;
  }

  /** Clears decoded state so the command can be sent again. */
  public void reset() {
    result = null;
    error = null;
  }

  /** Records {@code value} as the result; returns true so decoders can {@code return complete(v)}. */
  protected final boolean complete(R value) {
    result = value;
    return true;
  }

  /** Records the current line as the reply when it is an error line. */
  protected final boolean errorLine(ReplyReader reader) {
    if (reader.lineIs(ERROR) || reader.lineStartsWith(ERROR_WITH_REASON)
        || reader.lineStartsWith(CLIENT_ERROR) || reader.lineStartsWith(SERVER_ERROR)) {
      error = new ErrorReply(reader.line());
      return true;
    }
    return false;
  }

  /** Decodes a one-line reply: the index of the keyword it is, -1 for an error line, -2 until it has arrived. */
  protected final int oneLine(ReplyReader reader, byte[]... keywords) throws ProtocolException {
    if (!reader.readLine()) {
      return -2;
    }
    for (int i = 0; i < keywords.length; i++) {
      if (reader.lineIs(keywords[i])) {
        return i;
      }
    }
    if (errorLine(reader)) {
      return -1;
    }
    throw unexpected(reader);
  }

  /** The error for a reply line this command does not allow, quoting it. */
  protected final ProtocolException unexpected(ReplyReader reader) {
    return new ProtocolException("unexpected reply to " + name() + ": " + reader.line());
  }

  static void writeUnsigned(Buffer sink, long value) {
    if (value >= 0) {
      sink.writeDecimalLong(value);
    } else {
      sink.writeUtf8(Long.toUnsignedString(value));
    }
  }

  static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
