/** Cacheman's settings: the model, its defaults, and reading and checking {@code cacheman.properties}. */
module io.cacheman.config {
  requires org.slf4j;

  exports io.cacheman.config;
  exports io.cacheman.config.internal to io.cacheman;
}
