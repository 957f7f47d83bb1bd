package org.natca.intercom.tags;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads a tag rules file ({@code TAG_RULES_FILE} or {@code daily-sync --tag-rules=FILE}): a JSON array
 * of rules, each {@code {"tag": "<name>", <one selector>}} and optionally a {@code "note"} (ignored), as
 * in {@code tag-rules.example.json}:
 * <pre>[{"tag": "NATCA member", "all": true}, {"tag": "Facility Reps", "positions": ["facrep", "facpres"]}]</pre>
 * Selectors: {@code "all": true}; {@code positions}, {@code status}, {@code member_type}, {@code region},
 * {@code facility}: a non-empty array of strings; {@code sql}: one query returning one integer column.
 * Any other key is an error. A tag may be named by one rule only (Intercom's tag names ignore case, so
 * do these). Every problem in the file is found, not just the first.
 */
public final class TagRules {
  public static final String TAG = "tag";
  public static final String ALL = "all";
  public static final String SQL = "sql";
  public static final String NOTE = "note";
  /** The selector keys, in the contract's order. */
  public static final List<String> SELECTORS = List.of(ALL, "positions", "status", "member_type", "region", "facility", SQL);
  public static final String EXAMPLE = "[{\"tag\": \"NATCA member\", \"all\": true}, {\"tag\": \"Facility Reps\", \"positions\": [\"facrep\", \"facpres\"]}]";

  private TagRules() {}

  /** Reads and checks the file; unreadable, empty and malformed files come back as {@link TagRulesFile.Invalid}. */
  public static TagRulesFile read(Path file) {
    String name = file.toString();
    byte[] content;
    try {
      if (Files.isDirectory(file)) {
        return invalid(name + ": cannot read the tag rules file: it is a directory");
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return invalid(name + ": cannot read the tag rules file: no such file");
    } catch (AccessDeniedException e) {
      return invalid(name + ": cannot read the tag rules file: permission denied");
    } catch (IOException e) {
      return invalid(name + ": cannot read the tag rules file: " + e.getMessage());
    }
    return parse(name, content);
  }

  /** Checks a file's content; {@code name} is how problem lines name the file. */
  public static TagRulesFile parse(String name, byte[] content) {
    return new TagRulesParser(name).parse(content);
  }

  private static TagRulesFile invalid(String problem) {
    return new TagRulesFile.Invalid(List.of(problem));
  }
}
