package io.datalakewlm.simulator.aws;

/** One finished crawl: which crawler, its tag, when it ran and the seconds billed. */
public record Crawl(String crawler, String tag, long startedOnMillis, long completedOnMillis, long billedSeconds) {}
