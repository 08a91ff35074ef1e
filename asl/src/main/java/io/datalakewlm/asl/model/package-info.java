/**
 * The immutable model of a state machine definition, as the parser builds it and the interpreter
 * runs it. Every record validates only what its own type guarantees; cross-state rules (a
 * {@code Next} to a state that exists, reachability, field combinations) belong to the validator
 * in {@code io.datalakewlm.asl.parse}, which reports them all at once with their JSON paths.
 */
package io.datalakewlm.asl.model;
