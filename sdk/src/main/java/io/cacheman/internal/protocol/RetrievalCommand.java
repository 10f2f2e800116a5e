package io.cacheman.internal.protocol;

import java.util.Objects;
import okio.Buffer;

/**
 * {@code get}, {@code gets}, {@code gat} and {@code gats} of one or more keys (memcached
 * {@code protocol.txt} "Retrieval command"). The reply is zero or more
 * {@code VALUE <key> <flags> <bytes>[ <cas>]} lines, each followed by its data block, then {@code END}.
 * memcached answers in the order asked and skips misses, so each {@code VALUE} must name a requested
 * key after the previous one answered: any other key means the stream is out of step, a
 * {@link ProtocolException} rather than a value handed to the wrong key. The result has one slot per
 * requested key, in request order: the {@link Item}, or null for a miss.
 */
public final class RetrievalCommand extends Command<Item[]> {
  /** Which retrieval command to send: {@code gets}/{@code gats} read CAS uniques, {@code gat}/{@code gats} touch. */
  public enum Kind {
    GET("get ", false, false),
    GETS("gets ", true, false),
    GAT("gat ", false, true),
    GATS("gats ", true, true);

    private final byte[] prefix;
    private final boolean withCas;
    private final boolean touches;

    Kind(String prefix, boolean withCas, boolean touches) {
      this.prefix = ascii(prefix);
      this.withCas = withCas;
      this.touches = touches;
    }
  }

  private static final byte[] VALUE = ascii("VALUE ");
  private static final byte[] END = ascii("END");
  private static final byte[] ERROR = ascii("ERROR");

  private final Kind kind;
  private final byte[][] keys;
  private final long exptime;
  private long lifetimeCap;
  private Item[] found;
  private int nextKey;
  private int blockKey = -1;
  private int blockFlags;
  private byte[] block;
  private int blockFilled;
  private long blockCas;
  private boolean meta;
  private boolean blockIsPlaceholder;
  private int unknownCommands; // meta, several keys: ERROR lines so far (a node that speaks no meta)

