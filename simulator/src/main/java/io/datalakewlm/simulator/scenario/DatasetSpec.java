package io.datalakewlm.simulator.scenario;

/**
 * An atomic dataset of a source: its priority level (1 most urgent … 9), its stage-B job and
 * crawler, and the batch bounds of stages A and B.
 */
public record DatasetSpec(String name, String source, int priority, JobSpec job, CrawlerSpec crawler,
    StageBounds stageA, StageBounds stageB) {}
