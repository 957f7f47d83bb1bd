package org.natca.intercom.sandbox.emulator;

/** Where a contact stands in the emulated workspace. Only {@link #ACTIVE} contacts are visible to get, list and search. */
public enum ContactState {
  ACTIVE,
  /** Archived: invisible, reachable only through the id a 409 names; can be unarchived. */
  ARCHIVED,
  /** Blocked: like archived, but unarchive answers 400 {@code not_restorable}. */
  BLOCKED,
  /**
   * Merged into another contact: gone for good (404; 410 {@code contact_merged} from API 2.16 on get). A
   * lead merged through the API; or a user merged away by an admin, which still holds its email and
   * external id against creates (409 "archived") and whose unarchive answers 400 {@code bad_request}
   * "User has been merged and is not restorable."
   */
  MERGED,
  /**
   * Permanently deleted, yet still named by the 409 of a create with its email or external id; unarchive
   * answers 500 "Server Error", every time (what real integrations report).
   */
  DELETED
}
