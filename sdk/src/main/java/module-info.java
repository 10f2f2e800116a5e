/**
 * The Cacheman client. Only {@code io.cacheman}, the API, is exported; everything under
 * {@code io.cacheman.internal} stays inside the module and may change in any release.
 */
module io.cacheman {
  requires transitive io.cacheman.config;
  requires java.management;
  requires java.naming; // SRV lookups (cacheman.nodes = dns+srv:NAME), through the JDK's JNDI DNS provider
  requires org.slf4j;
  requires okio;
  requires HdrHistogram;

  exports io.cacheman;
}
