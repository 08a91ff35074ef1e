/**
 * The Step Functions API on loopback ({@code wlm local}): AWS JSON 1.0 over HTTP
 * ({@code protocol}), the actions of one account served by the local runtime ({@code service}),
 * and what answers the executions' Task states ({@code integration}). The entry point is
 * {@link io.datalakewlm.local.LocalStepFunctions}.
 */
package io.datalakewlm.local;
