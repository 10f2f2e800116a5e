package io.cacheman.bench.cli;

import io.cacheman.bench.client.ClientType;
import io.cacheman.bench.load.Durations;
import io.cacheman.bench.load.LoadSpec;
import io.cacheman.bench.server.ServerKind;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line value converters whose errors are one sentence. */
final class Converters {
  private Converters() {}

  /** JVM options given as one space-separated string ({@code --server-jvm-opts}, {@code --client-jvm-opts}). */
  static List<String> words(String text) {
    return text.isBlank() ? List.of() : Arrays.asList(text.trim().split("\\s+"));
  }

  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return Durations.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ClientConverter implements ITypeConverter<ClientType> {
    @Override
    public ClientType convert(String value) {
      try {
        return ClientType.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ServerKindConverter implements ITypeConverter<ServerKind> {
    @Override
    public ServerKind convert(String value) {
      try {
        return ServerKind.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  static final class ModeConverter implements ITypeConverter<LoadSpec.Mode> {
    @Override
    public LoadSpec.Mode convert(String value) {
      return switch (value.trim().toLowerCase(Locale.ROOT)) {
        case "sync" -> LoadSpec.Mode.SYNC;
        case "async" -> LoadSpec.Mode.ASYNC;
        default -> throw new TypeConversionException("mode must be sync or async, was '" + value + "'");
      };
    }
  }

  /** Accepts 1000000, 1_000_000 and 1,000,000. */
  static final class CountConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      try {
        return Long.parseLong(value.replace("_", "").replace(",", "").trim());
      } catch (NumberFormatException e) {
        throw new TypeConversionException("expected a whole number, was '" + value + "'");
      }
    }
  }
}
