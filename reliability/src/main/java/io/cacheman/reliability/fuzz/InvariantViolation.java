package io.cacheman.reliability.fuzz;

/**
 * The command path broke one of the fuzz target's invariants (malformed reply, memory over the
 * limit, a reservation that outlived its connection, an allocation beyond the caps...). An error,
 * not an exception, so that no {@code catch (RuntimeException)} on the way can hide it; the fuzzer
 * reports it as a finding like any uncaught exception.
 */
final class InvariantViolation extends AssertionError {
  private static final long serialVersionUID = 1L;

  InvariantViolation(String message) {
    super(message);
  }
}
