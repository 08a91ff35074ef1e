package io.datalakewlm.workers.store.expression;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The expressions of one DynamoDB request, parsed together as DynamoDB checks them: every
 * {@code ExpressionAttributeNames} and {@code ExpressionAttributeValues} entry must be defined
 * where used and used by some expression of the request.
 *
 * @param condition the ConditionExpression, or null
 * @param update the UpdateExpression, or null
 * @param projection the ProjectionExpression's paths, or null
 */
public record RequestExpressions(ConditionExpression condition, UpdateExpression update, List<DocumentPath> projection) {

  /**
   * @param names ExpressionAttributeNames, or null
   * @param values ExpressionAttributeValues in the store's Java form, or null
   * @throws ExpressionException DynamoDB's ValidationException
   */
  public static RequestExpressions parse(String condition, String update, String projection, Map<String, String> names,
      Map<String, Object> values) {
    if (names != null && names.isEmpty()) {
      throw new ExpressionException("ExpressionAttributeNames must not be empty");
    }
    if (values != null && values.isEmpty()) {
      throw new ExpressionException("ExpressionAttributeValues must not be empty");
    }
    if (condition == null && update == null && projection == null) {
      if (names != null) {
        throw new ExpressionException("ExpressionAttributeNames can only be specified when using expressions");
      }
      if (values != null) {
        throw new ExpressionException("ExpressionAttributeValues can only be specified when using expressions: "
            + "UpdateExpression and ConditionExpression are null");
      }
    }
    Map<String, String> givenNames = names == null ? Map.of() : names;
    Map<String, Object> givenValues = values == null ? Map.of() : values;
    Set<String> usedNames = new HashSet<>();
    Set<String> usedValues = new HashSet<>();
    UpdateExpression parsedUpdate = update == null ? null
        : new ExpressionParser(Tokens.of("UpdateExpression", update), givenNames, givenValues, usedNames, usedValues).update();
    ConditionExpression parsedCondition = condition == null ? null
        : new ExpressionParser(Tokens.of("ConditionExpression", condition), givenNames, givenValues, usedNames, usedValues)
            .condition();
    List<DocumentPath> parsedProjection = projection == null ? null
        : new ExpressionParser(Tokens.of("ProjectionExpression", projection), givenNames, givenValues, usedNames, usedValues)
            .projection();
    // every request of a state machine passes: the sorted sets of the message only when one fails
    Set<String> unusedNames = unused(givenNames.keySet(), usedNames);
    if (!unusedNames.isEmpty()) {
      throw new ExpressionException("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
          + String.join(", ", unusedNames) + "}");
    }
    Set<String> unusedValues = unused(givenValues.keySet(), usedValues);
    if (!unusedValues.isEmpty()) {
      throw new ExpressionException("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
          + String.join(", ", unusedValues) + "}");
    }
    return new RequestExpressions(parsedCondition, parsedUpdate, parsedProjection);
  }

  // The given names the expressions did not use, sorted as DynamoDB lists them.
  private static Set<String> unused(Set<String> given, Set<String> used) {
    if (used.containsAll(given)) {
      return Set.of();
    }
    Set<String> unused = new TreeSet<>(given);
    unused.removeAll(used);
    return unused;
  }
}
