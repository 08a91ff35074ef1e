package io.datalakewlm.workers.store.expression;

import java.util.List;

/** A parsed UpdateExpression: its actions in the order written, clause by clause. */
public record UpdateExpression(List<Action> actions) {
  public UpdateExpression {
    actions = List.copyOf(actions);
  }

  /** One action of a SET, REMOVE, ADD or DELETE clause. */
  public sealed interface Action {
    DocumentPath path();
  }

  public record Set(DocumentPath path, Operand value) implements Action { }

  public record Remove(DocumentPath path) implements Action { }

  public record Add(DocumentPath path, Operand.Value value) implements Action { }

  public record Delete(DocumentPath path, Operand.Value value) implements Action { }
}
