package io.datalakewlm.simulator.random;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Derives independent, reproducible random streams from one scenario seed and a name, so that a
 * stream depends only on what it is for (the Glue job {@code orders-17}, the arrivals of entry 3
 * for dataset {@code ledger}) and never on the order in which other streams were used.
 *
 * <p>This is what makes strategies comparable: the k-th run of a job draws the same duration
 * whichever strategy started it, and a Poisson arrival pattern is the same in every replay (the
 * "common random numbers" technique of simulation studies). The hash is FNV-1a over the UTF-8 of
 * the parts, finished with SplitMix64, so it is stable across JVMs and Java versions.
 */
public final class Seeds {
  private static final long FNV_OFFSET = 0xcbf29ce484222325L;
  private static final long FNV_PRIME = 0x100000001b3L;

  private Seeds() {}

  /** A 64-bit seed for the stream named by {@code parts} under {@code seed}. */
  public static long derive(long seed, String... parts) {
    long hash = FNV_OFFSET;
    for (String part : parts) {
      for (byte b : part.getBytes(StandardCharsets.UTF_8)) {
        hash = (hash ^ (b & 0xff)) * FNV_PRIME;
      }
      hash = (hash ^ 0xff) * FNV_PRIME; // a separator no UTF-8 byte sequence contains
    }
    return mix(hash ^ mix(seed));
  }

  /** A random stream for the name {@code parts} under {@code seed}. */
  public static SplittableRandom stream(long seed, String... parts) {
    return new SplittableRandom(derive(seed, parts));
  }

  // SplitMix64's finaliser: spreads every input bit over the output.
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
