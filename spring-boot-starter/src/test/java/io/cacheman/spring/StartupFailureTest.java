package io.cacheman.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cacheman.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.NestedExceptionUtils;

/**
 * A bad {@code cacheman.*} value stops the application at startup with the sentence a
 * {@code cacheman.properties} file gets: the file and line it came from, the key and the value.
 * No node is needed: the settings fail before the client would open.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  private static ConfigException startupFailure(String... properties) {
    RuntimeException e = assertThrows(RuntimeException.class, () -> new SpringApplicationBuilder(BookApp.class)
        .web(WebApplicationType.NONE).properties(properties).run().close());
    Throwable root = NestedExceptionUtils.getMostSpecificCause(e);
    assertTrue(root instanceof ConfigException, "not a ConfigException: " + root);
    return (ConfigException) root;
  }

  @Test
  void aBadValueInApplicationPropertiesNamesTheFileLineKeyAndValueWithoutAStackTrace(CapturedOutput output) {
    ConfigException e = startupFailure("spring.config.location=classpath:bad-hashing.properties");
    String sentence = "class path resource [bad-hashing.properties] line 3: cacheman.hashing = \"ketma\" is not valid: "
        + "expected modulo or ketama";
    assertEquals(sentence, e.getMessage());
    assertTrue(output.getOut().contains("APPLICATION FAILED TO START"), output.getOut());
    assertTrue(output.getOut().contains(sentence), output.getOut());
    assertFalse(output.getOut().contains("\tat io.cacheman"), "a stack trace was printed:\n" + output.getOut());
  }

  @Test
  void yamlGetsTheSameSentence() {
    ConfigException e = startupFailure("spring.config.location=classpath:bad-timeout.yml");
    assertEquals("class path resource [bad-timeout.yml] line 7: cacheman.operation-timeout = \"250\" is not valid: a "
        + "duration needs a unit: write 250ms, 250s or 250m", e.getMessage());
  }

  @Test
  void aRelaxedOrMistypedNameIsAnUnknownKeyWithTheKeyMeant() {
    ConfigException e = startupFailure("cacheman.nodes=127.0.0.1:16180", "cacheman.operationTimeout=1s");
    assertEquals("defaultProperties: unknown key cacheman.operationTimeout (did you mean cacheman.operation-timeout?)",
        e.getMessage());
  }

  @Test
  void theStartersOwnKeysUseTheSameValueSyntax() {
    ConfigException e = startupFailure("cacheman.nodes=127.0.0.1:16180", "cacheman.spring.caches.users.ttl=10");
    assertEquals("defaultProperties: cacheman.spring.caches.users.ttl = \"10\" is not valid: a duration needs a unit: "
        + "write 10ms, 10s or 10m", e.getMessage());
    ConfigException typo = startupFailure("cacheman.nodes=127.0.0.1:16180", "cacheman.spring.caches.users.tll=1m");
    assertTrue(typo.getMessage().startsWith("defaultProperties: unknown key cacheman.spring.caches.users.tll (did you "
        + "mean one of cacheman.spring.enabled, "), typo.getMessage());
  }

  @Test
  void aSettingsFileAndSettingsInTheEnvironmentTogetherAreRefused() {
    ConfigException e = startupFailure("cacheman.config=/etc/app/cacheman.properties", "cacheman.nodes=127.0.0.1:16180");
    assertEquals("defaultProperties: cacheman.nodes = \"127.0.0.1:16180\" is set, and so is cacheman.config = "
        + "/etc/app/cacheman.properties, whose settings would win: keep one of the two", e.getMessage());
  }
}
