package io.cacheman.internal.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits the keys of a multi-get by node, so each node gets one {@code get k1 k2 …}. Pure: no I/O,
 * no state.
 */
public final class KeyGrouper {

  /**
   * The keys bound for one node.
   *
   * @param node the node index, or -1 for keys that no live node owns
   * @param keys the keys in their original relative order (duplicates kept)
   * @param positions {@code positions[i]} is the index of {@code keys.get(i)} in the original list,
   *     so answers can be put back in request order
   */
  public record Group<K>(int node, List<K> keys, int[] positions) {}

  private KeyGrouper() {}

  /**
   * Groups {@code keys} by {@code nodeOf}. Groups come in the order their node first appears;
   * within a group keys keep their order.
   *
   * @param nodeOf the node index of a key, or -1 when it has none (no live node)
   * @throws IllegalArgumentException when {@code nodeOf} answers below -1
   */
  public static <K> List<Group<K>> group(List<K> keys, ToIntFunction<? super K> nodeOf) {
    int size = keys.size();
    if (size == 0) {
      return List.of();
    }
    int[] nodeOfKey = new int[size];
    int maxNode = -1;
    for (int i = 0; i < size; i++) {
      int node = nodeOf.applyAsInt(keys.get(i));
      if (node < -1) {
        throw new IllegalArgumentException("node index must be -1 or more, was " + node + " for key " + keys.get(i));
      }
      nodeOfKey[i] = node;
      maxNode = Math.max(maxNode, node);
    }
    // Slot s holds node s - 1, so that -1 (no live node) gets slot 0.
    int[] counts = new int[maxNode + 2];
    int[] firstSeen = new int[maxNode + 2];
    Arrays.fill(firstSeen, -1);
    int groupCount = 0;
    for (int i = 0; i < size; i++) {
      int slot = nodeOfKey[i] + 1;
      if (counts[slot]++ == 0) {
        firstSeen[slot] = groupCount++;
      }
    }
    if (groupCount == 1) {
      int[] all = new int[size];
      Arrays.setAll(all, i -> i);
      return List.of(new Group<>(nodeOfKey[0], Collections.unmodifiableList(new ArrayList<>(keys)), all));
    }
    List<List<K>> groupKeys = new ArrayList<>(Collections.nCopies(groupCount, null));
    int[][] groupPositions = new int[groupCount][];
    int[] groupNodes = new int[groupCount];
    for (int i = 0; i < size; i++) {
      int slot = nodeOfKey[i] + 1;
      int g = firstSeen[slot];
      List<K> mine = groupKeys.get(g);
      if (mine == null) {
        mine = new ArrayList<>(counts[slot]);
        groupKeys.set(g, mine);
        groupPositions[g] = new int[counts[slot]];
        groupNodes[g] = nodeOfKey[i];
      }
      groupPositions[g][mine.size()] = i;
      mine.add(keys.get(i));
    }
    List<Group<K>> groups = new ArrayList<>(groupCount);
    for (int g = 0; g < groupCount; g++) {
      groups.add(new Group<>(groupNodes[g], Collections.unmodifiableList(groupKeys.get(g)), groupPositions[g]));
    }
    return groups;
  }
}
