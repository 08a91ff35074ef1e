package io.datalakewlm.simulator.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A source keeps one colour of its own, however many sources a day has. */
class ChartColoursTest {
  @Test
  void fortySourcesGetFortyColoursNoneAPriorityOrGrey() {
    List<String> sources = IntStream.range(0, 40).mapToObj(i -> "s" + i).toList();
    List<Integer> levels = List.of(1, 2, 3, 4, 5);
    ChartColours colours = new ChartColours(sources, levels);
    Set<String> seen = new HashSet<>();
    for (String source : sources) {
      String colour = colours.source(source);
      assertTrue(colour.matches("#[0-9a-f]{6}"), colour);
      assertTrue(seen.add(colour), source + " shares " + colour + " with an earlier source");
    }
    for (int level : levels) {
      assertFalse(seen.contains(colours.priority(level)), "priority " + level + "'s colour is a source's");
    }
    assertFalse(seen.contains(ChartColours.OTHERS));
    assertFalse(seen.contains(ChartColours.LIMIT));
  }

  @Test
  void theSameSourcesInTheSameOrderGetTheSameColours() {
    List<String> sources = new ArrayList<>(IntStream.range(0, 25).mapToObj(i -> "src-" + i).toList());
    ChartColours first = new ChartColours(sources, List.of(1));
    ChartColours second = new ChartColours(sources, List.of(1));
    for (String source : sources) {
      assertEquals(first.source(source), second.source(source));
    }
  }
}
