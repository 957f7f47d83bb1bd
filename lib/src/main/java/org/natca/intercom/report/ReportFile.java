package org.natca.intercom.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.natca.intercom.config.ConfigException;

/**
 * Where {@code --report=FILE} goes. The report holds members' emails, so it is written like the audit
 * journal, readable by its owner only; it is checked before a run starts, so a typo costs nothing.
 */
public final class ReportFile {
  private ReportFile() {}

  /**
   * Fails (exit 2) when {@code file} cannot be a report: a directory, or in a directory that does not
   * exist (it is never created: a mistyped path should not leave directories behind) or cannot be
   * written to.
   */
  public static void check(Path file) {
    String problem = problem(file);
    if (problem != null) {
      throw new ConfigException("--report " + file + problem);
    }
  }

  /** What makes {@code file} unusable as a report (to follow its name in a message), or null. */
  private static String problem(Path file) {
    if (Files.isDirectory(file)) {
      return " is a directory; name a file, e.g. " + file.resolve("report.json");
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(file)) {
      return " exists and is not a regular file";
    }
    Path parent = parent(file);
    if (!Files.isDirectory(parent)) {
      return ": the directory " + parent + " does not exist (it is not created)";
    }
    if (!Files.isWritable(parent)) {
      return ": the directory " + parent + " is not writable";
    }
    return null;
  }

  /**
   * Writes {@code bytes} to {@code file} whole or not at all (a temporary file beside it, then a
   * rename), owner-only (0600) where the file system has POSIX permissions. An existing report is
   * replaced; a directory is not.
   */
  public static void write(Path file, byte[] bytes) {
    try {
      String problem = problem(file);
      if (problem != null) {
        // checked before the run; changed since (the run's work is done, so this is not bad input)
        throw new IOException(file + problem);
      }
      Path parent = parent(file);
      Path tmp = Files.createTempFile(parent, "." + file.getFileName(), ".tmp"); // 0600 on POSIX
      try {
        try (OutputStream out = Files.newOutputStream(tmp)) {
          out.write(bytes);
        }
        ownerOnly(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not write the report to " + file + ": " + e.getMessage(), e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // e.g. Windows: the directory's ACLs decide
    }
  }

  private static Path parent(Path file) {
    Path parent = file.toAbsolutePath().getParent();
    return parent == null ? file.toAbsolutePath().getRoot() : parent;
  }
}
