package io.datalakewlm.input;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The one reader of the files the commands take (scenarios, definitions, inputs, mock configs,
 * priority files, dataset configs, worker configs, arrival files). A file that cannot be used
 * fails with an {@link InputFileException} whose one line names the file and the reason in our
 * words: no such file or folder, a directory, permission denied, not UTF-8 (with the byte
 * offset), empty, or a JSON or YAML syntax error with its line and column.
 *
 * <p>The text is returned without a UTF-8 byte order mark. Caveat: the syntax checks only
 * parse; what the content means is for each file's own reader, which parses the text again
 * (the files are small).
 */
public final class InputFile {

  private InputFile() {}

  /** The text of a file that exists, is readable, is UTF-8 and is not blank. */
  public static String read(Path file) throws InputFileException {
    String name = file.toString();
    if (Files.isDirectory(file)) {
      throw new InputFileException(name, 0, 0, "is a directory, not a file", "give the path of a file inside it");
    }
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    String text = decode(name, bytes);
    if (text.isBlank()) {
      throw new InputFileException(name, 0, 0, "the file is empty", "write its content, or give another file");
    }
    return text;
  }

  /** The text of a JSON file, checked to be one JSON value. */
  public static String readJson(Path file) throws InputFileException {
    String text = read(file);
    JsonSyntax.check(text, file.toString());
    return text;
  }

  /** The text of a YAML (or JSON) file, checked to be one YAML document with content. */
  public static String readYaml(Path file) throws InputFileException {
    String text = read(file);
    YamlSyntax.check(text, file.toString());
    return text;
  }

  /**
   * Why a file could not be opened or read, in our words: the file or its folder missing,
   * permission denied, or the system's reason.
   */
  public static InputFileException unreadable(Path file, IOException e) {
    String name = file.toString();
    if (e instanceof NoSuchFileException) {
      Path folder = file.toAbsolutePath().getParent();
      if (folder != null && !Files.isDirectory(folder)) {
        return new InputFileException(name, 0, 0, "no such file: the folder " + folder + " does not exist",
            "check the path");
      }
      return new InputFileException(name, 0, 0, "no such file", "check the path and the working directory");
    }
    if (e instanceof AccessDeniedException) {
      return new InputFileException(name, 0, 0, "permission denied", "make the file readable (chmod +r " + name + ")");
    }
    return new InputFileException(name, 0, 0, "cannot be read: " + reason(e), "check the file and the disk");
  }

  /** The system's reason for a failed file operation, lower case and without Java's names. */
  public static String reason(IOException e) {
    String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
    if (reason == null || reason.isBlank()) {
      reason = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such file or directory" : "input/output error";
    }
    return reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
  }

  // Strict UTF-8: the offset of the first byte that is not, and the byte itself.
  private static String decode(String name, byte[] bytes) throws InputFileException {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      throw new InputFileException(name, 0, 0, String.format(Locale.ROOT,
          "not UTF-8 text: byte 0x%02X at offset %d is not valid UTF-8%s", bytes[offset] & 0xFF, offset,
          looksBinary(bytes) ? "; the file looks binary" : ""),
          "give a text file, or save this one as UTF-8");
    }
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  // NUL bytes near the start: a binary file rather than text in another encoding.
  private static boolean looksBinary(byte[] bytes) {
    for (int i = 0; i < Math.min(bytes.length, 512); i++) {
      if (bytes[i] == 0) {
        return true;
      }
    }
    return false;
  }
}
