package io.cacheman.server.internal.stats;

import java.util.concurrent.atomic.LongAdder;

/**
 * The node's counters, named as memcached names them in {@code stats}. Every counter is a {@link
 * LongAdder}, so the hot path pays an uncontended add and readers sum on demand. Gauges that the
 * store or the network layer already track (items, bytes, connections) are read from there.
 */
public final class ServerStats {
  public final LongAdder totalConnections = new LongAdder();
  public final LongAdder rejectedConnections = new LongAdder();
  public final LongAdder cmdGet = new LongAdder();
  public final LongAdder cmdSet = new LongAdder();
  public final LongAdder cmdFlush = new LongAdder();
  public final LongAdder cmdTouch = new LongAdder();
  public final LongAdder getHits = new LongAdder();
  public final LongAdder getMisses = new LongAdder();
  public final LongAdder getExpired = new LongAdder();
  public final LongAdder getFlushed = new LongAdder();
  public final LongAdder deleteHits = new LongAdder();
  public final LongAdder deleteMisses = new LongAdder();
  public final LongAdder incrHits = new LongAdder();
  public final LongAdder incrMisses = new LongAdder();
  public final LongAdder decrHits = new LongAdder();
  public final LongAdder decrMisses = new LongAdder();
  public final LongAdder casHits = new LongAdder();
  public final LongAdder casMisses = new LongAdder();
  public final LongAdder casBadval = new LongAdder();
  public final LongAdder touchHits = new LongAdder();
  public final LongAdder touchMisses = new LongAdder();
  public final LongAdder storeTooLarge = new LongAdder();
  public final LongAdder storeNoMemory = new LongAdder();
  public final LongAdder bytesRead = new LongAdder();
  public final LongAdder bytesWritten = new LongAdder();
  public final LongAdder totalItems = new LongAdder();
  public final LongAdder evictions = new LongAdder();
  public final LongAdder evictedUnfetched = new LongAdder();
  public final LongAdder expiredUnfetched = new LongAdder();
  public final LongAdder reclaimed = new LongAdder();
  public final LongAdder protocolErrors = new LongAdder();
  public final LongAdder deadlineCloses = new LongAdder();
  /** Times the acceptor stopped accepting (accept failed, e.g. out of file descriptors). */
  public final LongAdder listenDisabled = new LongAdder();
  /** Microseconds the acceptor spent not accepting after such failures. */
  public final LongAdder listenDisabledMicros = new LongAdder();
  /** Commands sent with {@code noreply} that were refused; their client was told nothing. */
  public final LongAdder noreplyErrors = new LongAdder();
  /** Authentication attempts ({@code -Y}): data blocks checked against the file. */
  public final LongAdder authCmds = new LongAdder();
  /** Authentication attempts refused. */
  public final LongAdder authErrors = new LongAdder();
  /** TLS handshakes that failed (plaintext clients on a TLS port, untrusted certificates…). */
  public final LongAdder sslHandshakeErrors = new LongAdder();

  /** {@code stats reset}: zeroes every counter (gauges such as items and bytes are not counters). */
  public void reset() {
    for (LongAdder counter : new LongAdder[] {totalConnections, rejectedConnections, cmdGet,
        cmdSet, cmdFlush, cmdTouch, getHits, getMisses, getExpired, getFlushed, deleteHits,
        deleteMisses, incrHits, incrMisses, decrHits, decrMisses, casHits, casMisses, casBadval,
        touchHits, touchMisses, storeTooLarge, storeNoMemory, bytesRead, bytesWritten, totalItems,
        evictions, evictedUnfetched, expiredUnfetched, reclaimed, protocolErrors,
        deadlineCloses, noreplyErrors, listenDisabled, listenDisabledMicros, authCmds, authErrors,
        sslHandshakeErrors}) {
      counter.reset();
    }
  }
}
