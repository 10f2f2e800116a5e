package io.cacheman.reliability.proxy;

import java.util.List;

/** An immutable set of toxics for one direction; a new instance marks a change (limits restart counting). */
final class ToxicList {
  static final ToxicList NONE = new ToxicList(List.of());

  private final List<Toxic> toxics;

  ToxicList(List<Toxic> toxics) {
    this.toxics = List.copyOf(toxics);
  }

  /** The first toxic of {@code type}, or null. */
  <T extends Toxic> T find(Class<T> type) {
    for (Toxic t : toxics) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  List<Toxic> asList() {
    return toxics;
  }

  @Override
  public String toString() {
    return toxics.toString();
  }
}