  private RetrievalCommand(Kind kind, byte[][] keys, long exptime) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("a retrieval command needs at least one key");
    }
    this.kind = Objects.requireNonNull(kind, "kind");
    this.keys = keys;
    this.exptime = exptime;
  }

  /** {@code get}/{@code gets} of {@code keys} (encoded, valid, distinct). */
  public static RetrievalCommand of(Kind kind, byte[]... keys) {
    if (kind.touches) {
      throw new IllegalArgumentException(kind + " needs an exptime");
    }
    return new RetrievalCommand(kind, keys, 0);
  }

  /** {@code gat}/{@code gats}: read {@code keys} and give them the new {@code exptime}. */
  public static RetrievalCommand touching(Kind kind, long exptime, byte[]... keys) {
    if (!kind.touches) {
      throw new IllegalArgumentException(kind + " takes no exptime");
    }
    return new RetrievalCommand(kind, keys, exptime);
  }

  /** The key of a plain single-key text {@code get}, which may share one command line with others. */
  @Override
  public byte[] shareKey() {
    return kind == Kind.GET && keys.length == 1 && !meta ? keys[0] : null;
  }

  @Override
  public void useMeta(boolean on) {
    meta = on;
  }

  @Override
  public String name() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public void capLifetime(long maxSeconds) {
    lifetimeCap = maxSeconds;
  }

  @Override
  public void encode(Buffer sink) {
    if (meta) {
      MetaRetrieval.encode(sink, keys, kind.withCas, kind.touches ? Lifetime.capped(exptime, lifetimeCap) : -1);
      return;
    }
    sink.write(kind.prefix);
    if (kind.touches) {
      sink.writeDecimalLong(Lifetime.capped(exptime, lifetimeCap)).writeByte(' ');
    }
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        sink.writeByte(' ');
      }
      sink.write(keys[i]);
    }
    sink.write(CRLF);
  }

  @Override
  public boolean decode(ReplyReader reader) throws ProtocolException {
    if (meta) {
      return decodeMeta(reader);
    }
    while (true) {
      if (blockKey >= 0) {
        blockFilled = reader.fillBlock(block, blockFilled);
        if (blockFilled < block.length + 2) {
          return false;
        }
        found()[blockKey] = new Item(blockFlags, block, blockCas);
        blockKey = -1;
        block = null;
      }
      if (!reader.readLine()) {
        return false;
      }
      if (reader.lineIs(END)) {
        return complete(found());
      }
      if (reader.lineStartsWith(VALUE)) {
        readValueLine(reader);
      } else if (errorLine(reader)) {
        return true;
      } else {
        throw unexpected(reader);
      }
    }
  }

  private void readValueLine(ReplyReader reader) throws ProtocolException {
    int index = nextKey;
    while (index < keys.length && !reader.nextTokenIs(keys[index])) {
      index++;
    }
    if (index == keys.length) {
      throw new ProtocolException("value for a key that was not requested (or out of order) in reply to "
          + name() + ": " + reader.line());
    }
    blockFlags = (int) reader.nextNumber(0xFFFF_FFFFL);
    int size = reader.nextBlockSize();
    block = new byte[size];
    blockFilled = 0;
    blockCas = kind.withCas ? reader.nextNumber(-1) : 0;
    reader.expectLineEnd();
    blockKey = index;
    nextKey = index + 1;
  }

  /**
   * One key: {@code VA <bytes> <flags>} and the block, or {@code EN}. Several: the hits, each naming
   * its key's index as its opaque, then {@code MN} (misses are quiet).
   */
  private boolean decodeMeta(ReplyReader reader) throws ProtocolException {
    boolean single = keys.length == 1;
    while (true) {
      if (blockKey >= 0) {
        blockFilled = reader.fillBlock(block, blockFilled);
        if (blockFilled < block.length + 2) {
          return false;
        }
        // An empty item under a lease is getOrLoad's placeholder for a value being loaded: a miss.
        found()[blockKey] = blockIsPlaceholder ? null : new Item(blockFlags, block, blockCas);
        blockKey = -1;
        block = null;
        if (single) {
          return complete(found());
        }
      }
      if (!reader.readLine()) {
        return false;
      }
      if (reader.lineStartsWith(MetaRetrieval.VA)) {
        readMetaValueLine(reader, single);
      } else if (single ? reader.lineIs(MetaRetrieval.EN) : reader.lineIs(MetaRetrieval.MN)) {
        return complete(found());
      } else if (errorLine(reader)) {
        // Quiet mode answers each key on its own, errors included: read on until mn's MN, or, from a
        // node that knows no meta command, one ERROR per line sent.
        if (single || (reader.lineIs(ERROR) && ++unknownCommands == keys.length + 1)) {
          return true;
        }
      } else {
        throw unexpected(reader);
      }
    }
  }

  private void readMetaValueLine(ReplyReader reader, boolean single) throws ProtocolException {
    int size = reader.nextBlockSize();
    int index = single ? 0 : -1;
    blockFlags = 0;
    blockCas = 0;
    boolean leased = false;
    boolean stale = false;
    while (reader.hasMoreTokens()) {
      switch (reader.nextFlag()) {
        case 'f' -> blockFlags = (int) reader.nextNumber(0xFFFF_FFFFL);
        case 'c' -> blockCas = reader.nextNumber(-1);
        case 'O' -> index = (int) reader.nextNumber(keys.length - 1L);
        case 'W', 'Z' -> {
          leased = true;
          reader.skipToken();
        }
        case 'X' -> {
          stale = true;
          reader.skipToken();
        }
        default -> reader.skipToken();
      }
    }
    blockIsPlaceholder = leased && !stale && size == 0 && blockFlags == 0;
    if (index < 0 || found()[index] != null) {
      throw new ProtocolException("value for no requested key, or twice, in reply to mg: " + reader.line());
    }
    block = new byte[size];
    blockFilled = 0;
    blockKey = index;
  }

  private Item[] found() {
    if (found == null) {
      found = new Item[keys.length];
    }
    return found;
  }

  @Override
  public void reset() {
    super.reset();
    found = null;
    nextKey = 0;
    blockKey = -1;
    block = null;
    unknownCommands = 0;
  }

  /** A meta node that answered ERROR knows no meta command: its replies to the rest cannot be matched. */
  @Override
  public boolean leavesStreamInDoubt() {
    return meta && error() != null && error().line().equals("ERROR");
  }

  @Override
  public boolean mutates() {
    return kind == Kind.GAT || kind == Kind.GATS;
  }
}
