package io.datalakewlm.workers.domain;

/**
 * Where a work item is in its life: QUEUED (waiting in its lane) -> LEASED (picked by a
 * dispatcher execution) -> DONE, or back to QUEUED after a failure, or DEAD once its attempts
 * are spent. Nothing is deleted on the way, so no work is lost.
 */
public enum ItemStatus { QUEUED, LEASED, DONE, DEAD }
