package org.natca.intercom.client.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.natca.intercom.client.Json.q;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.paging.Page;
import org.natca.intercom.format.ContactAttributes;

/** A page of contacts read as a stream: what is kept of each contact, and what is dropped unread. */
class ContactPageStreamingTest {

  private final IntercomJson json = new IntercomJson(new ObjectMapper());

  /** A contact as Intercom sends it, with another app's attributes, some of them nested. */
  private static final String MEMBER = "{'type':'contact','id':'c1','workspace_id':'w','external_id':'12345',"
      + "'role':'user','email':'Ann@Example.org','phone':'+17654657031','name':'Ann Lee','avatar':null,"
      + "'owner_id':null,'social_profiles':{'type':'list','data':[{'name':'x','url':'https://x'}]},"
      + "'created_at':1700000000,'updated_at':1700000100,'signed_up_at':1700000000,"
      + "'location':{'type':'location','country':'US','city':null},"
      + "'custom_attributes':{'crm_score':97,'crm_notes':'long text of another app',"
      + "'crm_profile':{'tier':'gold','history':[1,2,{'deep':[true]}]},'crm_flags':['a','b'],"
      + "'member_number':'12345','member_type':'Current Member','region':'NEA','facility':'ZBW',"
      + "'positions':'Facility Representative','Member Number':12345,'crm_last':null},"
      + "'tags':{'type':'list','data':[{'type':'tag','id':'t1'}],'url':'/contacts/c1/tags','total_count':1,'has_more':false},"
      + "'notes':{'type':'list','data':[],'total_count':0},'companies':{'type':'list','data':[]}}";

  private static final String LEAD = "{'type':'contact','id':'c2','role':'lead','email':'visitor@example.com',"
      + "'external_id':null,'created_at':1700000200,'custom_attributes':{'crm_score':3,'crm_profile':{'tier':'none'}}}";

  private Page<Contact> page(String singleQuoted) {
    return json.contactPage(q(singleQuoted), ContactAttributes.READ);
  }

  @Test
  void contactPage_dropsOtherAppsAttributes_keepsTheToolkitsAndTheLegacyOnes() {
    Contact c = page("{'type':'list','data':[" + MEMBER + "]}").items().get(0);
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("member_number", "12345");
    expected.put("member_type", "Current Member");
    expected.put("region", "NEA");
    expected.put("facility", "ZBW");
    expected.put("positions", "Facility Representative");
    expected.put("Member Number", 12345L);
    assertEquals(expected, c.customAttributes());
  }

  @Test
  void contactPage_skipsNestedObjectsAndArraysOfOtherApps_andReadsTheFieldsAfterThem() {
    Page<Contact> p = page("{'type':'list','data':[" + MEMBER + "," + LEAD + "],'total_count':2,"
        + "'pages':{'type':'pages','next':{'page':2,'starting_after':'WzE3'},'page':1,'per_page':150,'total_pages':2}}");
    assertEquals(2, p.items().size());
    Contact member = p.items().get(0);
    assertEquals(new Contact("c1", "user", "Ann@Example.org", "12345", "Ann Lee", "+17654657031",
        member.customAttributes(), 1700000000L, 1700000100L), member);
    Contact lead = p.items().get(1);
    assertEquals("lead", lead.role());
    assertNull(lead.externalId());
    assertEquals(Map.of(), lead.customAttributes());
    assertEquals(1700000200L, lead.createdAt());
    assertEquals("WzE3", p.nextCursor());
  }

  @Test
  void contactPage_readsTheSameAsOneContactReadWhole_forTheKeptFields() {
    Contact streamed = page("{'data':[" + MEMBER + "]}").items().get(0);
    Contact whole = json.contact(Json.parse(q(MEMBER)));
    assertEquals(whole.id(), streamed.id());
    assertEquals(whole.email(), streamed.email());
    assertEquals(whole.createdAt(), streamed.createdAt());
    // the single read keeps every attribute, other apps' too (audit undo compares against it)
    assertEquals(97L, whole.customAttributes().get("crm_score"));
    assertEquals("{\"tier\":\"gold\",\"history\":[1,2,{\"deep\":[true]}]}", whole.customAttributes().get("crm_profile"));
    assertEquals(null, streamed.customAttributes().get("crm_score"));
    whole.customAttributes().keySet().stream().filter(ContactAttributes.READ::contains)
        .forEach(k -> assertEquals(whole.customAttributes().get(k), streamed.customAttributes().get(k), k));
  }

  @Test
  void contactPage_withoutAttributeSelection_keepsEveryAttribute() {
    Contact c = json.contactPage(q("{'data':[" + LEAD + "]}"), null).items().get(0);
    assertEquals(List.of("crm_score", "crm_profile"), List.copyOf(c.customAttributes().keySet()));
  }

  @Test
  void contactPage_lastPage_hasNoCursor_andAnOldStyleNextUrlIsNoCursor() {
    assertNull(page("{'data':[],'pages':{'type':'pages','page':3}}").nextCursor());
    assertNull(page("{'data':[],'pages':{'next':null}}").nextCursor());
    assertNull(page("{'data':[],'pages':{'next':'https://api.intercom.io/contacts?page=2'}}").nextCursor());
    assertEquals(0, json.contactPage("", ContactAttributes.READ).items().size());
  }

  @Test
  void contactPage_fieldsInAnyOrder_pagesBeforeData() {
    Page<Contact> p = page("{'pages':{'next':{'starting_after':'abc','page':2}},'total_count':1,'data':[{"
        + "'custom_attributes':{'region':'NEA','x':[[]]},'id':'c9','email':null,'role':'user'}],'type':'list'}");
    assertEquals("abc", p.nextCursor());
    assertEquals("c9", p.items().get(0).id());
    assertNull(p.items().get(0).email());
    assertEquals(Map.of("region", "NEA"), p.items().get(0).customAttributes());
  }

  @Test
  void contactPage_truncatedOrWithoutIds_failsAsUnreadable() {
    assertThrows(UncheckedIOException.class, () -> page("{'data':[" + MEMBER.substring(0, 200)));
    assertThrows(UncheckedIOException.class, () -> page("{'data':[{'email':'a@b.org'}]}"));
    assertThrows(UncheckedIOException.class, () -> page("['not a page']"));
  }
}
