package org.natca.intercom.client;

import java.util.Random;

/** Jitter that is always the same fraction, so backoff waits can be asserted exactly. */
public final class FixedRandom extends Random {

  private static final long serialVersionUID = 1L;
  private final double value;

  public FixedRandom(double value) {
    this.value = value;
  }

  @Override
  public double nextDouble() {
    return value;
  }
}
