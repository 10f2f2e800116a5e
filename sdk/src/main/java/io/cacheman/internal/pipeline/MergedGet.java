package io.cacheman.internal.pipeline;

import io.cacheman.CachemanException;
import io.cacheman.internal.connection.Request;
import io.cacheman.internal.protocol.BlockSink;
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
 * retrieval (each {@code VALUE} must name a requested key, in order), then each member takes its
 * own key's outcome. Members asking the same key share its slot, so a key is asked once.
 */
final class MergedGet implements Request {
  private final List<Op<Item[], ?>> members;
  private final List<byte[]> keys = new ArrayList<>();
  private final int[] slotOf;
  private final long deadline;
  private RetrievalCommand command;

  private MergedGet(List<Op<Item[], ?>> members) {
    this.members = members;
    this.slotOf = new int[members.size()];
    long earliest = members.get(0).deadline;
    for (int i = 0; i < slotOf.length; i++) {
      Op<Item[], ?> member = members.get(i);
      byte[] key = member.shareKey();
      int slot = 0;
      while (slot < keys.size() && !Arrays.equals(keys.get(slot), key)) {
        slot++;
      }
      if (slot == keys.size()) {
        keys.add(key);
      }
      slotOf[i] = slot;
      earliest = member.deadline - earliest < 0 ? member.deadline : earliest;
    }
    this.deadline = earliest;
  }

  /** The shared line of {@code members}: ops whose command is a single-key get, as only those offer a share key. */
  @SuppressWarnings("unchecked")
  static Request join(List<Request> members) {
    return new MergedGet((List<Op<Item[], ?>>) (List<?>) members);
  }

  @Override
  public int count() {
    return members.size();
  }

  @Override
  public void writeTo(Buffer sink, BlockSink blocks, boolean meta) { // only text gets share a line
    command = RetrievalCommand.of(RetrievalCommand.Kind.GET, keys.toArray(new byte[0][]));
    for (Op<Item[], ?> member : members) {
      member.goingOut();
    }
    command.encode(sink);
  }

  @Override
  public boolean readReply(ReplyReader reader) throws ProtocolException {
    return command.decode(reader);
  }

  @Override
  public void onReply() {
    Item[] found = command.result();
    ErrorReply error = command.error();
    for (int i = 0; i < slotOf.length; i++) {
      Op<Item[], ?> member = members.get(i);
      member.command.adopt(error == null ? new Item[] {found[slotOf[i]]} : null, error);
      member.onReply();
    }
  }

  @Override
  public void onFailure(CachemanException cause) {
    for (Op<Item[], ?> member : members) {
      member.onFailure(cause);
    }
  }

  @Override
  public boolean settled() {
    for (Op<Item[], ?> member : members) {
      if (!member.ended()) {
        return false;
      }
    }
    return true;
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
