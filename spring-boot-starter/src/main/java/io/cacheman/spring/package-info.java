/**
 * Spring Boot auto-configuration for Cacheman: one client from the {@code cacheman.*} settings of
 * the application's Environment (or a {@code cacheman.properties} file), a Spring
 * {@link org.springframework.cache.CacheManager} over it, an Actuator health indicator and the
 * Micrometer meters. {@link io.cacheman.spring.CachemanAutoConfiguration} is where it starts.
 */
package io.cacheman.spring;
