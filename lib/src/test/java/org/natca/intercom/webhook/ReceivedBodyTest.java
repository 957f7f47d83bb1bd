package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedBodyTest {
  static final String SECRET = "s3cret";

  /** {@code bytes} cut into pieces of {@code size}, direct ones every other time, each with room to spare around it. */
  static ReceivedBody pieces(byte[] bytes, int size) {
    List<ByteBuffer> pieces = new ArrayList<>();
    for (int at = 0, i = 0; at < bytes.length; at += size, i++) {
      int n = Math.min(size, bytes.length - at);
      ByteBuffer p = i % 2 == 0 ? ByteBuffer.allocateDirect(n + 6) : ByteBuffer.allocate(n + 6);
      p.position(3);
      p.put(bytes, at, n);
      p.flip().position(3);
      pieces.add(p);
    }
    return new ReceivedBody(pieces);
  }

  @Test
  void inPieces_signsAndParsesAsTheWholeArray() throws Exception {
    String json = "{\"type\":\"notification_event\",\"id\":\"notif_é\",\"topic\":\"conversation.user.replied\","
        + "\"data\":{\"item\":{\"id\":\"c\",\"source\":{\"body\":\"" + "ünïcode ".repeat(5_000) + "\"}}}}";
    byte[] whole = json.getBytes(StandardCharsets.UTF_8);
    WebhookSignature signature = new WebhookSignature(SECRET);
    String header = signature.sign(whole);

    for (int size : new int[] {1, 7, 4096, whole.length, whole.length + 10}) {
      ReceivedBody body = pieces(whole, size);
      assertEquals(whole.length, body.length());
      assertArrayEquals(whole, body.toByteArray(), "pieces of " + size);
      assertTrue(signature.matches(body, header), "pieces of " + size);
      assertEquals(Notification.parse(whole), Notification.parse(body), "pieces of " + size);
    }
    byte[] changed = whole.clone();
    changed[changed.length / 2] ^= 1;
    assertTrue(!signature.matches(pieces(changed, 4096), header), "one byte changed");
  }

  @Test
  void readingTheBody_leavesItsPiecesAsTheyWere() throws Exception {
    byte[] bytes = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);
    ByteBuffer piece = ByteBuffer.wrap(bytes);
    ReceivedBody body = new ReceivedBody(List.of(piece));
    body.toByteArray();
    body.stream().readAllBytes();
    assertEquals(0, piece.position());
    assertArrayEquals(bytes, body.stream().readAllBytes(), "read twice");
    assertEquals(0, new ReceivedBody(List.of()).length());
  }
}
