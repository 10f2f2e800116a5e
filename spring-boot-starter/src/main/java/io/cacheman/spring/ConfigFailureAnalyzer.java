package io.cacheman.spring;

import io.cacheman.config.ConfigException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a bad Cacheman setting at startup as its one sentence (file, line, key, value and what is
 * wrong), in Spring Boot's "APPLICATION FAILED TO START" form instead of a stack trace.
 */
public final class ConfigFailureAnalyzer extends AbstractFailureAnalyzer<ConfigException> {
  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct the Cacheman setting named above; every key, its default and its syntax are in Cacheman's "
            + "docs/config.md, and the starter's own keys (cacheman.spring.*) in docs/spring.md.", cause);
  }
}
