/**
 * Reading Amazon States Language definitions: {@link io.datalakewlm.asl.parse.DefinitionParser}
 * turns definition text (with SAM-style {@code ${Name}} substitutions) into the immutable model of
 * {@code io.datalakewlm.asl.model}, after checking it the way AWS's
 * {@code ValidateStateMachineDefinition} does.
 *
 * <p>Every problem is a {@link io.datalakewlm.asl.parse.Diagnostic} (severity, AWS-style code,
 * message, JSON Pointer location, line and column), and all of them are reported at once, so the
 * {@code wlm validate} command and a local Step Functions API can show them as AWS would. Only
 * {@code DefinitionParser}, {@code Diagnostic}, {@code DiagnosticCode},
 * {@code InvalidDefinitionException} and {@code Substitutions} are public; the rules are
 * package-private, one class per concern (field tables, states, Choice, Map, error handling,
 * expressions).
 */
package io.datalakewlm.asl.parse;
