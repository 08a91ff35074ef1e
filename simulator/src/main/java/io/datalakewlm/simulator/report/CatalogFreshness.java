package io.datalakewlm.simulator.report;

import io.datalakewlm.simulator.aws.Crawl;
import io.datalakewlm.simulator.run.ObjectOutcome;
import io.datalakewlm.simulator.run.ObjectRecord;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How soon a landed object shows in the Glue Data Catalog: from the end of the job run that
 * landed it to the end of the first crawl of its dataset's crawler that started after it landed
 * (a crawl started before the object landed did not see it). Objects of datasets without a
 * crawler are left out; a landed object that no finished crawl covered by the end of the run is
 * counted as not covered, not as a wait. Percentiles are nearest-rank, as for the waits.
 *
 * @param crawls finished crawls of the run, every crawler
 * @param covered landed objects (of datasets with a crawler) that a finished crawl covered
 * @param notCovered landed objects of datasets with a crawler that no finished crawl covered
 * @param p50Seconds median landed → covered, or null when none was covered
 * @param p95Seconds null when none was covered
 * @param maxSeconds null when none was covered
 */
public record CatalogFreshness(int crawls, int covered, int notCovered, Double p50Seconds, Double p95Seconds,
    Double maxSeconds) {

  /**
   * Measures the freshness of {@code objects} under {@code crawls}.
   *
   * @param crawlerOf dataset name → its crawler's name, for the datasets that have one
   */
  public static CatalogFreshness measure(List<ObjectRecord> objects, List<Crawl> crawls,
      Map<String, String> crawlerOf) {
    Map<String, List<Crawl>> byCrawler = new HashMap<>();
    for (Crawl crawl : crawls) {
      byCrawler.computeIfAbsent(crawl.crawler(), c -> new ArrayList<>()).add(crawl);
    }
    byCrawler.values().forEach(list -> list.sort(Comparator.comparingLong(Crawl::startedOnMillis)));
    List<Double> ages = new ArrayList<>();
    int notCovered = 0;
    for (ObjectRecord object : objects) {
      String crawler = crawlerOf.get(object.dataset());
      if (crawler == null || object.outcome() != ObjectOutcome.COMPLETED || object.landedMillis() < 0) {
        continue;
      }
      Crawl covering = firstStartedAtOrAfter(byCrawler.getOrDefault(crawler, List.of()), object.landedMillis());
      if (covering == null) {
        notCovered++;
      } else {
        ages.add((covering.completedOnMillis() - object.landedMillis()) / 1000.0);
      }
    }
    double[] sorted = ages.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return new CatalogFreshness(crawls.size(), sorted.length, notCovered, WaitStats.nearestRank(sorted, 50),
        WaitStats.nearestRank(sorted, 95), WaitStats.nearestRank(sorted, 100));
  }

  // Binary search over crawls sorted by start: the first one that started at or after `millis`.
  private static Crawl firstStartedAtOrAfter(List<Crawl> sorted, long millis) {
    int low = 0;
    int high = sorted.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted.get(mid).startedOnMillis() < millis) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low < sorted.size() ? sorted.get(low) : null;
  }
}
