package org.natca.intercom.client.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.natca.intercom.client.Json.q;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.natca.intercom.client.Json;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.natca.intercom.client.model.SearchQuery;

class IntercomJsonTest {

  private final IntercomJson json = new IntercomJson(new ObjectMapper());

  static Stream<Arguments> attributeValues() {
    return Stream.of(
        Arguments.of("'Current Member'", "Current Member"),
        Arguments.of("''", ""),
        Arguments.of("12345", 12345L),
        Arguments.of("99999999999999999999", new BigInteger("99999999999999999999")),
        Arguments.of("1.25", 1.25),
        Arguments.of("true", true),
        Arguments.of("null", null),
        Arguments.of("['a','b']", "[\"a\",\"b\"]"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("attributeValues")
  void customAttributeValue_mapsToAJavaScalar(String jsonValue, Object expected) {
    Contact c = json.contact(Json.parse(q("{'id':'c','custom_attributes':{'x':" + jsonValue + "}}")));
    assertEquals(expected, c.customAttributes().get("x"));
  }

  @Test
  void draft_leavesOutNullFieldsAndNullAttributes() {
    Map<String, String> attrs = new HashMap<>();
    attrs.put("member_number", "12345");
    attrs.put("facility", null);
    ContactDraft d = new ContactDraft(null, "a@example.org", null, null, null, attrs);
    assertEquals(Json.parse(q("{'email':'a@example.org','custom_attributes':{'member_number':'12345'}}")),
        json.draft(d));
  }

  @Test
  void draft_withNothingSet_isAnEmptyObject() {
    assertEquals(Json.parse("{}"), json.draft(new ContactDraft(null, null, null, null, null, null)));
  }

  @Test
  void query_writesNestedGroupsAndTypedValues() {
    SearchQuery q = SearchQuery.and(
        SearchQuery.and(SearchQuery.eq("role", "user"), new SearchQuery.Filter("custom_attributes.flag", "!=", true),
            new SearchQuery.Filter("external_id", "IN", Arrays.asList("1", "2"))),
        SearchQuery.or(SearchQuery.eq("custom_attributes.count", 3), new SearchQuery.Filter("email", "~", null)));
    assertEquals(Json.parse(q("{'operator':'AND','value':["
        + "{'operator':'AND','value':[{'field':'role','operator':'=','value':'user'},"
        + "{'field':'custom_attributes.flag','operator':'!=','value':true},"
        + "{'field':'external_id','operator':'IN','value':['1','2']}]},"
        + "{'operator':'OR','value':[{'field':'custom_attributes.count','operator':'=','value':3},"
        + "{'field':'email','operator':'~','value':null}]}]}")), json.query(q));
  }

  @Test
  void group_mixingFiltersAndGroups_isRefused_asTheDescriptionsOneOfDoes() {
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
        () -> SearchQuery.and(SearchQuery.eq("role", "user"), SearchQuery.or(SearchQuery.eq("a", 1), SearchQuery.eq("b", 2))));
    assertEquals("a search group holds only filters or only groups, not both", e.getMessage());
  }

  @Test
  void page_readsItemsAndTheNextCursor() {
    var page = json.page(Json.parse(q("{'data':[{'id':'a'}],'pages':{'next':{'starting_after':'xyz'}}}")),
        json::contact);
    assertEquals(1, page.items().size());
    assertEquals("xyz", page.nextCursor());
    assertEquals(null, json.page(Json.parse(q("{'data':[],'pages':{'next':null}}")), json::contact).nextCursor());
  }
}
