package io.datalakewlm.simulator.report;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a colour means in the HTML report's charts, fixed once for the whole page: each source keeps
 * one colour in every chart (a categorical palette, in the scenario's order of sources, so a second
 * run of the same scenario colours alike), and priority levels take shades of teal, darkest for the
 * most urgent. The source palette holds no teal, so a colour never means a source in one chart and
 * a priority in the next. Strategies get no colour: every panel names its strategy.
 */
final class ChartColours {
  /** The colour of the sources summed as "others". */
  static final String OTHERS = "#b8b8b8";
  /** The colour of a chart's limit line. */
  static final String LIMIT = "#b00";
  /** Categorical, without teals or greys (both have another meaning on the page). */
  private static final String[] SOURCES = {"#1f77b4", "#ff7f0e", "#9467bd", "#d62728", "#8c564b", "#e377c2",
      "#bcbd22", "#393b79", "#e7ba52", "#2ca02c", "#7b4173", "#637939"};
  /** Teal from dark to light: the most urgent level is the darkest. */
  private static final String[] PRIORITIES = {"#00332e", "#00594f", "#007f72", "#1ea595", "#5cc4b6", "#9ddbd2"};

  private final Map<String, String> sources = new LinkedHashMap<>();
  private final Map<Integer, String> priorities = new LinkedHashMap<>();

  /**
   * @param sources every source the page shows, in the order they get colours (beyond the palette,
   *     further hues are drawn, so no two sources share a colour)
   * @param priorities every priority level the page shows
   */
  ChartColours(List<String> sources, Collection<Integer> priorities) {
    Set<String> taken = new HashSet<>(List.of(PRIORITIES));
    taken.add(OTHERS);
    taken.add(LIMIT);
    taken.addAll(List.of(SOURCES));
    int drawn = 0;
    for (String source : sources) {
      if (this.sources.containsKey(source)) {
        continue;
      }
      int index = this.sources.size();
      String colour;
      if (index < SOURCES.length) {
        colour = SOURCES[index];
      } else {
        do {
          colour = drawn(drawn++);
        } while (!taken.add(colour));
      }
      this.sources.put(source, colour);
    }
    List<Integer> levels = List.copyOf(new TreeSet<>(priorities));
    for (int i = 0; i < levels.size(); i++) {
      // spread the levels over the shades so two levels are never adjacent shades when there is room
      int shade = levels.size() == 1 ? 1 : (int) Math.round(i * (PRIORITIES.length - 2) / (double) (levels.size() - 1));
      this.priorities.put(levels.get(i), PRIORITIES[Math.min(shade, PRIORITIES.length - 1)]);
    }
  }

  // The n-th colour past the palette: hues a golden angle apart, outside the teals (150° to 200°)
  // that mean priorities, at three lightnesses so that neighbours in the order differ.
  private static String drawn(int n) {
    double hue = (n * 137.508) % 360;
    if (hue >= 150 && hue <= 200) {
      hue = (hue + 60) % 360;
    }
    double lightness = new double[] {0.45, 0.32, 0.6}[n % 3];
    double saturation = 0.65;
    double c = (1 - Math.abs(2 * lightness - 1)) * saturation;
    double x = c * (1 - Math.abs((hue / 60) % 2 - 1));
    double m = lightness - c / 2;
    double[] rgb = switch ((int) (hue / 60)) {
      case 0 -> new double[] {c, x, 0};
      case 1 -> new double[] {x, c, 0};
      case 2 -> new double[] {0, c, x};
      case 3 -> new double[] {0, x, c};
      case 4 -> new double[] {x, 0, c};
      default -> new double[] {c, 0, x};
    };
    return String.format("#%02x%02x%02x", Math.round((rgb[0] + m) * 255), Math.round((rgb[1] + m) * 255),
        Math.round((rgb[2] + m) * 255));
  }

  /** The colour of {@code source}; "others" and a source not listed are grey. */
  String source(String source) {
    return sources.getOrDefault(source, OTHERS);
  }

  /** The colour of priority level {@code level}; a level not listed takes the lightest shade. */
  String priority(int level) {
    return priorities.getOrDefault(level, PRIORITIES[PRIORITIES.length - 1]);
  }
}
