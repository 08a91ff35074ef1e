package io.datalakewlm.asl.parse;

/**
 * What kind of problem a {@link Diagnostic} reports. The first group are the codes AWS's
 * {@code ValidateStateMachineDefinition} uses (spelled as AWS spells them, so a local API can
 * return them unchanged); the last group are this runtime's own: problems AWS cannot see (an
 * undefined {@code ${Name}} substitution) or features AWS accepts that the local runtime does not
 * run.
 */
public enum DiagnosticCode {
  // AWS error codes
  /** The text is not JSON, or an object repeats a key. */
  INVALID_JSON_DESCRIPTION,
  /** The definition is empty. */
  MISSING_DESCRIPTION,
  /** A field is unknown, missing, of the wrong type or out of range, or fields conflict. */
  SCHEMA_VALIDATION_FAILED,
  /** A Task {@code Resource} that is not an ARN. */
  INVALID_RESOURCE,
  /** A set of states (the definition, a branch, an item processor) with no terminal state. */
  MISSING_END_STATE,
  /** The same state name is used twice anywhere in the definition. */
  DUPLICATE_STATE_NAME,
  /** A state name that is empty or longer than 80 characters. */
  INVALID_STATE_NAME,
  /** Two distributed Map states with the same {@code Label}. */
  DUPLICATE_LABEL_NAME,
  /** A Map {@code Label} that is too long or contains forbidden characters. */
  INVALID_LABEL_NAME,
  /** A transition to a state that does not exist in its scope, or a state nothing reaches. */
  MISSING_TRANSITION_TARGET,
  /** A {@code {% %}} string that is not a JSONata expression. */
  INVALID_JSONATA_EXPRESSION,
  /**
   * A JSONata expression that reads what Step Functions does not offer there: {@code $$}, a name
   * at the top level, {@code $states.result} or {@code $states.errorOutput} outside their fields.
   */
  UNSUPPORTED_JSONATA_EXPRESSION,
  /** An inner scope (a branch, an item processor) assigns a variable an outer scope assigns. */
  DUPLICATE_VARIABLE_NAME,

  // AWS warning codes
  /** A template value that looks like a path or intrinsic, under a key without {@code .$}. */
  NO_DOLLAR,
  /** A field value that looks like a path, in a field whose name does not end with {@code Path}. */
  NO_PATH,
  /** A Pass {@code Result} that contains paths, which a Result never evaluates. */
  PASS_RESULT_IS_STATIC,
  /** A variable read where no state of a visible scope assigns it: the read fails at run time. */
  POSSIBLY_UNDEFINED_VARIABLE,

  // this runtime's own codes
  /** A {@code ${Name}} placeholder with no value among the supplied substitutions. */
  UNDEFINED_SUBSTITUTION
}
