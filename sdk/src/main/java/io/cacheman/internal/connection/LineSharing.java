package io.cacheman.internal.connection;

import java.util.List;

/**
 * Joins requests queued side by side on a connection, each with a {@link Request#shareKey()},
 * into one request that carries them all on one command line (single-key gets become one
 * {@code get k1 k2 …}: the server parses one command and answers with one {@code END}). The
 * connection decides what goes together; the layer that knows commands builds the line.
 */
@FunctionalInterface
public interface LineSharing {
  /** Keys one shared line carries at most. */
  int MAX_KEYS = 64;
  /** Bytes of keys one shared line carries at most. */
  int MAX_KEY_BYTES = 4096;

  /** One request carrying {@code members} (two or more, in queue order); it ends each member once. */
  Request join(List<Request> members);
}
