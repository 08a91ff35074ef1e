package io.datalakewlm.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The peaks of many resources of one kind in one line (400 Glue jobs, 400 crawlers), for the
 * terminal table: how many there are, how many reached their limit, and the highest peak.
 *
 * @param resources how many resources of this kind were metered
 * @param atLimit how many reached their limit at some instant
 * @param maxPeak the highest peak among them
 * @param limitOfMax the limit of the resource with the highest peak (null when unlimited)
 */
public record ResourceGroup(String group, int resources, int atLimit, int maxPeak, Integer limitOfMax) {

  /** Groups {@code peaks} by {@link ResourcePeak#group()}, sorted by group name. */
  public static List<ResourceGroup> of(List<ResourcePeak> peaks) {
    Map<String, List<ResourcePeak>> byGroup = new TreeMap<>();
    for (ResourcePeak peak : peaks) {
      byGroup.computeIfAbsent(peak.group(), g -> new ArrayList<>()).add(peak);
    }
    List<ResourceGroup> groups = new ArrayList<>();
    byGroup.forEach((group, members) -> {
      ResourcePeak highest = members.get(0);
      int atLimit = 0;
      for (ResourcePeak peak : members) {
        if (peak.peak() > highest.peak()) {
          highest = peak;
        }
        if (peak.atLimit()) {
          atLimit++;
        }
      }
      groups.add(new ResourceGroup(group, members.size(), atLimit, highest.peak(), highest.limit()));
    });
    return groups;
  }
}
