package io.cacheman.internal.transcode;

import io.cacheman.CacheTranscodingException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.NotSerializableException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.util.Objects;

/**
 * Java serialization behind an allow-list. Bytes from the network are never trusted: every class
 * in the stream is checked by an {@link AllowListFilter} before it is instantiated, so a class
 * outside the pattern never runs a constructor or {@code readObject}. Thread-safe.
 */
final class JavaSerializer {
  private final String pattern;
  private final ObjectInputFilter patternFilter;

  /** @throws IllegalArgumentException when {@code pattern} is not a valid {@link ObjectInputFilter} pattern */
  JavaSerializer(String pattern) {
    this.pattern = Objects.requireNonNull(pattern, "filterPattern");
    if (pattern.isBlank()) {
      throw new IllegalArgumentException("the serialization filter pattern must not be blank, e.g. java.base/*;!*");
    }
    this.patternFilter = ObjectInputFilter.Config.createFilter(pattern);
  }

  byte[] serialize(Object value) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    } catch (NotSerializableException e) {
      throw new CacheTranscodingException("cannot serialize a " + value.getClass().getName() + ": "
          + e.getMessage() + " (inside it) is not Serializable", e);
    } catch (IOException e) {
      throw new CacheTranscodingException("cannot serialize a " + value.getClass().getName() + ": " + e, e);
    }
    return bytes.toByteArray();
  }

  Object deserialize(byte[] data) {
    AllowListFilter filter = new AllowListFilter(patternFilter, data.length);
    try (ObjectInputStream in = new ContextClassLoaderInputStream(new ByteArrayInputStream(data))) {
      in.setObjectInputFilter(filter);
      return in.readObject();
    } catch (InvalidClassException e) {
      if (filter.rejected() != null) {
        throw new CacheTranscodingException("refused to deserialize " + filter.rejected()
            + ": not allowed by the serialization filter \"" + pattern + "\" (cacheman.serialization.filter)", e);
      }
      throw new CacheTranscodingException("cannot deserialize: " + e.getMessage(), e);
    } catch (ClassNotFoundException e) {
      throw new CacheTranscodingException("cannot deserialize: class " + e.getMessage() + " is not on the classpath", e);
    } catch (IOException | RuntimeException e) {
      // RuntimeException: an allowed class's readObject may fail on bytes it did not write.
      throw new CacheTranscodingException("corrupt serialized value (" + data.length + " bytes): " + e, e);
    }
  }

  /** Resolves classes through the thread's context class loader first, as application servers expect. */
  private static final class ContextClassLoaderInputStream extends ObjectInputStream {
    ContextClassLoaderInputStream(InputStream in) throws IOException {
      super(in);
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      ClassLoader context = Thread.currentThread().getContextClassLoader();
      if (context != null) {
        try {
          return Class.forName(desc.getName(), false, context); // false: run no static initializer
        } catch (ClassNotFoundException notThere) {
          // not visible to the context loader; the default lookup below may still find it
        }
      }
      return super.resolveClass(desc);
    }
  }
}
