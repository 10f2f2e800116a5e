package io.cacheman.spring;

import io.cacheman.CacheAdmin;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/** The {@code cacheman} health indicator for Spring Boot 3; see {@link ClusterHealth}. */
public final class Boot3HealthIndicator implements HealthIndicator {
  private final CacheAdmin admin;

  /** Reports the nodes of {@code admin}'s client. */
  public Boot3HealthIndicator(CacheAdmin admin) {
    this.admin = admin;
  }

  @Override
  public Health health() {
    ClusterHealth now = ClusterHealth.of(admin);
    return (now.up() ? Health.up() : Health.down()).withDetails(now.details()).build();
  }
}
