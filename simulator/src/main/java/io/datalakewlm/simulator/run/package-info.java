/**
 * What one strategy's run leaves behind for the report: one record per object (when it arrived,
 * started and landed, and how it ended), the emulated account's meter (API calls and errors, peak
 * concurrency per resource, running jobs per source over time, cost units), the state
 * transitions and the DynamoDB requests. Every strategy fills the same records from the same
 * arrivals, so the report compares like with like.
 */
package io.datalakewlm.simulator.run;
