package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Source;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The selection policy: which ready dataset goes next.
 * <ol>
 *   <li>Priority first: only datasets at the best effective level (their best queued level,
 *       raised by the aging of their oldest item) compete.</li>
 *   <li>Among the sources that have such a dataset, weighted fair share of what is in flight:
 *       the source with the smallest {@code (inFlight + picked + 1) / weight} wins, i.e. the
 *       one furthest below its share of the machine counting the batches it runs already; ties
 *       go to the older work, then to the source name (so a selection is deterministic).</li>
 *   <li>Within the winning source, its dataset whose oldest item waited longest at that level.</li>
 * </ol>
 * A source at its cap is passed over. This is weighted fair queueing on in-flight work: a
 * source with 500 datasets gets its share, not the machine, from the first selection on, and
 * a newly arrived urgent batch goes before everything at a worse level.
 */
final class FairPicker {

  /**
   * A ready dataset lane, not yet leased.
   *
   * @param size how many items its batch would take
   */
  record Candidate(DatasetLane lane, int level, Instant oldest, int size) {
    String source() {
      return lane.source().name();
    }
  }

  private final List<Candidate> remaining;
  private final Map<String, Source> sources;
  private final Map<String, Integer> inFlight;
  private final Map<String, Integer> picked = new HashMap<>();
  private final Set<String> excluded = new HashSet<>();

  /**
   * @param inFlight batches each source runs already
   */
  FairPicker(List<Candidate> candidates, Map<String, Source> sources, Map<String, Integer> inFlight) {
    this.remaining = new ArrayList<>(candidates);
    this.remaining.sort(Comparator.comparing(Candidate::oldest).thenComparing(c -> c.lane().datasetName()));
    this.sources = sources;
    this.inFlight = inFlight;
  }

  /** The next dataset to try, removed from the candidates; empty when none is left. */
  Optional<Candidate> next() {
    int best = Integer.MAX_VALUE;
    for (Candidate c : remaining) {
      if (eligible(c.source())) {
        best = Math.min(best, c.level());
      }
    }
    Candidate winner = null;
    double winnerShare = 0;
    for (Candidate c : remaining) {
      if (c.level() != best || !eligible(c.source())) {
        continue;
      }
      double share = (running(c.source()) + 1) / source(c.source()).weight();
      // candidates are sorted oldest first, so the first one met per source is its oldest
      if (winner == null || share < winnerShare
          || (share == winnerShare && c.oldest().isBefore(winner.oldest()))
          || (share == winnerShare && c.oldest().equals(winner.oldest()) && c.source().compareTo(winner.source()) < 0)) {
        winner = c;
        winnerShare = share;
      }
    }
    if (winner != null) {
      remaining.remove(winner);
    }
    return Optional.ofNullable(winner);
  }

  /** Offers a dataset again (its job allows another run and items are left). */
  void add(Candidate candidate) {
    remaining.add(candidate);
    remaining.sort(Comparator.comparing(Candidate::oldest).thenComparing(c -> c.lane().datasetName()));
  }

  /** Counts a leased batch against its source. */
  void picked(String source) {
    picked.merge(source, 1, Integer::sum);
  }

  /** Passes over a source from now on (at its cap, as another selector found). */
  void exclude(String source) {
    excluded.add(source);
  }

  /** Drops candidates that no longer fit (e.g. too many items for what is left of the budget). */
  void dropIf(Predicate<Candidate> unfit) {
    remaining.removeIf(unfit);
  }

  // Whether a source may get another batch.
  private boolean eligible(String source) {
    Source s = source(source);
    return !excluded.contains(source) && (!s.capped() || running(source) < s.maxInFlight());
  }

  // Batches of a source in flight before this selection plus those it picked.
  private int running(String source) {
    return inFlight.getOrDefault(source, 0) + picked.getOrDefault(source, 0);
  }

  // A source's policy, standard when unknown.
  private Source source(String name) {
    return sources.getOrDefault(name, Source.standard(name));
  }
}
