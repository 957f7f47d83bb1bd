package org.natca.intercom.operations.status;

/** An item a person must look at: who, which contact, and what is wrong or what to do. Any field but {@code problem} may be null. */
public record Problem(Integer memberNumber, String email, String contactId, String problem) {}
