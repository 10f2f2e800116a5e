package io.cacheman.spring;

import io.cacheman.CacheAdmin;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** The {@code cacheman} health indicator for Spring Boot 4; see {@link ClusterHealth}. */
public final class Boot4HealthIndicator implements HealthIndicator {
  private final CacheAdmin admin;

  /** Reports the nodes of {@code admin}'s client. */
  public Boot4HealthIndicator(CacheAdmin admin) {
    this.admin = admin;
  }

  @Override
  public Health health() {
    ClusterHealth now = ClusterHealth.of(admin);
    return (now.up() ? Health.up() : Health.down()).withDetails(now.details()).build();
  }
}
