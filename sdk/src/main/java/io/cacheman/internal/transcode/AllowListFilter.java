package io.cacheman.internal.transcode;

import java.io.ObjectInputFilter;

/**
 * The filter one deserialization runs under. Stricter than {@code createFilter(pattern)} alone:
 * <ul>
 *   <li>a class the pattern does not mention is rejected, not allowed, so {@code com.example.*}
 *       means "only com.example" even without a trailing {@code !*};
 *   <li>an array must fit in the serialized bytes it came from (each element takes its own size in
 *       the stream, a {@code long} 8 bytes, a reference at least one), so a few forged bytes cannot
 *       make us allocate gigabytes;
 *   <li>nesting depth and object count are capped;
 *   <li>the JVM-wide filter ({@code jdk.serialFilter}), when set, must not reject either.
 * </ul>
 * Remembers the first class it rejected, for the error message. One instance per call.
 */
final class AllowListFilter implements ObjectInputFilter {
  static final int MAX_DEPTH = 100;

  private final ObjectInputFilter pattern;
  private final long maxElements;
  private String rejected;

  AllowListFilter(ObjectInputFilter pattern, int serializedBytes) {
    this.pattern = pattern;
    this.maxElements = serializedBytes;
  }

  @Override
  public Status checkInput(FilterInfo info) {
    if (info.depth() > MAX_DEPTH || info.references() > maxElements) {
      return reject("a graph deeper than " + MAX_DEPTH + " or with more objects than bytes");
    }
    Class<?> type = info.serialClass();
    if (type != null && type.isArray() && info.arrayLength() * elementBytes(type) > maxElements) {
      return reject("an array of " + info.arrayLength() + " elements of " + type.getComponentType().getName()
          + " in " + maxElements + " bytes");
    }
    ObjectInputFilter global = Config.getSerialFilter();
    if (global != null && global.checkInput(info) == Status.REJECTED) {
      return reject(type == null ? "what the JVM-wide serial filter forbids" : type.getName());
    }
    Status status = pattern.checkInput(info);
    if (status == Status.REJECTED) {
      return reject(type == null ? "what the pattern's limits forbid" : type.getName());
    }
    if (status == Status.UNDECIDED && type != null && !isPrimitiveOrPrimitiveArray(type)) {
      return reject(type.getName());
    }
    return status;
  }

  /** What was refused, for the message; {@code null} when nothing was. */
  String rejected() {
    return rejected;
  }

  private Status reject(String what) {
    if (rejected == null) {
      rejected = what;
    }
    return Status.REJECTED;
  }

  /** The fewest bytes one element of an array of {@code type} takes in a serialized stream. */
  private static long elementBytes(Class<?> type) {
    Class<?> c = type.getComponentType();
    if (c == long.class || c == double.class) {
      return 8;
    }
    if (c == int.class || c == float.class) {
      return 4;
    }
    return c == char.class || c == short.class ? 2 : 1;
  }

  private static boolean isPrimitiveOrPrimitiveArray(Class<?> type) {
    Class<?> t = type;
    while (t.isArray()) {
      t = t.getComponentType();
    }
    return t.isPrimitive();
  }
}
