/**
 * The failures of the workers' domain, typed: contention, an invalid value, a reaped execution, a
 * lost lease. Store outages are {@link io.datalakewlm.workers.store.StoreException}. Everything else
 * is a bug.
 */
package io.datalakewlm.workers.failure;
