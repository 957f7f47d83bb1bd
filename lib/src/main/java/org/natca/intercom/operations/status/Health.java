package org.natca.intercom.operations.status;

/** The verdict of {@code status}, and its exit code. */
public enum Health {
  /** Nothing needs a person. */
  HEALTHY("healthy", 0),
  /** Something needs a person: see {@link Status#attention()}. */
  ATTENTION("attention", 1),
  /** The database could not be read. */
  UNREACHABLE("unreachable", 3);

  private final String label;
  private final int exitCode;

  Health(String label, int exitCode) {
    this.label = label;
    this.exitCode = exitCode;
  }

  public String label() {
    return label;
  }

  public int exitCode() {
    return exitCode;
  }
}
