package org.natca.intercom.webhook;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;

/**
 * A request body as it was received: its bytes in pieces (buffers, read from their position to their
 * limit), never one large array. A 1 MiB array is a "humongous" object for the JVM's G1 collector
 * under a small heap (at {@code -Xmx256m} anything from 512 KiB up): each one starts a collection,
 * and 32 at once made the pauses cost more than the work. The server reads large bodies into direct
 * buffers of its own, which the collector never copies.
 */
public final class ReceivedBody {
  private final List<ByteBuffer> pieces;
  private final int length;

  /** The pieces are read from their position to their limit, and not changed. */
  public ReceivedBody(List<ByteBuffer> pieces) {
    List<ByteBuffer> copy = new ArrayList<>(pieces.size());
    long n = 0;
    for (ByteBuffer p : pieces) {
      copy.add(p.asReadOnlyBuffer());
      n += p.remaining();
    }
    if (n > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("a body of " + n + " bytes");
    }
    this.pieces = List.copyOf(copy);
    this.length = (int) n;
  }

  public static ReceivedBody of(byte[] bytes) {
    return new ReceivedBody(List.of(ByteBuffer.wrap(Objects.requireNonNull(bytes, "bytes"))));
  }

  public int length() {
    return length;
  }

  /** Feeds the bytes to {@code mac}, piece by piece. */
  void update(Mac mac) {
    for (ByteBuffer p : pieces) {
      mac.update(p.duplicate());
    }
  }

  /** The bytes as a stream, without copying them first. */
  InputStream stream() {
    List<ByteBuffer> left = new ArrayList<>(pieces.size());
    for (ByteBuffer p : pieces) {
      left.add(p.duplicate());
    }
    return new InputStream() {
      private int at;

      private ByteBuffer current() {
        while (at < left.size() && !left.get(at).hasRemaining()) {
          at++;
        }
        return at < left.size() ? left.get(at) : null;
      }

      @Override
      public int read() {
        ByteBuffer b = current();
        return b == null ? -1 : b.get() & 0xff;
      }

      @Override
      public int read(byte[] into, int off, int len) {
        Objects.checkFromIndexSize(off, len, into.length);
        if (len == 0) {
          return 0;
        }
        ByteBuffer b = current();
        if (b == null) {
          return -1;
        }
        int n = Math.min(len, b.remaining());
        b.get(into, off, n);
        return n;
      }
    };
  }

  /** The bytes in one array (a copy). */
  public byte[] toByteArray() {
    byte[] all = new byte[length];
    int at = 0;
    for (ByteBuffer p : pieces) {
      ByteBuffer d = p.duplicate();
      int n = d.remaining();
      d.get(all, at, n);
      at += n;
    }
    return all;
  }
}
