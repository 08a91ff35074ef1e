package io.datalakewlm.simulator.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A terminal table with a column of row labels and one column per strategy, laid out to fit a
 * width: when the strategies do not fit side by side, they are printed in blocks, each block
 * repeating the labels. Section rows carry a title and no cells.
 */
final class TextGrid {
  private record Row(String label, List<String> cells, boolean section) {}

  private final List<String> headers;
  private final List<Row> rows = new ArrayList<>();

  TextGrid(List<String> headers) {
    this.headers = List.copyOf(headers);
  }

  void section(String title) {
    rows.add(new Row(title, List.of(), true));
  }

  void row(String label, List<String> cells) {
    if (cells.size() != headers.size()) {
      throw new IllegalArgumentException("row " + label + " has " + cells.size() + " cells for " + headers.size() + " columns");
    }
    rows.add(new Row(label, List.copyOf(cells), false));
  }

  /** The table in blocks of as many columns as fit in {@code width} characters. */
  String render(int width) {
    int labelWidth = 0;
    for (Row row : rows) {
      if (!row.section) {
        labelWidth = Math.max(labelWidth, row.label.length());
      }
    }
    labelWidth += 2;
    int[] widths = new int[headers.size()];
    for (int c = 0; c < headers.size(); c++) {
      widths[c] = headers.get(c).length();
      for (Row row : rows) {
        if (!row.section) {
          widths[c] = Math.max(widths[c], row.cells.get(c).length());
        }
      }
      widths[c] += 2;
    }
    StringBuilder out = new StringBuilder();
    int first = 0;
    while (first < headers.size()) {
      int last = first;
      int used = labelWidth + widths[first];
      while (last + 1 < headers.size() && used + widths[last + 1] <= width) {
        used += widths[++last];
      }
      if (first > 0) {
        out.append('\n');
      }
      block(out, first, last, labelWidth, widths);
      first = last + 1;
    }
    return out.toString();
  }

  // Prints columns first..last with the labels.
  private void block(StringBuilder out, int first, int last, int labelWidth, int[] widths) {
    StringBuilder line = new StringBuilder(" ".repeat(labelWidth));
    for (int c = first; c <= last; c++) {
      line.append(pad(headers.get(c), widths[c]));
    }
    out.append(line.toString().stripTrailing()).append('\n');
    for (Row row : rows) {
      if (row.section) {
        out.append(row.label).append('\n');
        continue;
      }
      line.setLength(0);
      line.append(pad(row.label, labelWidth));
      for (int c = first; c <= last; c++) {
        line.append(pad(row.cells.get(c), widths[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
