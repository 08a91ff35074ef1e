package io.datalakewlm.input;

/**
 * A file a command was given that cannot be used at all: missing, a directory, unreadable, not
 * UTF-8, empty, or not valid JSON or YAML. The message is one line that names the file (and the
 * line and column of a syntax error), says what is wrong in our words and how to fix it.
 */
public final class InputFileException extends Exception {
  private final String file;
  private final int line;
  private final int column;
  private final String problem;
  private final String fix;

  /**
   * @param line 1-based, or 0 when the problem is the file as a whole
   * @param column 1-based, or 0 when unknown
   */
  public InputFileException(String file, int line, int column, String problem, String fix) {
    super(file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "") + ": " + problem + " (" + fix + ")");
    this.file = file;
    this.line = line;
    this.column = column;
    this.problem = problem;
    this.fix = fix;
  }

  public String file() {
    return file;
  }

  /** The 1-based line of a syntax error; 0 for a problem of the whole file. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  /** What is wrong, without the file name. */
  public String problem() {
    return problem;
  }

  public String fix() {
    return fix;
  }
}
