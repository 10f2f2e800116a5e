package io.cacheman.spring;

import io.cacheman.Cache;
import io.cacheman.micrometer.CachemanMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configures one Cacheman client and what Spring builds on it:
 * <ul>
 *   <li>a {@code Cache<Object>} bean, configured from the {@code cacheman.*} properties of the
 *       Environment (the keys and checks of {@code cacheman.properties}), or from the file
 *       {@code cacheman.config} names, or else found as {@code Cacheman.open()} finds it; closed
 *       gracefully when the context closes (calls under way finish first);
 *   <li>a {@link CachemanCacheManager} for {@code @Cacheable} and friends, unless the application
 *       defines a {@link CacheManager} of its own;
 *   <li>{@link CachemanMetrics} (a Micrometer {@code MeterBinder}) when Micrometer is on the class path;
 *   <li>a health indicator named {@code cacheman} when Actuator is, for Spring Boot 3 and for 4.
 * </ul>
 * {@code cacheman.spring.enabled=false} turns all of it off. It runs before Spring Boot's own cache
 * auto-configuration (whose class moved between Boot 3 and 4, hence the names), so that one backs off.
 */
@AutoConfiguration(beforeName = {"org.springframework.boot.autoconfigure.cache.CacheAutoConfiguration",
    "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration"})
@ConditionalOnClass(Cache.class)
@ConditionalOnProperty(prefix = "cacheman.spring", name = "enabled", havingValue = "true", matchIfMissing = true)
public class CachemanAutoConfiguration {

  /** The client; Spring calls its {@code close()} when the context closes. */
  @Bean
  @ConditionalOnMissingBean(Cache.class)
  public Cache<Object> cachemanCache(ConfigurableEnvironment environment) {
    return ClientSettings.open(environment);
  }

  /** The starter's own settings ({@code cacheman.spring.*}). */
  @Bean
  @ConditionalOnMissingBean
  public SpringCacheSettings cachemanSpringCacheSettings(ConfigurableEnvironment environment, Cache<Object> cache) {
    return SpringCacheSettings.from(environment, cache.admin().config().defaultTtl());
  }

  /** Spring's caches on the client. */
  @Bean
  @ConditionalOnMissingBean(CacheManager.class)
  public CachemanCacheManager cacheManager(Cache<Object> cache, SpringCacheSettings settings) {
    return new CachemanCacheManager(cache, settings);
  }

  /** Micrometer meters, one set per node; Spring Boot binds every {@code MeterBinder} bean to its registries. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "io.micrometer.core.instrument.binder.MeterBinder")
  static class Metrics {
    @Bean
    @ConditionalOnMissingBean
    CachemanMetrics cachemanMetrics(Cache<Object> cache) {
      return new CachemanMetrics(cache.admin());
    }
  }

  /** The health indicator, Spring Boot 3 ({@code org.springframework.boot.actuate.health}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.actuate.health.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.cacheman", name = "enabled", matchIfMissing = true)
  static class Boot3Health {
    @Bean
    @ConditionalOnMissingBean(name = "cachemanHealthIndicator")
    Boot3HealthIndicator cachemanHealthIndicator(Cache<Object> cache) {
      return new Boot3HealthIndicator(cache.admin());
    }
  }

  /** The health indicator, Spring Boot 4 ({@code org.springframework.boot.health.contributor}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
  @ConditionalOnProperty(prefix = "management.health.cacheman", name = "enabled", matchIfMissing = true)
  static class Boot4Health {
    @Bean
    @ConditionalOnMissingBean(name = "cachemanHealthIndicator")
    Boot4HealthIndicator cachemanHealthIndicator(Cache<Object> cache) {
      return new Boot4HealthIndicator(cache.admin());
    }
  }
}
