package io.datalakewlm.cli;

import io.datalakewlm.input.InputFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file a command will write (such as {@code simulate --html}), checked before any work runs:
 * its folder exists, it is not a directory, and a file can be created there (permission, a
 * read-only file system). The check creates and deletes a probe file next to the target. Caveat:
 * the disk can still fill up or change between the check and the write; that late failure is
 * reported with its reason too.
 */
final class OutputFile {

  private OutputFile() {}

  /**
   * Throws when {@code target} cannot be written.
   *
   * @param option the option that named it, for the message
   * @throws IllegalArgumentException naming the option, the file and the reason
   */
  static void check(String option, Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || !Files.isDirectory(folder)) {
      throw refused(option, target, "no such directory " + folder);
    }
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException(option + " " + target + " cannot be written: it is a directory; give a file "
          + "name inside it");
    }
    if (Files.exists(absolute) && !Files.isWritable(absolute)) {
      throw refused(option, target, "permission denied");
    }
    Path probe = folder.resolve("." + absolute.getFileName() + "." + ProcessHandle.current().pid() + ".probe");
    try {
      Files.deleteIfExists(Files.createFile(probe));
    } catch (IOException e) {
      throw refused(option, target, InputFile.reason(e));
    }
  }

  // "--html report.html cannot be written: permission denied".
  private static IllegalArgumentException refused(String option, Path target, String reason) {
    return new IllegalArgumentException(option + " " + target + " cannot be written: " + reason
        + "; give a path in a folder you can write to");
  }
}
