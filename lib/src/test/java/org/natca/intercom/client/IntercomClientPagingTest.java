package org.natca.intercom.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.natca.intercom.client.Json.q;

import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.SearchQuery;

/** Lists and searches walk Intercom's cursors lazily; callers only see contacts. */
class IntercomClientPagingTest extends MockIntercomTest {

  private static String page(String next, String... ids) {
    String data = java.util.Arrays.stream(ids).map(Json::contact).collect(Collectors.joining(","));
    String pages = next == null
        ? "{'type':'pages','page':3,'per_page':150,'total_pages':3}"
        : "{'type':'pages','next':{'page':2,'starting_after':'" + next + "'},'page':1,'per_page':150,'total_pages':3}";
    return "{'type':'list','data':[" + data + "],'total_count':4,'pages':" + pages + "}";
  }

  private RecordedRequest take() throws InterruptedException {
    return server.takeRequest(5, TimeUnit.SECONDS);
  }

  private static List<String> ids(Iterable<Contact> contacts) {
    List<String> out = new java.util.ArrayList<>();
    contacts.forEach(c -> out.add(c.id()));
    return out;
  }

  @Test
  void listContacts_followsCursorsAcrossThreePages() throws Exception {
    server.enqueue(Json.ok(page("WzE3MDAwMDAwMDAsImEiXQ==", "a", "b")));
    server.enqueue(Json.ok(page("cur2", "c")));
    server.enqueue(Json.ok(page(null, "d")));

    assertEquals(List.of("a", "b", "c", "d"), ids(client.listContacts()));

    RecordedRequest first = take();
    assertEquals("GET", first.getMethod());
    assertEquals("/contacts", first.getUrl().encodedPath());
    assertEquals("150", first.getUrl().queryParameter("per_page"));
    assertNull(first.getUrl().queryParameter("starting_after"));
    RecordedRequest second = take();
    assertEquals("WzE3MDAwMDAwMDAsImEiXQ==", second.getUrl().queryParameter("starting_after"));
    assertEquals("150", second.getUrl().queryParameter("per_page"));
    assertEquals("cur2", take().getUrl().queryParameter("starting_after"));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void listContacts_fetchesNothingUntilIterated_andOnlyThePagesUsed() {
    server.enqueue(Json.ok(page("cur1", "a", "b")));
    server.enqueue(Json.ok(page(null, "c")));
    PagedIterable<Contact> all = client.listContacts();
    assertEquals(0, server.getRequestCount());
    assertEquals("a", all.stream().findFirst().orElseThrow().id());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void listContacts_eachIterationStartsOver() {
    server.enqueue(Json.ok(page(null, "a")));
    server.enqueue(Json.ok(page(null, "a")));
    PagedIterable<Contact> all = client.listContacts();
    assertEquals(List.of("a"), ids(all));
    assertEquals(List.of("a"), ids(all));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void listContacts_emptyWorkspace_isEmpty() {
    server.enqueue(Json.ok("{'type':'list','data':[],'total_count':0,'pages':{'type':'pages','page':1}}"));
    Iterator<Contact> it = client.listContacts().iterator();
    assertFalse(it.hasNext());
    assertThrows(java.util.NoSuchElementException.class, it::next);
  }

  @Test
  void listContacts_aCursorThatComesBack_failsInsteadOfLooping() {
    server.enqueue(Json.ok(page("same", "a")));
    server.enqueue(Json.ok(page("same", "b")));
    assertThrows(IllegalStateException.class, () -> ids(client.listContacts()));
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void searchContacts_sendsTheCursorInTheBody_acrossThreePages() throws Exception {
    server.enqueue(Json.ok(page("cur1", "a", "b")));
    server.enqueue(Json.ok(page("cur2", "c")));
    server.enqueue(Json.ok(page(null, "d")));
    SearchQuery query = SearchQuery.and(
        SearchQuery.eq("role", "user"), SearchQuery.eq("custom_attributes.member_number", "12345"));

    assertEquals(List.of("a", "b", "c", "d"),
        client.searchContacts(query).stream().map(Contact::id).collect(Collectors.toList()));

    String expectedQuery = "{'operator':'AND','value':[{'field':'role','operator':'=','value':'user'},"
        + "{'field':'custom_attributes.member_number','operator':'=','value':'12345'}]}";
    RecordedRequest first = take();
    assertEquals("POST", first.getMethod());
    assertEquals("/contacts/search", first.getUrl().encodedPath());
    assertNull(first.getUrl().query());
    assertEquals(Json.parse(q("{'query':" + expectedQuery + ",'pagination':{'per_page':150}}")), Json.body(first));
    assertEquals(Json.parse(q("{'query':" + expectedQuery + ",'pagination':{'per_page':150,'starting_after':'cur1'}}")),
        Json.body(take()));
    assertEquals(Json.parse(q("{'query':" + expectedQuery + ",'pagination':{'per_page':150,'starting_after':'cur2'}}")),
        Json.body(take()));
    assertEquals(0, client.stats().writes(), "a search is not a write");
  }

  @Test
  void pagedIterableOf_aList_isOnePage() {
    assertEquals(List.of(1, 2, 3), PagedIterable.of(List.of(1, 2, 3)).stream().collect(Collectors.toList()));
  }
}
