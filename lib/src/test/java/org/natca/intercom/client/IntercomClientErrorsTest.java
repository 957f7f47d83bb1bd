package org.natca.intercom.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.natca.intercom.client.error.ErrorDetail;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.error.IntercomRateLimitException;
import org.natca.intercom.client.error.IntercomUnreachableException;
import org.natca.intercom.client.model.ContactDraft;

/** How Intercom's error answers become exceptions, and what those exceptions tell a caller. */
class IntercomClientErrorsTest extends MockIntercomTest {

  private static final ContactDraft DRAFT =
      new ContactDraft("user", "jane@example.org", "12345", "Jane Doe", "+17654657031", Map.of());

  @Test
  void unauthorized_isAnAuthenticationFailure_withCodeRequestIdAndOneLineMessage() {
    server.enqueue(Json.error(401, "unauthorized", "Access Token Invalid"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.me());
    assertEquals(401, e.status());
    assertEquals("unauthorized", e.code());
    assertEquals("req-401", e.requestId());
    assertTrue(e.isAuthenticationFailure());
    assertFalse(e.isNotFound());
    assertEquals("GET /me -> 401 unauthorized: Access Token Invalid [request_id req-401]", e.getMessage());
    assertFalse(e.getMessage().contains("tok_secret"));
    assertEquals(1, server.getRequestCount(), "a 401 is not retried");
  }

  @Test
  void forbidden_isAnAuthenticationFailure() {
    server.enqueue(Json.error(403, "forbidden", "Token lacks scope"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.listTags());
    assertTrue(e.isAuthenticationFailure());
    assertEquals(403, e.status());
  }

  @Test
  void notFound_isNotFound() {
    server.enqueue(Json.error(404, "not_found", "User Not Found"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.getContact("nope"));
    assertTrue(e.isNotFound());
    assertEquals(404, e.status());
    assertEquals(Optional.empty(), e.conflictingContactId());
    assertEquals(1, server.getRequestCount(), "a 404 is not retried");
  }

  @Test
  void mergedContact410_isNotFound() {
    server.enqueue(Json.error(410, "contact_merged", "Contact was merged into another contact"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.getContact("lead1"));
    assertTrue(e.isNotFound());
    assertEquals("contact_merged", e.code());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "A contact matching those details already exists with id=6f1a2b3c4d5e6f7a8b9c0d1e, 6f1a2b3c4d5e6f7a8b9c0d1e, false",
      "An archived contact matching those details already exists with id=67eb0a6e8f72a828ba21c342, 67eb0a6e8f72a828ba21c342, true",
  })
  void create409_namesTheExistingContact(String message, String id, boolean archived) {
    server.enqueue(Json.error(409, "conflict", message));
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertEquals(409, e.status());
    assertEquals("conflict", e.code());
    assertEquals(Optional.of(id), e.conflictingContactId());
    assertEquals(archived, e.isArchivedConflict());
    assertFalse(e.isBlocked());
    assertFalse(e.isNotFound());
    assertEquals(1, server.getRequestCount(), "a 409 is not retried");
  }

  @Test
  void conflictWithoutAnId_hasNoConflictingContact() {
    server.enqueue(Json.error(409, "conflict", "Something conflicted"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertEquals(Optional.empty(), e.conflictingContactId());
    assertFalse(e.isArchivedConflict());
  }

  @Test
  void notRestorable_onUnarchive_isBlocked_andNotRetried() {
    server.enqueue(Json.error(400, "not_restorable", "This user was blocked and cannot be recreated"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.unarchiveContact("c1"));
    assertTrue(e.isBlocked());
    assertEquals(400, e.status());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void notRestorable_isBlocked_whateverTheStatus() {
    server.enqueue(Json.error(409, "not_restorable", "blocked"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertTrue(e.isBlocked());
  }

  @Test
  void validationError_keepsEveryErrorWithItsField() {
    server.enqueue(Json.status(422, "{'type':'error.list','request_id':'r-9','errors':["
        + "{'code':'parameter_invalid','message':'Custom attribute does not exist','field':'custom_attributes.nope'},"
        + "{'code':'parameter_invalid','message':'Name is too long'}]}"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.updateContact("c1", DRAFT));
    assertEquals(List.of(
        new ErrorDetail("parameter_invalid", "Custom attribute does not exist", "custom_attributes.nope"),
        new ErrorDetail("parameter_invalid", "Name is too long", null)), e.errors());
    assertEquals("parameter_invalid", e.code());
    assertEquals("PUT /contacts/c1 -> 422 parameter_invalid: custom_attributes.nope: Custom attribute does not exist; "
        + "Name is too long [request_id r-9]", e.getMessage());
  }

  @Test
  void phoneEchoedByIntercom_isLeftOutOfTheMessage_butKeptInTheDetails() {
    server.enqueue(Json.error(400, "parameter_invalid", "Phone +17654657031 is invalid"));
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertFalse(e.getMessage().contains("7654657031"), e.getMessage());
    assertTrue(e.getMessage().contains("<redacted>"), e.getMessage());
    assertEquals("Phone +17654657031 is invalid", e.errors().get(0).message());
  }

  @Test
  void nonJsonErrorBody_givesASnippet_andTheRequestIdHeader() {
    server.enqueue(new MockResponse.Builder().code(502)
        .addHeader("X-Request-Id", "hdr-7")
        .body("<html><body>Bad\n gateway</body></html>").build());
    IntercomException e = assertThrows(IntercomException.class, () -> client.createContact(DRAFT));
    assertEquals(502, e.status());
    assertNull(e.code());
    assertTrue(e.errors().isEmpty());
    assertEquals("hdr-7", e.requestId());
    assertEquals("POST /contacts -> 502: <html><body>Bad gateway</body></html> [request_id hdr-7]", e.getMessage());
  }

  @Test
  void successWithABodyThatIsNotJson_isAnIntercomException() {
    server.enqueue(new MockResponse.Builder().code(200).body("<html>maintenance</html>").build());
    IntercomException e = assertThrows(IntercomException.class, () -> client.getContact("c1"));
    assertEquals(200, e.status());
    assertEquals("GET /contacts/c1 -> 200: answer is not readable JSON", e.getMessage());
  }

  @Test
  void subclasses_belongToTheOneFamily() {
    assertTrue(IntercomException.class.isAssignableFrom(IntercomRateLimitException.class));
    assertTrue(IntercomException.class.isAssignableFrom(IntercomUnreachableException.class));
    assertTrue(RuntimeException.class.isAssignableFrom(IntercomException.class));
    assertEquals(0, new IntercomUnreachableException("x", null).status());
  }
}
