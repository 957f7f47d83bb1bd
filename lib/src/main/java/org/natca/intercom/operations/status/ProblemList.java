package org.natca.intercom.operations.status;

import java.util.List;

/** Some problems: how many there are, and the first of them (at most {@link #MAX_LISTED}). */
public record ProblemList(int total, List<Problem> items) {
  public static final int MAX_LISTED = 100;
  public static final ProblemList NONE = new ProblemList(0, List.of());

  public ProblemList {
    items = List.copyOf(items);
  }

  public boolean isEmpty() {
    return total == 0;
  }
}
