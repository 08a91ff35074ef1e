package io.datalakewlm.workers.store.expression;

/** A value of an expression: an attribute of the item, an expression attribute value, or a function of them. */
public sealed interface Operand {
  /** The item's value at a path. */
  record Path(DocumentPath path) implements Operand { }

  /** An {@code ExpressionAttributeValues} entry, in the store's Java form. */
  record Value(String name, Object value) implements Operand { }

  /** {@code size(path)} (conditions only). */
  record Size(DocumentPath path) implements Operand { }

  /** {@code if_not_exists(path, operand)} (updates only). */
  record IfNotExists(DocumentPath path, Operand otherwise) implements Operand { }

  /** {@code list_append(first, second)} (updates only). */
  record ListAppend(Operand first, Operand second) implements Operand { }

  /** {@code left + right} or {@code left - right} (updates only). */
  record Arithmetic(Operand left, boolean plus, Operand right) implements Operand { }
}
