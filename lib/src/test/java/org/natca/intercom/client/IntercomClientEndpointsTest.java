package org.natca.intercom.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.natca.intercom.client.Json.ok;
import static org.natca.intercom.client.Json.q;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.model.Admin;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.client.model.DataAttribute;
import org.natca.intercom.client.model.Tag;

/** Each call's method, path, headers and body, and how its answer maps to the records. */
class IntercomClientEndpointsTest extends MockIntercomTest {

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request reached the server");
    }
    return r;
  }

  @Test
  void everyRequest_carriesTokenVersionAndAccept() throws Exception {
    server.enqueue(ok("{'type':'admin','id':'42','name':'Sync Bot','email':'bot@example.org'}"));
    client.me();
    RecordedRequest r = take();
    assertEquals("Bearer tok_secret", r.getHeaders().get("Authorization"));
    assertEquals("application/json", r.getHeaders().get("Accept"));
    assertEquals("2.14", r.getHeaders().get("Intercom-Version"));
  }

  @Test
  void apiVersion_isSentAsConfigured() throws Exception {
    try (IntercomClient c = IntercomClient.builder()
        .baseUrl(server.url("/").toString()).accessToken("t").apiVersion("2.16").build()) {
      server.enqueue(ok("{'type':'admin','id':'1'}"));
      c.me();
      assertEquals("2.16", take().getHeaders().get("Intercom-Version"));
    }
  }

  @Test
  void baseUrlWithPathPrefix_keepsThePrefix() throws Exception {
    try (IntercomClient c = IntercomClient.builder()
        .baseUrl(server.url("/emulator/").toString()).accessToken("t").build()) {
      server.enqueue(ok("{'type':'admin','id':'1'}"));
      c.me();
      assertEquals("/emulator/me", take().getUrl().encodedPath());
    }
  }

  @Test
  void me_mapsTheAdmin() throws Exception {
    server.enqueue(ok("{'type':'admin','id':'991267459','email':'admin1@email.com','name':'Ciaran Lee',"
        + "'app':{'type':'app','id_code':'x'}}"));
    Admin admin = client.me();
    assertEquals(new Admin("991267459", "Ciaran Lee", "admin1@email.com", "x"), admin);
    RecordedRequest r = take();
    assertEquals("GET", r.getMethod());
    assertEquals("/me", r.getUrl().encodedPath());
  }

  @Test
  void createContact_postsDraftWithoutNullFields_andMapsTheContact() throws Exception {
    server.enqueue(ok("{'type':'contact','id':'6f1a2b','workspace_id':'w1','external_id':'12345',"
        + "'role':'user','email':'jane@example.org','phone':'+17654657031','name':'Jane Doe',"
        + "'created_at':1700000000,'updated_at':1700000100,'unknown_field':{'a':1},"
        + "'custom_attributes':{'member_number':'12345','member_type':'Current Member','score':7,"
        + "'ratio':0.5,'vip':true,'gone':null}}"));
    Map<String, String> attrs = new LinkedHashMap<>();
    attrs.put("member_number", "12345");
    attrs.put("member_type", "Current Member");
    ContactDraft draft = new ContactDraft("user", "jane@example.org", "12345", "Jane Doe", null, attrs);

    Contact c = client.createContact(draft);

    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/contacts", r.getUrl().encodedPath());
    assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(Json.parse(q("{'role':'user','email':'jane@example.org','external_id':'12345',"
        + "'name':'Jane Doe','custom_attributes':{'member_number':'12345','member_type':'Current Member'}}")),
        Json.body(r));

    assertEquals("6f1a2b", c.id());
    assertEquals("user", c.role());
    assertEquals("jane@example.org", c.email());
    assertEquals("12345", c.externalId());
    assertEquals("Jane Doe", c.name());
    assertEquals("+17654657031", c.phone());
    assertEquals(1700000000L, c.createdAt());
    assertEquals(1700000100L, c.updatedAt());
    assertEquals("12345", c.attribute("member_number"));
    assertEquals(7L, c.customAttributes().get("score"));
    assertEquals(0.5, c.customAttributes().get("ratio"));
    assertEquals(true, c.customAttributes().get("vip"));
    assertTrue(c.customAttributes().containsKey("gone"));
    assertNull(c.customAttributes().get("gone"));
  }

  @Test
  void contact_withMissingFields_mapsToNullsAndZeroTimes() {
    server.enqueue(ok("{'type':'contact','id':'abc','role':'lead','email':null}"));
    Contact c = client.getContact("abc");
    assertTrue(c.isLead());
    assertNull(c.email());
    assertNull(c.externalId());
    assertNull(c.phone());
    assertEquals(0L, c.createdAt());
    assertTrue(c.customAttributes().isEmpty());
  }

  @Test
  void updateContact_putsOnlyTheFieldsThatAreSet() throws Exception {
    server.enqueue(ok(Json.contact("6f1")));
    client.updateContact("6f1", new ContactDraft(null, null, null, "New Name", "+15550001111",
        Map.of("region", "")));
    RecordedRequest r = take();
    assertEquals("PUT", r.getMethod());
    assertEquals("/contacts/6f1", r.getUrl().encodedPath());
    assertEquals(Json.parse(q("{'name':'New Name','phone':'+15550001111','custom_attributes':{'region':''}}")),
        Json.body(r));
  }

  @Test
  void getContact_encodesTheIdAsOnePathSegment() throws Exception {
    server.enqueue(ok(Json.contact("a/b")));
    client.getContact("a/b");
    assertEquals("/contacts/a%2Fb", take().getUrl().encodedPath());
  }

  @Test
  void findContactByExternalId_returnsTheContact() throws Exception {
    server.enqueue(ok(Json.contact("c1")));
    Optional<Contact> found = client.findContactByExternalId("12345");
    assertEquals("c1", found.orElseThrow().id());
    RecordedRequest r = take();
    assertEquals("GET", r.getMethod());
    assertEquals("/contacts/find_by_external_id/12345", r.getUrl().encodedPath());
  }

  @Test
  void findContactByExternalId_on404_isEmpty() {
    server.enqueue(Json.error(404, "not_found", "User Not Found"));
    assertEquals(Optional.empty(), client.findContactByExternalId("99999"));
  }

  @Test
  void findContactByExternalId_on410ContactMerged_isEmpty() {
    // API 2.16: the user with that external id was merged away
    server.enqueue(Json.error(410, "contact_merged", "This contact has been merged."));
    assertEquals(Optional.empty(), client.findContactByExternalId("1"));
  }

  @Test
  void archiveAndUnarchive_postToTheirPaths() throws Exception {
    server.enqueue(ok("{'id':'c1','object':'contact','archived':true}"));
    server.enqueue(ok("{'id':'c1','object':'contact','archived':false}"));
    client.archiveContact("c1");
    client.unarchiveContact("c1");
    RecordedRequest archive = take();
    RecordedRequest unarchive = take();
    assertEquals("POST", archive.getMethod());
    assertEquals("/contacts/c1/archive", archive.getUrl().encodedPath());
    assertEquals("POST", unarchive.getMethod());
    assertEquals("/contacts/c1/unarchive", unarchive.getUrl().encodedPath());
  }

  @Test
  void mergeContacts_sendsLeadAsFromAndUserAsInto() throws Exception {
    server.enqueue(ok(Json.contact("user1")));
    Contact merged = client.mergeContacts("lead1", "user1");
    assertEquals("user1", merged.id());
    RecordedRequest r = take();
    assertEquals("/contacts/merge", r.getUrl().encodedPath());
    assertEquals(Json.parse(q("{'from':'lead1','into':'user1'}")), Json.body(r));
  }

  @Test
  void listContactDataAttributes_asksForContactModel() throws Exception {
    server.enqueue(ok("{'type':'list','data':["
        + "{'type':'data_attribute','name':'email','full_name':'email','model':'contact','data_type':'string','custom':false},"
        + "{'type':'data_attribute','name':'member_type','full_name':'custom_attributes.member_type',"
        + "'model':'contact','data_type':'string','custom':true}]}"));
    List<DataAttribute> attrs = client.listContactDataAttributes();
    assertEquals(List.of(new DataAttribute("email", "contact", "string", false),
        new DataAttribute("member_type", "contact", "string", true)), attrs);
    RecordedRequest r = take();
    assertEquals("/data_attributes", r.getUrl().encodedPath());
    assertEquals("contact", r.getUrl().queryParameter("model"));
  }

  @Test
  void createContactDataAttribute_postsNameModelAndType() throws Exception {
    server.enqueue(ok("{'type':'data_attribute','name':'positions','model':'contact','data_type':'string','custom':true}"));
    DataAttribute a = client.createContactDataAttribute("positions", "string");
    assertEquals(new DataAttribute("positions", "contact", "string", true), a);
    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/data_attributes", r.getUrl().encodedPath());
    assertEquals(Json.parse(q("{'name':'positions','model':'contact','data_type':'string'}")), Json.body(r));
  }

  @Test
  void getConversation_mapsContactsTagsAndAttributes() throws Exception {
    server.enqueue(ok("{'type':'conversation','id':'1911149811','state':'open',"
        + "'contacts':{'type':'contact.list','contacts':[{'type':'contact','id':'c1','external_id':'1'},"
        + "{'type':'contact','id':'c2'}]},"
        + "'tags':{'type':'tag.list','tags':[{'type':'tag','id':'t1','name':'mynatca-sync'}]},"
        + "'custom_attributes':{'Member Number Verification':'12345','Count':3}}"));
    Conversation c = client.getConversation("1911149811");
    assertEquals("1911149811", c.id());
    assertEquals("open", c.state());
    assertEquals(List.of("c1", "c2"), c.contactIds());
    assertEquals("c1", c.firstContactId());
    assertEquals(List.of(new Tag("t1", "mynatca-sync")), c.tags());
    assertEquals("12345", c.customAttributes().get("Member Number Verification"));
    assertEquals(3L, c.customAttributes().get("Count"));
    assertEquals("/conversations/1911149811", take().getUrl().encodedPath());
  }

  @Test
  void getConversation_keepsTheNotesAmongItsParts() {
    server.enqueue(ok("{'type':'conversation','id':'8','state':'open','conversation_parts':{'type':"
        + "'conversation_part.list','conversation_parts':["
        + "{'type':'conversation_part','id':'p1','part_type':'comment','body':'<p>hello</p>'},"
        + "{'type':'conversation_part','id':'p2','part_type':'note','body':'<p>checked</p>'},"
        + "{'type':'conversation_part','id':'p3','part_type':'assignment','body':null}],'total_count':3}}"));

    assertEquals(List.of("<p>checked</p>"), client.getConversation("8").noteBodies());
  }

  @Test
  void getConversation_withoutContactsOrTags_mapsToEmptyLists() {
    server.enqueue(ok("{'type':'conversation','id':'7','state':'closed'}"));
    Conversation c = client.getConversation("7");
    assertTrue(c.contactIds().isEmpty());
    assertTrue(c.tags().isEmpty());
    assertNull(c.firstContactId());
  }

  @Test
  void searchConversations_pagesThroughConversationsWithTheirContacts() throws Exception {
    server.enqueue(ok("{'type':'conversation.list','total_count':3,'conversations':["
        + "{'type':'conversation','id':'1','state':'open','contacts':{'type':'contact.list','contacts':["
        + "{'type':'contact','id':'c1'},{'type':'contact','id':'c2'}]},'source':{'body':'<p>hi</p>'}},"
        + "{'type':'conversation','id':'2','state':'snoozed','contacts':{'type':'contact.list','contacts':[]}}],"
        + "'pages':{'type':'pages','next':{'page':2,'starting_after':'WzE3MTk='},'page':1,'per_page':2,'total_pages':2}}"));
    server.enqueue(ok("{'type':'conversation.list','total_count':3,'conversations':["
        + "{'type':'conversation','id':'3','state':'open','contacts':{'type':'contact.list','contacts':[{'type':'contact','id':'c3'}]}}],"
        + "'pages':{'type':'pages','page':2,'per_page':2,'total_pages':2}}"));
    var query = org.natca.intercom.client.model.SearchQuery.or(
        org.natca.intercom.client.model.SearchQuery.eq("state", "open"),
        org.natca.intercom.client.model.SearchQuery.eq("state", "snoozed"));
    List<List<String>> contacts = new java.util.ArrayList<>();
    client.searchConversations(query).forEach(c -> contacts.add(c.contactIds()));
    assertEquals(List.of(List.of("c1", "c2"), List.of(), List.of("c3")), contacts);
    RecordedRequest first = take();
    assertEquals("/conversations/search", first.getUrl().encodedPath());
    assertEquals(Json.parse(q("{'query':{'operator':'OR','value':[{'field':'state','operator':'=','value':'open'},"
        + "{'field':'state','operator':'=','value':'snoozed'}]},'pagination':{'per_page':150}}")), Json.body(first));
    assertEquals("WzE3MTk=", Json.body(take()).path("pagination").path("starting_after").asText());
  }

  @Test
  void tagConversation_postsTagIdAndAdmin() throws Exception {
    server.enqueue(ok("{'type':'tag','id':'t1','name':'mynatca-sync'}"));
    client.tagConversation("123", "t1", "a9");
    RecordedRequest r = take();
    assertEquals("POST", r.getMethod());
    assertEquals("/conversations/123/tags", r.getUrl().encodedPath());
    assertEquals(Json.parse(q("{'id':'t1','admin_id':'a9'}")), Json.body(r));
  }

  @Test
  void untagConversation_deletesWithAdminInTheBody() throws Exception {
    server.enqueue(ok("{'type':'tag','id':'t1','name':'mynatca-sync'}"));
    client.untagConversation("123", "t1", "a9");
    RecordedRequest r = take();
    assertEquals("DELETE", r.getMethod());
    assertEquals("/conversations/123/tags/t1", r.getUrl().encodedPath());
    assertTrue(r.getHeaders().get("Content-Type").startsWith("application/json"));
    assertEquals(Json.parse(q("{'admin_id':'a9'}")), Json.body(r));
  }

  @Test
  void addNote_repliesAsAnAdminNote() throws Exception {
    server.enqueue(ok("{'type':'conversation','id':'123'}"));
    client.addNote("123", "a9", "Synced member 12345");
    RecordedRequest r = take();
    assertEquals("/conversations/123/reply", r.getUrl().encodedPath());
    JsonNode body = Json.body(r);
    assertEquals(Json.parse(q("{'message_type':'note','type':'admin','admin_id':'a9','body':'Synced member 12345'}")),
        body);
  }

  @Test
  void listTags_mapsIdsAndNames() throws Exception {
    server.enqueue(ok("{'type':'list','data':[{'type':'tag','id':'1','name':'vip'},"
        + "{'type':'tag','id':'2','name':'mynatca-sync'}]}"));
    assertEquals(List.of(new Tag("1", "vip"), new Tag("2", "mynatca-sync")), client.listTags());
    RecordedRequest r = take();
    assertEquals("GET", r.getMethod());
    assertEquals("/tags", r.getUrl().encodedPath());
  }

  @Test
  void getRequests_sendNoBody_andArchiveSendsAnEmptyOne() throws Exception {
    server.enqueue(ok(Json.contact("c1")));
    server.enqueue(ok("{'archived':true}"));
    client.getContact("c1");
    client.archiveContact("c1");
    assertEquals(0, take().getBodySize());
    assertEquals(0, take().getBodySize());
    assertFalse(client.toString().contains("tok_secret"));
  }
}
