package io.cacheman.samples.spring;

import io.cacheman.Cache;
import io.cacheman.NodeStats;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application on the Cacheman starter: it reads a few books and prices twice over,
 * evicts one, and prints how often the slow store was queried and what the cache counted. Run it
 * against the demo cluster (see the README's "Spring Boot" section); it exits when done.
 */
@SpringBootApplication
@EnableCaching
public class BookstoreApplication {

  public static void main(String[] args) {
    SpringApplication.run(BookstoreApplication.class, args).close();
  }

  /** The tour: each line says what happened, for a person reading along. */
  @Bean
  CommandLineRunner tour(Catalogue catalogue, Cache<Object> cache) {
    return args -> {
      NodeStats before = cache.admin().stats().total();
      for (int round = 1; round <= 2; round++) {
        for (String isbn : new String[] {"978-0134685991", "978-1617294945", "978-0596009205"}) {
          catalogue.book(isbn);
          catalogue.priceInCents(isbn);
        }
        System.out.printf("round %d: the store was queried %d times so far%n", round, catalogue.queries());
      }
      catalogue.bookChanged("978-0134685991");
      Book again = catalogue.book("978-0134685991");
      NodeStats after = cache.admin().stats().total();
      System.out.printf("after evicting %s: %d queries; cache hits %d, misses %d%n", again.isbn(),
          catalogue.queries(), after.hits() - before.hits(), after.misses() - before.misses());
      cache.admin().nodes().forEach(n -> System.out.printf("node %s %s%n", n.node(), n.state()));
    };
  }
}
