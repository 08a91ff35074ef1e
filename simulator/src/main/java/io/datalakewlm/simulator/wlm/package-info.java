/**
 * The deployed application, locally: the state machines {@code sam deploy} ships, parsed with the
 * template's parameters, their activities served by the real worker handlers, their AWS calls by
 * the emulated account, all on one virtual clock. The {@code wlm} strategy and the end-to-end tests
 * run it.
 */
package io.datalakewlm.simulator.wlm;
