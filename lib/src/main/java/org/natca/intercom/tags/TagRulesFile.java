package org.natca.intercom.tags;

import java.util.List;

/** A tag rules file as read: every rule valid, or every problem found, one line each. */
public sealed interface TagRulesFile {

  /** Nothing wrong; {@code rules} in file order (may be empty); {@code file} names the file in later problems. */
  record Valid(String file, List<TagRule> rules) implements TagRulesFile {
    public Valid {
      rules = List.copyOf(rules);
    }

    /** {@code FILE:line:col: rule [i]: message}, for a problem found after parsing (an sql rule that fails). */
    public String problem(TagRule rule, String message) {
      return file + ":" + rule.line() + ":" + rule.column() + ": " + rule.where() + ": " + message;
    }
  }

  /** At least one problem, each {@code FILE:line:col: rule [i]: ...}, in file order. */
  record Invalid(List<String> problems) implements TagRulesFile {
    public Invalid {
      problems = List.copyOf(problems);
      if (problems.isEmpty()) {
        throw new IllegalArgumentException("an invalid rules file has at least one problem");
      }
    }
  }
}
