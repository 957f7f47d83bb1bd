package org.natca.intercom.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natca.intercom.sandbox.conformance.ConformanceLog;
import org.natca.intercom.sandbox.emulator.IntercomEmulator;
import org.natca.intercom.sandbox.emulator.SeedContact;

/** Every test of this module that goes through the emulator is checked against Intercom's description. */
class ConformanceIsOnTest {

  @Test
  void theConformanceExtensionRunsForThisModule() {
    assertTrue(ConformanceLog.extensionActive(), "ConformanceExtension is not running: see the parent pom's surefire"
        + " configurationParameters");
  }

  @Test
  void aRequestTheDescriptionForbids_isCaught() {
    try (IntercomEmulator intercom = IntercomEmulator.start();
         IntercomClient client = IntercomClient.builder().baseUrl(intercom.baseUrl()).accessToken(intercom.token()).build()) {
      String id = intercom.addContact(SeedContact.user("a@example.org", "1"));
      Map<String, Object> fields = new HashMap<>();
      fields.put("external_id", null);

      client.putContactFields(id, fields);

      assertEquals(1, intercom.violations().size(), intercom.violations().toString());
      intercom.expectViolations(1, "PUT /contacts/" + id);
    }
  }
}
