package io.cacheman.config.internal;

/**
 * A value that does not parse. The message says what was expected and continues the sentence
 * {@code key = "value" is not valid: <message>}; the caller adds where the value came from.
 */
public final class InvalidValueException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** @param expectation what a valid value looks like: {@code "expected modulo or ketama"} */
  public InvalidValueException(String expectation) {
    super(expectation, null, false, false); // no stack trace: it is always turned into a ConfigException
  }
}
