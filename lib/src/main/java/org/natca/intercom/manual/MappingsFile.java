package org.natca.intercom.manual;

import java.util.List;

/**
 * A mappings file as read: every entry valid, every problem found (one line each), or a file that was
 * not read at all.
 */
public sealed interface MappingsFile {

  /** Nothing wrong; {@code mappings} in file order (may be empty). */
  record Valid(List<Mapping> mappings) implements MappingsFile {
    public Valid {
      mappings = List.copyOf(mappings);
    }
  }

  /**
   * At least one problem. Each line names the file and, where there is one, the line and column
   * ({@code mappings.json:7:22: entry [2]: ...}), in file order.
   */
  record Invalid(List<String> problems) implements MappingsFile {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid mappings file has at least one problem");
      }
    }
  }

  /**
   * Not read: missing, unreadable, not a regular file (a directory, a FIFO, a device such as
   * {@code /dev/zero}) or larger than {@link Mappings#MAX_FILE_BYTES}. {@code problem} names the file.
   */
  record Unreadable(String problem) implements MappingsFile {}
}
