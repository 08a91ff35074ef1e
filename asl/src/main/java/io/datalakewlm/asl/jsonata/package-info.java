/**
 * JSONata in Step Functions: {@link io.datalakewlm.asl.jsonata.JsonataExpression} (one
 * {@code {% … %}} expression, compiled once by the {@code com.dashjoin:jsonata} evaluator),
 * {@link io.datalakewlm.asl.jsonata.JsonataTemplate} (a field value with expressions at any
 * depth), {@link io.datalakewlm.asl.jsonata.Bindings} (the reserved {@code $states} variable and
 * the workflow variables an evaluation sees), {@link io.datalakewlm.asl.jsonata.StatesFunctions}
 * (the functions AWS adds) and {@link io.datalakewlm.asl.jsonata.JsonataReferences} (what an
 * expression reads, for the validator).
 *
 * <p>Failures are {@code States.QueryEvaluationError} with AWS's causes; the interpreter adds the
 * state's name in front, as AWS does.
 */
package io.datalakewlm.asl.jsonata;
