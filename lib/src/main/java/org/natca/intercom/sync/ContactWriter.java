package org.natca.intercom.sync;

import java.util.Locale;
import java.util.Optional;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.Contact;
import org.natca.intercom.client.model.ContactDraft;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes contacts and recovers from everything Intercom answers on the way: the 409 "already exists"
 * (live or archived) on create, the 404 of an update to an archived or deleted contact, a phone
 * Intercom will not take, and the unarchive steps manual-update (a hidden contact) and
 * {@code audit --undo} need. It classifies the contacts Intercom will not give back
 * ({@link WriteOutcome.Unrecoverable}, see {@link #unrecoverable}): blocked people ({@code not_restorable},
 * or a message naming "blocked"), contacts merged away (400 "User has been merged and is not
 * restorable.") and permanently deleted ones (unarchive answers 500 every time). It is the one file of
 * the library that calls the client's contact writes, so this is the one file that knows these recoveries.
 *
 * <p>Requests per member are bounded: a create that meets an unrecoverable contact costs the create and
 * one unarchive (a 500 is retried by the client, then classified); an update whose contact turned out
 * merged away creates anew once.
 */
public final class ContactWriter implements ContactWrites {
  private static final Logger log = LoggerFactory.getLogger(ContactWriter.class);
  /** What an admin must do for a blocked person; every command reports blocked contacts with it. */
  public static final String UNBLOCK_ACTION =
      "blocked in Intercom; no API can unblock a person: an admin must unblock them in Intercom "
          + "(Settings > Inbox > Blocked people), and the next run will restore the contact";

  private final IntercomClient client;

  public ContactWriter(IntercomClient client) {
    this.client = client;
  }

  /**
   * Creates the contact; when Intercom says it exists already (409 with its id), takes that contact
   * over instead: unarchived first when archived, checked not to be another member's, then updated.
   */
  @Override
  public WriteOutcome create(ContactDraft draft) {
    try {
      PhoneAware<Contact> created = withPhoneFallback(draft, client::createContact);
      return new WriteOutcome.Created(created.value(), created.phoneDropped());
    } catch (IntercomException e) {
      if (e.isBlocked()) {
        return new WriteOutcome.Blocked(e.conflictingContactId().orElse(null), UNBLOCK_ACTION);
      }
      Optional<String> existing = e.conflictingContactId();
      if (e.status() == 409 && existing.isPresent()) {
        log.debug("create answered 409 ({}), taking over contact {}", e.isArchivedConflict() ? "archived" : "live", existing.get());
        return takeOver(existing.get(), draft, e.isArchivedConflict());
      }
      throw e;
    }
  }

  /** Updates the contact with the whole draft; see {@link #update(String, ContactDraft, ContactDraft)}. */
  public WriteOutcome update(String contactId, ContactDraft draft) {
    return update(contactId, draft, draft);
  }

  /**
   * Sends {@code draft} (often only the fields that differ) to the contact; a 404 means archived
   * (unarchive, then update) or gone: then the member's contact is created anew from {@code whole},
   * the member's complete payload, which again recovers from a 409.
   */
  @Override
  public WriteOutcome update(String contactId, ContactDraft draft, ContactDraft whole) {
    try {
      PhoneAware<Contact> updated = withPhoneFallback(draft, d -> client.updateContact(contactId, d));
      return new WriteOutcome.Updated(updated.value(), false, updated.phoneDropped());
    } catch (IntercomException e) {
      if (e.isBlocked()) {
        return new WriteOutcome.Blocked(contactId, UNBLOCK_ACTION);
      }
      if (e.status() == 409 && e.conflictingContactId().isPresent() && draft.email() != null
          && !e.conflictingContactId().get().equals(contactId)) {
        // the email is held by another contact (an archived duplicate keeps its email): write the rest
        String holder = e.conflictingContactId().get();
        try {
          PhoneAware<Contact> updated = withPhoneFallback(draft.withEmail(null), d -> client.updateContact(contactId, d));
          return new WriteOutcome.Updated(updated.value(), false, updated.phoneDropped(), holder);
        } catch (IntercomException again) {
          if (again.status() != 409) {
            throw again;
          }
        }
      }
      if (e.status() == 409 && e.conflictingContactId().isPresent()) {
        return new WriteOutcome.Conflict(e.conflictingContactId().get(),
            "Intercom refused the update: contact " + e.conflictingContactId().get() + " already has this email or external id");
      }
      if (!e.isNotFound()) {
        throw e;
      }
      try {
        client.unarchiveContact(contactId);
      } catch (IntercomException u) {
        WriteOutcome.Unrecoverable lost = unrecoverable(contactId, u);
        if (u.isNotFound() || lost instanceof WriteOutcome.MergedAway) {
          // merged away by an admin or gone: the member needs a contact of their own; a create that meets
          // the contact again (it may still hold the email) ends as unrecoverable, without another create
          log.debug("contact {} is gone (deleted or merged), creating the member's contact anew", contactId);
          return create(whole);
        }
        if (lost != null) {
          return lost;
        }
        throw u;
      }
      PhoneAware<Contact> updated = withPhoneFallback(draft, d -> client.updateContact(contactId, d));
      return new WriteOutcome.Updated(updated.value(), true, updated.phoneDropped());
    }
  }

  @Override
  public Contact merge(String leadId, String userId) {
    return client.mergeContacts(leadId, userId);
  }

  @Override
  public void archive(String contactId) {
    client.archiveContact(contactId);
  }

  @Override
  public Unarchived unarchive(String contactId) {
    try {
      client.unarchiveContact(contactId);
      return Unarchived.DONE;
    } catch (IntercomException e) {
      WriteOutcome.Unrecoverable lost = unrecoverable(contactId, e);
      if (lost instanceof WriteOutcome.Blocked) {
        return Unarchived.BLOCKED;
      }
      if (e.isNotFound() || lost != null) { // merged away or permanently deleted: gone for good
        return Unarchived.GONE;
      }
      throw e;
    }
  }

  @Override
  public Revealed reveal(String contactId) {
    try {
      client.unarchiveContact(contactId);
      return new Revealed.Shown(client.getContact(contactId));
    } catch (IntercomException e) {
      WriteOutcome.Unrecoverable lost = unrecoverable(contactId, e);
      if (lost instanceof WriteOutcome.Blocked) {
        return new Revealed.Blocked();
      }
      if (lost != null) {
        return new Revealed.Lost(lost);
      }
      if (e.isNotFound()) {
        return new Revealed.Gone();
      }
      throw e;
    }
  }

  @Override
  public void restore(String contactId, java.util.Map<String, Object> fields) {
    client.putContactFields(contactId, fields);
  }

  private WriteOutcome takeOver(String contactId, ContactDraft draft, boolean archived) {
    boolean unarchived = false;
    if (archived) {
      WriteOutcome.Unrecoverable lost = unarchiveOrLost(contactId);
      if (lost != null) {
        return lost;
      }
      unarchived = true;
    }
    Contact existing;
    try {
      existing = client.getContact(contactId);
    } catch (IntercomException g) {
      if (archived || !g.isNotFound()) {
        throw g;
      }
      // a 409 naming a contact that get cannot see: archived since, blocked, merged away or deleted
      WriteOutcome.Unrecoverable lost = unarchiveOrLost(contactId);
      if (lost != null) {
        return lost;
      }
      unarchived = true;
      existing = client.getContact(contactId);
    }
    String owner = Ownership.otherMember(existing, draft.externalId());
    if (owner != null) {
      if (unarchived) {
        client.archiveContact(contactId); // leave it as we found it
      }
      return new WriteOutcome.Conflict(contactId,
          "Intercom matched this member to contact " + contactId + ", which belongs to member " + owner + "; left alone");
    }
    PhoneAware<Contact> updated = withPhoneFallback(draft, d -> client.updateContact(contactId, d));
    return new WriteOutcome.Updated(updated.value(), unarchived, updated.phoneDropped());
  }

  /** Unarchives the contact; returns what it is when Intercom will not, and throws anything else. */
  private WriteOutcome.Unrecoverable unarchiveOrLost(String contactId) {
    try {
      client.unarchiveContact(contactId);
      return null;
    } catch (IntercomException u) {
      WriteOutcome.Unrecoverable lost = unrecoverable(contactId, u);
      if (lost == null) {
        throw u;
      }
      return lost;
    }
  }

  /**
   * What an unarchive's refusal says about the contact, or null when it says something else. A 500
   * reaches here only after the client's retries: Intercom answers a permanently deleted contact so,
   * every time.
   */
  static WriteOutcome.Unrecoverable unrecoverable(String contactId, IntercomException u) {
    if (u.isMergedAway() && u.status() == 400) {
      return new WriteOutcome.MergedAway(contactId);
    }
    if (u.isBlocked()) {
      return new WriteOutcome.Blocked(contactId, UNBLOCK_ACTION);
    }
    if (u.status() == 500) {
      return new WriteOutcome.Deleted(contactId);
    }
    return null;
  }

  private record PhoneAware<T>(T value, boolean phoneDropped) {}

  private interface Write {
    Contact apply(ContactDraft draft);
  }

  /** Intercom validates phones its own way: when it refuses ours, the member is written without one. */
  private static PhoneAware<Contact> withPhoneFallback(ContactDraft draft, Write write) {
    try {
      return new PhoneAware<>(write.apply(draft), false);
    } catch (IntercomException e) {
      if (draft.phone() == null || !isPhoneRejection(e)) {
        throw e;
      }
      return new PhoneAware<>(write.apply(draft.withPhone(null)), true);
    }
  }

  static boolean isPhoneRejection(IntercomException e) {
    if (e.status() != 400 && e.status() != 422) {
      return false;
    }
    return e.errors().stream().anyMatch(d ->
        "phone".equalsIgnoreCase(d.field())
            || (d.message() != null && d.message().toLowerCase(Locale.ROOT).contains("phone"))
            || (d.code() != null && d.code().toLowerCase(Locale.ROOT).contains("phone")));
  }
}
