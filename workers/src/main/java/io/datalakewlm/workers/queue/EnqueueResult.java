package io.datalakewlm.workers.queue;

import io.datalakewlm.workers.domain.WorkItem;

/**
 * The item as stored after Enqueue.
 *
 * @param enqueued false when the same object (and version) was already in the queue: nothing changed
 */
public record EnqueueResult(WorkItem item, boolean enqueued) { }
