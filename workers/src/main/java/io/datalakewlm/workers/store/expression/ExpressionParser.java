package io.datalakewlm.workers.store.expression;

import io.datalakewlm.workers.store.expression.ConditionExpression.Comparator;
import io.datalakewlm.workers.store.expression.Tokens.Kind;
import io.datalakewlm.workers.store.expression.Tokens.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses one expression of a request by DynamoDB's grammar and precedence (comparators, IN,
 * BETWEEN, functions, parentheses, NOT, AND, OR), resolving {@code #name}s and {@code :value}s
 * and noting which ones it used.
 */
final class ExpressionParser {
  private static final Set<String> CONDITION_FUNCTIONS =
      Set.of("attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
  private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
  private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
  private static final int MAX_IN_CANDIDATES = 100;

  private final Tokens tokens;
  private final Map<String, String> names;
  private final Map<String, Object> values;
  private final Set<String> usedNames;
  private final Set<String> usedValues;

  ExpressionParser(Tokens tokens, Map<String, String> names, Map<String, Object> values, Set<String> usedNames,
      Set<String> usedValues) {
    this.tokens = tokens;
    this.names = names;
    this.values = values;
    this.usedNames = usedNames;
    this.usedValues = usedValues;
  }

  ConditionExpression condition() {
    ConditionExpression condition = or();
    if (!tokens.atEnd()) {
      throw tokens.syntaxError();
    }
    return condition;
  }

  UpdateExpression update() {
    List<UpdateExpression.Action> actions = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    while (!tokens.atEnd()) {
      Token clause = tokens.next();
      String keyword = clause.kind() == Kind.WORD ? clause.text().toUpperCase() : "";
      if (!List.of("SET", "REMOVE", "ADD", "DELETE").contains(keyword)) {
        throw new ExpressionException("Invalid UpdateExpression: Syntax error; token: \"" + clause.text()
            + "\", near: \"" + clause.text() + "\"");
      }
      if (seen.contains(keyword)) {
        throw tokens.invalid("The \"" + keyword + "\" section can only be used once in an update expression;");
      }
      seen.add(keyword);
      do {
        DocumentPath path = path();
        switch (keyword) {
          case "SET" -> {
            tokens.expect("=");
            actions.add(new UpdateExpression.Set(path, setValue()));
          }
          case "REMOVE" -> actions.add(new UpdateExpression.Remove(path));
          case "ADD" -> actions.add(new UpdateExpression.Add(path, value()));
          default -> actions.add(new UpdateExpression.Delete(path, value()));
        }
      } while (tokens.accept(","));
      if (!tokens.atEnd() && tokens.peek().kind() != Kind.WORD) {
        throw tokens.syntaxError();
      }
    }
    for (int i = 0; i < actions.size(); i++) {
      for (int j = i + 1; j < actions.size(); j++) {
        if (actions.get(i).path().overlaps(actions.get(j).path())) {
          throw tokens.invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; "
              + "path one: " + actions.get(i).path() + ", path two: " + actions.get(j).path());
        }
      }
    }
    return new UpdateExpression(actions);
  }

  List<DocumentPath> projection() {
    List<DocumentPath> paths = new ArrayList<>();
    do {
      paths.add(path());
    } while (tokens.accept(","));
    if (!tokens.atEnd()) {
      throw tokens.syntaxError();
    }
    for (int i = 0; i < paths.size(); i++) {
      for (int j = i + 1; j < paths.size(); j++) {
        if (paths.get(i).overlaps(paths.get(j))) {
          throw tokens.invalid("Two document paths overlap with each other; must remove or rewrite one of these paths; "
              + "path one: " + paths.get(i) + ", path two: " + paths.get(j));
        }
      }
    }
    return paths;
  }

  private ConditionExpression or() {
    ConditionExpression left = and();
    while (tokens.accept("OR")) {
      left = new ConditionExpression.Or(left, and());
    }
    return left;
  }

  private ConditionExpression and() {
    ConditionExpression left = not();
    while (tokens.accept("AND")) {
      left = new ConditionExpression.And(left, not());
    }
    return left;
  }

  private ConditionExpression not() {
    if (tokens.accept("NOT")) {
      return new ConditionExpression.Not(not());
    }
    return primary();
  }

  private ConditionExpression primary() {
    if (tokens.accept("(")) {
      ConditionExpression inner = or();
      tokens.expect(")");
      return inner;
    }
    Token token = tokens.peek();
    if (token.kind() == Kind.WORD && CONDITION_FUNCTIONS.contains(token.text())) {
      return conditionFunction();
    }
    Operand left = conditionOperand();
    if (tokens.accept("BETWEEN")) {
      Operand low = conditionOperand();
      tokens.expect("AND");
      return new ConditionExpression.Between(left, low, conditionOperand());
    }
    if (tokens.accept("IN")) {
      tokens.expect("(");
      List<Operand> candidates = new ArrayList<>();
      do {
        candidates.add(conditionOperand());
      } while (tokens.accept(","));
      tokens.expect(")");
      if (candidates.size() > MAX_IN_CANDIDATES) {
        throw tokens.invalid("The IN operator is provided with too many operands; number of operands: " + candidates.size());
      }
      return new ConditionExpression.In(left, candidates);
    }
    for (Comparator comparator : Comparator.values()) {
      if (tokens.accept(comparator.symbol)) {
        return new ConditionExpression.Compare(left, comparator, conditionOperand());
      }
    }
    throw tokens.syntaxError();
  }

  private ConditionExpression conditionFunction() {
    String function = tokens.next().text();
    tokens.expect("(");
    DocumentPath path = functionPath(function);
    ConditionExpression result;
    switch (function) {
      case "attribute_exists" -> result = new ConditionExpression.AttributeExists(path);
      case "attribute_not_exists" -> result = new ConditionExpression.AttributeNotExists(path);
      case "attribute_type" -> {
        tokens.expect(",");
        Operand.Value type = value();
        if (!(type.value() instanceof String text) || !TYPES.contains(text)) {
          throw tokens.invalid("Invalid attribute type name found; type: " + type.value()
              + ", valid types: { B,NULL,SS,BOOL,L,BS,N,NS,S,M }");
        }
        result = new ConditionExpression.AttributeType(path, (String) type.value());
      }
      case "begins_with" -> {
        tokens.expect(",");
        result = new ConditionExpression.BeginsWith(path, conditionOperand());
      }
      default -> {
        tokens.expect(",");
        result = new ConditionExpression.Contains(path, conditionOperand());
      }
    }
    tokens.expect(")");
    return result;
  }

  // A function's first argument, which must be a document path.
  private DocumentPath functionPath(String function) {
    Token token = tokens.peek();
    if (token.kind() == Kind.VALUE) {
      throw tokens.invalid("Operator or function requires a document path; operator or function: " + function);
    }
    return path();
  }

  private Operand conditionOperand() {
    Token token = tokens.peek();
    if (token.kind() == Kind.VALUE) {
      return value();
    }
    if (token.kind() == Kind.WORD && isFunctionCall()) {
      String function = token.text();
      if (function.equals("size")) {
        tokens.next();
        tokens.expect("(");
        DocumentPath path = functionPath(function);
        tokens.expect(")");
        return new Operand.Size(path);
      }
      throw functionMisuse(function, false);
    }
    return new Operand.Path(path());
  }

  // SET's value: an operand, or two joined by + or -.
  private Operand setValue() {
    Operand left = updateOperand();
    if (tokens.accept("+")) {
      return new Operand.Arithmetic(left, true, updateOperand());
    }
    if (tokens.accept("-")) {
      return new Operand.Arithmetic(left, false, updateOperand());
    }
    return left;
  }

  private Operand updateOperand() {
    Token token = tokens.peek();
    if (token.kind() == Kind.VALUE) {
      return value();
    }
    if (token.kind() == Kind.WORD && isFunctionCall()) {
      String function = token.text();
      if (!UPDATE_FUNCTIONS.contains(function)) {
        throw functionMisuse(function, true);
      }
      tokens.next();
      tokens.expect("(");
      Operand result;
      if (function.equals("if_not_exists")) {
        DocumentPath path = functionPath(function);
        tokens.expect(",");
        result = new Operand.IfNotExists(path, updateOperand());
      } else {
        Operand first = updateOperand();
        tokens.expect(",");
        result = new Operand.ListAppend(first, updateOperand());
      }
      tokens.expect(")");
      return result;
    }
    return new Operand.Path(path());
  }

  private ExpressionException functionMisuse(String function, boolean update) {
    if (CONDITION_FUNCTIONS.contains(function) || UPDATE_FUNCTIONS.contains(function) || function.equals("size")) {
      return tokens.invalid(update ? "The function is not allowed in an update expression; function: " + function
          : UPDATE_FUNCTIONS.contains(function) ? "The function is not allowed in a condition expression; function: " + function
          : "The function is not allowed to be used this way in an expression; function: " + function);
    }
    return tokens.invalid("Invalid function name; function: " + function);
  }

  // Whether the word at hand is followed by '(' (a function call rather than an attribute name).
  private boolean isFunctionCall() {
    Tokens.Token word = tokens.next();
    boolean call = tokens.peek().kind() == Kind.SYMBOL && tokens.peek().text().equals("(");
    tokens.unread(word);
    return call;
  }

  private Operand.Value value() {
    Token token = tokens.next();
    if (token.kind() != Kind.VALUE) {
      throw tokens.syntaxError();
    }
    Object value = values.get(token.text());
    if (value == null) {
      throw tokens.invalid("An expression attribute value used in expression is not defined; attribute value: "
          + token.text());
    }
    usedValues.add(token.text());
    return new Operand.Value(token.text(), value);
  }

  private DocumentPath path() {
    List<Object> segments = new ArrayList<>();
    segments.add(element());
    while (true) {
      if (tokens.accept(".")) {
        segments.add(element());
      } else if (tokens.accept("[")) {
        Token index = tokens.next();
        if (index.kind() != Kind.NUMBER) {
          throw tokens.syntaxError();
        }
        segments.add(Integer.parseInt(index.text()));
        tokens.expect("]");
      } else {
        return new DocumentPath(segments);
      }
    }
  }

  // One name of a path: a word or a #name resolved through ExpressionAttributeNames.
  private String element() {
    Token token = tokens.peek();
    if (token.kind() == Kind.WORD) {
      tokens.next();
      if (ReservedWords.isReserved(token.text())) {
        throw tokens.invalid("Attribute name is a reserved keyword; reserved keyword: " + token.text());
      }
      return token.text();
    }
    if (token.kind() == Kind.NAME) {
      tokens.next();
      String name = names.get(token.text());
      if (name == null) {
        throw tokens.invalid("An expression attribute name used in the document path is not defined; attribute name: "
            + token.text());
      }
      usedNames.add(token.text());
      return name;
    }
    throw tokens.syntaxError();
  }
}
