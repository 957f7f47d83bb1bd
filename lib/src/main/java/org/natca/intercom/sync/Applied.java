package org.natca.intercom.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.RunReport.Total;
import org.natca.intercom.report.Verb;

/**
 * What carrying out one member's plan came to: the contact it ended on (null when none, or a dry run's
 * user not created yet), the steps taken with their reasons, what each counts as in the report's
 * totals, warnings, and the {@link Problem} that stopped it (null when none). The run report is a
 * projection of these ({@link #into(RunReport)}); the webhook tells an agent from the same record.
 */
public record Applied(Integer memberNumber, String email, String contactId, List<Step> steps,
    Map<Total, Integer> counts, List<String> warnings, Problem problem) {

  public Applied {
    steps = List.copyOf(steps);
    counts = Collections.unmodifiableMap(counts.isEmpty() ? new EnumMap<>(Total.class) : new EnumMap<>(counts));
    warnings = List.copyOf(warnings);
  }

  public boolean succeeded() {
    return problem == null;
  }

  public int count(Total total) {
    return counts.getOrDefault(total, 0);
  }

  public boolean has(Verb verb) {
    return steps.stream().anyMatch(s -> s.verb() == verb);
  }

  /** Adds this member's steps, counts, warnings and problem to the run report. */
  public void into(RunReport report) {
    for (Step s : steps) {
      report.action(s.verb(), memberNumber, s.contactId(), s.reason());
    }
    counts.forEach(report::add);
    warnings.forEach(report::warn);
    if (problem instanceof Problem.Blocked b) {
      WriteOutcome.Blocked blocked = new WriteOutcome.Blocked(b.contactId(), b.adminAction());
      report.blocked(memberNumber, email, b.contactId(), b.adminAction());
      report.unrecoverable(blocked.kind(), memberNumber, email, b.contactId(), blocked.whatHappened(), blocked.whatToDo());
    } else if (problem instanceof Problem.Lost l) {
      // not a failure: a person must act, and the next run meets it the same way
      WriteOutcome.Unrecoverable u = l.outcome();
      report.unrecoverable(u.kind(), memberNumber, email, u.contactId(), u.whatHappened(), u.whatToDo());
    } else if (problem instanceof Problem.Refused r) {
      report.action(Verb.REFUSE, memberNumber, r.contactId(), r.reason());
      report.fail(memberNumber, email, r.contactId(), r.describe());
    } else if (problem != null) {
      report.fail(memberNumber, email, problem.contactId(), problem.describe());
    }
  }

  /**
   * Collects a member's result while the applier works; the caller builds it whether the work ended
   * or threw, so what was done before an exception still reaches the report.
   */
  public static final class Builder {
    private final Integer memberNumber;
    private final String email;
    private String contactId;
    private final List<Step> steps = new ArrayList<>();
    private final Map<Total, Integer> counts = new EnumMap<>(Total.class);
    private final List<String> warnings = new ArrayList<>();
    private Problem problem;

    public Builder(Integer memberNumber, String email) {
      this.memberNumber = memberNumber;
      this.email = email;
    }

    public Integer memberNumber() {
      return memberNumber;
    }

    public String email() {
      return email;
    }

    boolean failed() {
      return problem != null;
    }

    Builder step(Verb verb, String contactId, String reason) {
      if (reason != null) {
        steps.add(new Step(verb, contactId, reason));
      }
      return this;
    }

    Builder count(Total total) {
      counts.merge(total, 1, Integer::sum);
      return this;
    }

    public Builder warn(String warning) {
      warnings.add(warning);
      return this;
    }

    Builder contact(String id) {
      contactId = id;
      return this;
    }

    Builder problem(Problem p) {
      problem = p;
      return this;
    }

    public Applied build() {
      return new Applied(memberNumber, email, contactId, steps, counts, warnings, problem);
    }
  }
}
