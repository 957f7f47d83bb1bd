package org.natca.intercom.webhook;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A request body as it was received: its bytes in pieces (every piece full but the last), never one
 * large array. A 1 MiB array is a "humongous" object for the JVM's G1 collector under a small heap
 * (at {@code -Xmx256m} anything from 512 KiB up): each one starts a collection and, 32 at once, the
 * pauses cost more than the work. Pieces of at most {@link #MAX_PIECE} stay ordinary young objects.
 */
public final class ReceivedBody {
  /** Largest piece a reader should make: well under half of the smallest G1 region (1 MiB). */
  public static final int MAX_PIECE = 256 * 1024;

  private final List<byte[]> pieces;
  private final int length;

  /**
   * @param pieces the bytes in order; every piece but the last is used in full
   * @param length the number of bytes, which the last piece may not fill
   */
  public ReceivedBody(List<byte[]> pieces, int length) {
    this.pieces = List.copyOf(pieces);
    long room = 0;
    for (byte[] p : this.pieces) {
      room += p.length;
    }
    int last = this.pieces.isEmpty() ? 0 : this.pieces.get(this.pieces.size() - 1).length;
    if (length < room - last || length > room) {
      throw new IllegalArgumentException(length + " bytes do not fit pieces of " + room + " bytes (last " + last + ")");
    }
    this.length = length;
  }

  public static ReceivedBody of(byte[] bytes) {
    return new ReceivedBody(List.of(Objects.requireNonNull(bytes, "bytes")), bytes.length);
  }

  public int length() {
    return length;
  }

  /** Feeds the bytes to {@code mac}, piece by piece. */
  void update(Mac mac) {
    int left = length;
    for (byte[] p : pieces) {
      int n = Math.min(p.length, left);
      mac.update(p, 0, n);
      left -= n;
    }
  }

  /** The bytes as a stream, without copying them. */
  InputStream stream() {
    List<InputStream> streams = new ArrayList<>(pieces.size());
    int left = length;
    for (byte[] p : pieces) {
      int n = Math.min(p.length, left);
      streams.add(new ByteArrayInputStream(p, 0, n));
      left -= n;
    }
    return new SequenceInputStream(Collections.enumeration(streams));
  }

  /** The bytes in one array (a copy unless it is one full piece). */
  public byte[] toByteArray() {
    if (pieces.size() == 1 && pieces.get(0).length == length) {
      return pieces.get(0);
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] p : pieces) {
      int n = Math.min(p.length, length - at);
      System.arraycopy(p, 0, all, at, n);
      at += n;
    }
    return all;
  }
}
