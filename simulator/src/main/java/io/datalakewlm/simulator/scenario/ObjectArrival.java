package io.datalakewlm.simulator.scenario;

import java.time.Instant;

/**
 * One object landing in the lake: when, for which source and dataset, and its key
 * ({@code <source>/<dataset>/<yyyy-mm-dd>/object-<n>}, n counting the dataset's objects in time
 * order from 1).
 *
 * @param sequence the position in the scenario's arrival stream, from 0
 */
public record ObjectArrival(long sequence, Instant at, String source, String dataset, String key) {}
