package org.natca.intercom.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.Conversation;
import org.natca.intercom.client.model.Tag;
import org.natca.intercom.member.Member;
import org.natca.intercom.member.MemberRepository;

/**
 * The support agents' re-sync: an agent types the member number into the conversation attribute and
 * adds the sync tag; the member's user contact is made right (created, or updated where it differs
 * from the member database's email and data, the conversation's lead merged into it, older duplicate
 * users archived) and the tag removed: a member whose user is exact costs four requests (the
 * conversation, its contact, the search, the tag) and no write. When that cannot be done the tag stays and an internal note says why
 * in plain words, so the agent can fix it and add the tag again.
 */
public final class TagResync {
  private final IntercomClient client;
  private final MemberRepository members;
  private final MemberContactSync sync;
  private final AdminIdentity admin;
  private final String syncTag;
  private final String attribute;

  public TagResync(IntercomClient client, MemberRepository members, MemberContactSync sync, AdminIdentity admin,
      String syncTag, String memberNumberAttribute) {
    this.client = Objects.requireNonNull(client, "client");
    this.members = Objects.requireNonNull(members, "members");
    this.sync = Objects.requireNonNull(sync, "sync");
    this.admin = Objects.requireNonNull(admin, "admin");
    this.syncTag = Objects.requireNonNull(syncTag, "syncTag");
    this.attribute = Objects.requireNonNull(memberNumberAttribute, "memberNumberAttribute");
  }

  /**
   * @param lastAttempt when this attempt fails, no retry follows: the agent gets a note saying so
   */
  public EventOutcome handle(Notification n, boolean lastAttempt) {
    String conversationId = n.item().path("id").asText("");
    if (conversationId.isBlank()) {
      return new EventOutcome.Ignored("the notification names no conversation");
    }
    Optional<List<String>> added = tagsAdded(n.item());
    if (added.isPresent() && !added.get().contains(syncTag)) {
      return new EventOutcome.Ignored("conversation " + conversationId + ": tag " + added.get() + " added, not " + syncTag);
    }
    Conversation conversation;
    try {
      conversation = client.getConversation(conversationId);
    } catch (IntercomException e) {
      if (e.isNotFound()) {
        return new EventOutcome.Ignored("conversation " + conversationId + " no longer exists");
      }
      throw e;
    }
    Optional<Tag> tag = conversation.tags().stream().filter(t -> syncTag.equals(t.name())).findFirst();
    if (tag.isEmpty()) {
      return new EventOutcome.Ignored("conversation " + conversationId + " does not carry the tag " + syncTag
          + (added.isPresent() ? " any more (removed before the sync ran)" : ""));
    }
    try {
      return resync(conversation, tag.get());
    } catch (RuntimeException e) {
      if (!lastAttempt) {
        throw e;
      }
      String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      note(conversationId, "it failed after several tries because a system did not answer as expected (" + why
          + "). Add the tag " + syncTag + " again in a few minutes; if it keeps failing, tell whoever looks after the"
          + " Intercom integration.");
      return new EventOutcome.Failed("conversation " + conversationId + ": " + why + "; tag kept, note added");
    }
  }

  private EventOutcome resync(Conversation conversation, Tag tag) {
    String id = conversation.id();
    MemberNumbers.Parsed parsed = MemberNumbers.parse(conversation.customAttributes().get(attribute));
    if (parsed instanceof MemberNumbers.Empty) {
      return refuse(id, "the conversation attribute \"" + attribute + "\" is empty. Enter the member's number there,"
          + " then add the tag " + syncTag + " again.");
    }
    if (parsed instanceof MemberNumbers.NotANumber nan) {
      return refuse(id, "the conversation attribute \"" + attribute + "\" holds \"" + nan.text() + "\", which is not"
          + " a member number (digits only). Correct it, then add the tag " + syncTag + " again.");
    }
    int number = ((MemberNumbers.Number) parsed).memberNumber();
    Optional<Member> found = members.findByNumber(number);
    if (found.isEmpty()) {
      return refuse(id, "there is no member " + number + " in the member database. Check the number in \"" + attribute
          + "\", then add the tag " + syncTag + " again.");
    }
    Member member = found.get();
    if (!member.hasSyncedStatus()) {
      return refuse(id, "member " + number + " is " + member.status() + " in the member database; only Active and"
          + " Retired members are synced to Intercom. Check the number, or ask the membership team about the status.");
    }
    if (member.email() == null || member.email().isBlank()) {
      return refuse(id, "member " + number + " has no email address in the member database, and Intercom needs one."
          + " Ask the membership team to add it, then add the tag " + syncTag + " again.");
    }
    Contact contact = conversationContact(conversation);
    SyncResult result = sync.sync(member, contact);
    if (!result.succeeded()) {
      return refuse(id, "member " + number + "'s contact could not be written: " + result.problem()
          + ". Once that is sorted out, add the tag " + syncTag + " again.");
    }
    removeTag(id, tag);
    String who;
    if (contact == null) {
      who = "no contact";
    } else if (contact.isLead()) {
      who = "lead " + contact.id();
    } else {
      who = "user " + contact.id() + (contact.id().equals(result.contactId()) ? "" : ", not the member's");
    }
    return new EventOutcome.Done("conversation " + id + " (" + who + "): member " + number + " synced to user "
        + result.contactId() + ": " + result.describe() + "; tag removed");
  }

  /** The conversation's first contact as it is now; null when it has none or it is gone (merged, deleted). */
  private Contact conversationContact(Conversation conversation) {
    String contactId = conversation.firstContactId();
    if (contactId == null) {
      return null;
    }
    try {
      return client.getContact(contactId);
    } catch (IntercomException e) {
      if (e.isNotFound()) {
        return null;
      }
      throw e;
    }
  }

  private void removeTag(String conversationId, Tag tag) {
    try {
      client.untagConversation(conversationId, tag.id(), admin.id());
    } catch (IntercomException e) {
      if (!e.isNotFound()) {
        throw e; // a retry finds the contact right already and tries the tag again
      }
      // already gone: an agent removed it, or an earlier attempt did
    }
  }

  private EventOutcome refuse(String conversationId, String reason) {
    note(conversationId, reason);
    return new EventOutcome.Refused("conversation " + conversationId + ": " + reason + " (tag kept, note added)");
  }

  private void note(String conversationId, String reason) {
    client.addNote(conversationId, admin.id(), "<p>Member sync (tag " + html(syncTag) + ") did not finish: "
        + html(reason) + "</p>");
  }

  /** {@code tags_added.tags[].name} when the payload has it (older payloads do), else empty. */
  static Optional<List<String>> tagsAdded(JsonNode item) {
    JsonNode tags = item.path("tags_added").path("tags");
    if (!tags.isArray()) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (JsonNode t : tags) {
      String name = t.path("name").asText(null);
      if (name != null) {
        names.add(name);
      }
    }
    return Optional.of(names);
  }

  /** Notes are HTML; what an agent typed must show as typed. */
  static String html(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '&' -> sb.append("&amp;");
        case '"' -> sb.append("&quot;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }
}
