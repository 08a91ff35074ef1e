package io.datalakewlm.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the one reader says about each way a file cannot be used (the CLI's catalogue runs it per command). */
class InputFileTest {
  @TempDir Path dir;

  @Test
  void aFileWithoutReadPermissionSaysPermissionDenied() throws IOException {
    Path file = Files.writeString(dir.resolve("secret.yaml"), "name: x\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("-w-------"));
    assumeFalse(Files.isReadable(file), "root reads every file");
    InputFileException e = assertThrows(InputFileException.class, () -> InputFile.read(file));
    assertEquals(file + ": permission denied (make the file readable (chmod +r " + file + "))", e.getMessage());
  }

  @Test
  void aMissingFolderIsNamed() {
    Path file = dir.resolve("nowhere/day.yaml");
    InputFileException e = assertThrows(InputFileException.class, () -> InputFile.read(file));
    assertEquals("no such file: the folder " + dir.resolve("nowhere") + " does not exist", e.problem());
  }

  @Test
  void theOffsetIsTheFirstByteThatIsNotUtf8AfterValidMultiByteText() throws IOException {
    Path file = dir.resolve("day.yaml");
    byte[] text = "name: é\nseed: \u00ff".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[text.length + 1];
    System.arraycopy(text, 0, bytes, 0, text.length);
    bytes[text.length] = (byte) 0xC3; // a two-byte sequence cut short at the end
    Files.write(file, bytes);
    InputFileException e = assertThrows(InputFileException.class, () -> InputFile.read(file));
    assertEquals("not UTF-8 text: byte 0xC3 at offset " + text.length + " is not valid UTF-8", e.problem());
  }

  @Test
  void aByteOrderMarkIsDroppedAndTheTextIsReturned() throws Exception {
    Path file = Files.write(dir.resolve("input.json"), "\uFEFF{\"a\": 1}".getBytes(StandardCharsets.UTF_8));
    assertEquals("{\"a\": 1}", InputFile.readJson(file));
  }

  @Test
  void jsonErrorsAreInOurWordsWithLineAndColumn() {
    InputFileException unclosed = assertThrows(InputFileException.class,
        () -> JsonSyntax.check("{\n  \"a\": [1, 2\n", "in.json"));
    assertEquals("not valid JSON: the text ends inside an array: a ']' is missing", unclosed.problem());
    assertEquals(3, unclosed.line());
    InputFileException trailing = assertThrows(InputFileException.class, () -> JsonSyntax.check("{} {}", "in.json"));
    assertEquals("not valid JSON: more text after the JSON value; a file holds one value", trailing.problem());
    InputFileException quotes = assertThrows(InputFileException.class,
        () -> JsonSyntax.check("{'a': 1}", "in.json"));
    assertEquals("not valid JSON: expected a member name in double quotes, found a single quote (JSON quotes with \")",
        quotes.problem());
  }

  @Test
  void yamlErrorsAreInOurWordsWithLineAndColumn() {
    InputFileException colon = assertThrows(InputFileException.class,
        () -> YamlSyntax.check("name: a: b\n", "day.yaml"));
    assertEquals("not valid YAML: a ':' where a value was expected (quote a value that holds ': ', or start the "
        + "mapping on a new line)", colon.problem());
    assertEquals(1, colon.line());
    assertEquals(8, colon.column());
  }
}
