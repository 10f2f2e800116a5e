/**
 * Network faults on loopback: {@link io.cacheman.reliability.proxy.FaultProxy}, a TCP proxy that
 * applies Toxiproxy-style {@link io.cacheman.reliability.proxy.Toxic}s (latency, bandwidth,
 * slicer, blackhole, reset_peer, limit_data, slow_close) per connection or to all new ones, and
 * {@link io.cacheman.reliability.proxy.SilentListener}, a port whose connects hang as behind a
 * dead link.
 */
package io.cacheman.reliability.proxy;
