package org.natca.intercom.format;

import org.natca.intercom.client.model.ContactDraft;

/**
 * What a member becomes in Intercom, plus why the phone was left out ({@code phoneProblem}, null when
 * the phone was fine or absent) so the caller can log it without logging the number.
 */
public record MemberPayload(ContactDraft draft, String phoneProblem) {}
