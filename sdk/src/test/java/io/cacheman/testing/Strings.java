package io.cacheman.testing;

import io.cacheman.CacheTranscodingException;
import io.cacheman.CachedData;
import io.cacheman.Transcoder;
import java.nio.charset.StandardCharsets;

/** A UTF-8 string transcoder with flags 0, for tests that must not depend on the default one. */
public final class Strings implements Transcoder<String> {
  public static final Strings UTF8 = new Strings();

  @Override
  public CachedData encode(String value) {
    return new CachedData(0, value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String decode(CachedData data) {
    if (data.flags() != 0) {
      throw new CacheTranscodingException("not a string: flags " + data.flags());
    }
    return new String(data.data(), StandardCharsets.UTF_8);
  }
}
