package io.cacheman.internal.connection;

import io.cacheman.CachemanException;
import io.cacheman.internal.protocol.ErrorReply;
import io.cacheman.internal.protocol.Item;
import io.cacheman.internal.protocol.ProtocolException;
import io.cacheman.internal.protocol.ReplyReader;
import io.cacheman.internal.protocol.RetrievalCommand;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import okio.Buffer;

/**
 * Single-key gets queued together on one connection, sent as one {@code get k1 k2 …} line (as
 * xmemcached and spymemcached do): under load the server parses one command and answers with one
 * {@code END} instead of many, which is much of its work. The reply is decoded as strictly as any
 * retrieval (each {@code VALUE} must name a requested key, in order), then each member gets its
 * own key's outcome. Members asking the same key share its slot, so a key is asked once.
 */
final class MergedGet implements Request {
  /** Keys one shared line carries at most. */
  static final int MAX_KEYS = 64;
  /** Bytes of keys one shared line carries at most. */
  static final int MAX_KEY_BYTES = 4096;

  private final List<SharedGet> members = new ArrayList<>();
  private final List<byte[]> keys = new ArrayList<>();
  private int[] slotOf = new int[8];
  private int keyBytes;
  private long deadline = Long.MAX_VALUE;
  private RetrievalCommand command;

  /** True when {@code key} still fits on this line. */
  boolean fits(byte[] key) {
    return members.size() < MAX_KEYS && keyBytes + key.length + 1 <= MAX_KEY_BYTES;
  }

  void add(SharedGet member, byte[] key) {
    int slot = 0;
    while (slot < keys.size() && !Arrays.equals(keys.get(slot), key)) {
      slot++;
    }
    if (slot == keys.size()) {
      keys.add(key);
      keyBytes += key.length + 1;
    }
    if (members.size() == slotOf.length) {
      slotOf = Arrays.copyOf(slotOf, slotOf.length * 2);
    }
    slotOf[members.size()] = slot;
    members.add(member);
    if (deadline == Long.MAX_VALUE || member.deadlineNanos() - deadline < 0) {
      deadline = member.deadlineNanos();
    }
  }

  int size() {
    return members.size();
  }

  /** The only member, for a group that did not find a partner. */
  SharedGet only() {
    return members.get(0);
  }

  @Override
  public int count() {
    return members.size();
  }

  @Override
  public void writeTo(Buffer sink) {
    command = RetrievalCommand.of(RetrievalCommand.Kind.GET, keys.toArray(new byte[0][]));
    for (SharedGet member : members) {
      member.onSharedWrite();
    }
    command.encode(sink);
  }

  @Override
  public boolean readReply(ReplyReader reader) throws ProtocolException {
    return command.decode(reader);
  }

  @Override
  public boolean replyLeavesStreamInDoubt() {
    return false;
  }

  @Override
  public void onReply() {
    Item[] found = command.result();
    ErrorReply error = command.error();
    for (int i = 0; i < members.size(); i++) {
      SharedGet member = members.get(i);
      member.acceptShared(found == null ? null : found[slotOf[i]], error);
      member.onReply();
    }
  }

  @Override
  public void onFailure(CachemanException cause) {
    for (SharedGet member : members) {
      member.onFailure(cause);
    }
  }

  @Override
  public long deadlineNanos() {
    return deadline;
  }

  @Override
  public String name() {
    return "get";
  }
}
