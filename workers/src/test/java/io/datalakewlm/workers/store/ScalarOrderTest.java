package io.datalakewlm.workers.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Strings order by their UTF-8 bytes, as DynamoDB orders them, whatever characters they hold. */
class ScalarOrderTest {

  @Test
  void stringsOrderByTheirUtf8Bytes() {
    // ASCII, Latin-1, the top of the BMP (above the surrogates in UTF-16, below them in UTF-8),
    // characters beyond U+FFFF (surrogate pairs), prefixes of one another
    List<String> strings = List.of("", "a", "ab", "b", "lane#", "lane#A", "lane$", "\u00e9", "\u00e9a", "\u4e2d",
        "\ufffd", "\uffff", "\ud83d\ude00", "\ud83d\ude01", "a\ud83d\ude00", "a\ufffd", "a\u00e9", "Z", "\u007f",
        "\u0080");
    for (String x : strings) {
      for (String y : strings) {
        int bytes = Integer.signum(Arrays.compareUnsigned(x.getBytes(StandardCharsets.UTF_8),
            y.getBytes(StandardCharsets.UTF_8)));
        assertEquals(bytes, Integer.signum(ScalarOrder.compare(x, y)), x + " vs " + y);
      }
    }
  }
}
