/** Cacheman's settings: the model, its defaults, and reading and checking {@code cacheman.properties}. */
module io.cacheman.config {
  requires org.slf4j;

  exports io.cacheman.config;
  // The client, and the Spring Boot starter (for the value syntax of its own keys).
  exports io.cacheman.config.internal to io.cacheman, io.cacheman.spring;
}
