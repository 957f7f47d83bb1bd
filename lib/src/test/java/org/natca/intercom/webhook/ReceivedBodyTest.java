package org.natca.intercom.webhook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReceivedBodyTest {
  static final String SECRET = "s3cret";

  /** {@code bytes} cut into pieces of {@code size}, the last one with room to spare. */
  static ReceivedBody pieces(byte[] bytes, int size) {
    List<byte[]> pieces = new ArrayList<>();
    for (int at = 0; at < bytes.length; at += size) {
      byte[] p = new byte[size];
      System.arraycopy(bytes, at, p, 0, Math.min(size, bytes.length - at));
      pieces.add(p);
    }
    return new ReceivedBody(pieces, bytes.length);
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
  void piecesThatDoNotHoldTheLength_areRefused() {
    byte[] p = new byte[10];
    assertThrows(IllegalArgumentException.class, () -> new ReceivedBody(List.of(p, p), 21));
    assertThrows(IllegalArgumentException.class, () -> new ReceivedBody(List.of(p, p), 9), "the first piece not full");
    assertEquals(10, new ReceivedBody(List.of(p, p), 10).length(), "an empty last piece");
    assertEquals(0, new ReceivedBody(List.of(), 0).length());
    assertArrayEquals(Arrays.copyOf(p, 15), new ReceivedBody(List.of(p, new byte[10]), 15).toByteArray());
  }
}
