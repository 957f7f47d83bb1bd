package org.natca.intercom.operations;

/** Another writing run holds the run lock of this member database: this one did nothing. */
public final class RunLockRefusedException extends RuntimeException {
  private final transient LockHolder holder;

  public RunLockRefusedException(LockHolder holder) {
    super("another run is writing to this member database: " + holder.describe()
        + "; nothing was done (try again when it has finished)");
    this.holder = holder;
  }

  public LockHolder holder() {
    return holder;
  }
}
