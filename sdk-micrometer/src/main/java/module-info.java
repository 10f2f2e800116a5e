/** Micrometer meters for a Cacheman client, read through the client's public metrics API. */
module io.cacheman.micrometer {
  requires io.cacheman;
  requires micrometer.core;

  exports io.cacheman.micrometer;
}
