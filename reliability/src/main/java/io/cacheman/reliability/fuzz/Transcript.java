package io.cacheman.reliability.fuzz;

/**
 * What one run of a fuzz input produced: the replies (size, CRC-32C and how many of each
 * {@link ReplyChecker.Kind}), whether the node closed the connection, and the bytes the command
 * path allocated while handling the stream.
 */
record Transcript(long replyBytes, long replyCrc, boolean closedByNode, long[] replyCounts,
    long allocatedBytes) {

  /** True when both runs sent the same replies and agreed on closing. */
  boolean sameRepliesAs(Transcript other) {
    return replyBytes == other.replyBytes && replyCrc == other.replyCrc
        && closedByNode == other.closedByNode;
  }

  /** Replies of one kind. */
  long count(ReplyChecker.Kind kind) {
    return replyCounts[kind.ordinal()];
  }

  @Override
  public String toString() {
    return replyBytes + " reply bytes (crc " + Long.toHexString(replyCrc) + "), "
        + (closedByNode ? "closed by the node" : "left open") + ", " + allocatedBytes + " bytes allocated";
  }
}
