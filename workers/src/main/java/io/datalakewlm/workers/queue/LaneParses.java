package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.Source;
import io.datalakewlm.workers.store.Item;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * The parse of each lane record read, reused while the record is unchanged: every selection reads
 * the whole registry, and between two selections only the few lanes that were touched, claimed or
 * released change.
 *
 * <p>A parse is keyed by the record's CONTENT, never by time: it is reused when the store hands
 * out the very same item object (the in-memory twin keeps an unchanged record's object) or an
 * item equal to the one it came from (DynamoDB returns new objects; an unchanged record compares
 * equal, a record changed in any attribute does not and is parsed again). A parse is a pure
 * function of the record, so a reused one is exactly what parsing again would give, whichever
 * thread parsed it; concurrent readers may each parse a changed record, and the last one kept is
 * as good as any.
 */
final class LaneParses {

  /** A lane record and its parse. */
  private record Parsed(Item item, DatasetLane lane) { }

  /** Bounds the cache over lanes that were pruned (their names are not read again). */
  static final int MAX_LANES = 16_384;

  private final Parser parser;
  private final Map<String, Parsed> byName = new ConcurrentHashMap<>();
  /**
   * The last read of the whole registry, in its order: the next read of it finds most records at
   * the same position and compares them by identity, without looking their names up.
   */
  private volatile Parsed[] lastRead = new Parsed[0];

  /** The source policies of the lanes parsed, one object per distinct policy. */
  private final Map<Source, Source> sources = new ConcurrentHashMap<>();

  /** The stage names of the lanes parsed, one object per name. */
  private final Map<String, String> stages = new ConcurrentHashMap<>();

  /** Parses a lane record, its source policy and its stage name passed through the given operators. */
  interface Parser {
    /** The parse of {@code item}; {@code earlierItem} and {@code earlier}: the lane's last record and parse, or null. */
    DatasetLane parse(Item item, UnaryOperator<Source> sourceOf, UnaryOperator<String> stageOf, Item earlierItem,
                      DatasetLane earlier);
  }

  /**
   * @param parser parses a lane record; the lanes read share one object per source policy and per
   *     stage name, so that a selection tells sources apart by identity and compares a lane's
   *     stage without reaching into a string of its own
   */
  LaneParses(Parser parser) {
    this.parser = parser;
  }

  /** The lanes of one read of the registry, in the order read. */
  List<DatasetLane> of(List<Item> items) {
    Parsed[] previous = lastRead;
    Parsed[] current = new Parsed[items.size()];
    List<DatasetLane> lanes = new ArrayList<>(items.size());
    for (int i = 0; i < current.length; i++) {
      Item item = items.get(i);
      Parsed same = i < previous.length && previous[i].item() == item ? previous[i] : lookUp(item);
      current[i] = same;
      lanes.add(same.lane());
    }
    lastRead = current;
    return lanes;
  }

  // The kept parse of a record with this content, or a new one.
  private Parsed lookUp(Item item) {
    Object name = item.get("name");
    if (!(name instanceof String key)) {
      return new Parsed(item, parser.parse(item, this::interned, this::stageNamed, null, null));
    }
    Parsed last = byName.get(key);
    if (last != null && (last.item() == item || last.item().equals(item))) {
      return last;
    }
    Parsed parsed = new Parsed(item, last == null ? parser.parse(item, this::interned, this::stageNamed, null, null)
        : parser.parse(item, this::interned, this::stageNamed, last.item(), last.lane()));
    if (byName.size() >= MAX_LANES) {
      byName.clear();
    }
    byName.put(key, parsed);
    return parsed;
  }

  // One object per stage name.
  private String stageNamed(String stage) {
    String known = stages.putIfAbsent(stage, stage);
    return known == null ? stage : known;
  }

  // One object per distinct source policy.
  private Source interned(Source source) {
    Source known = sources.putIfAbsent(source, source);
    return known == null ? source : known;
  }
}
