package org.natca.intercom.sandbox.emulator;

/** Where a contact stands in the emulated workspace. Only {@link #ACTIVE} contacts are visible to get, list and search. */
public enum ContactState {
  ACTIVE,
  /** Archived: invisible, reachable only through the id a 409 names; can be unarchived. */
  ARCHIVED,
  /** Blocked: like archived, but unarchive answers 400 {@code not_restorable}. */
  BLOCKED,
  /** A lead merged into a user: gone for good (404). */
  MERGED
}
