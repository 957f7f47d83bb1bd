package org.natca.intercom.operations;

import java.util.List;

/**
 * A run as it starts: which command with which arguments (the command line holds no secret: they come
 * from the environment only), whether it writes, against which member schema, and where it runs.
 */
public record RunStart(String command, List<String> arguments, boolean dryRun, String memberSchema, String host, long pid) {
  public RunStart {
    arguments = List.copyOf(arguments);
  }

  /** Whether this run writes to Intercom, and so needs the run lock. */
  public boolean writes() {
    return !dryRun;
  }
}
