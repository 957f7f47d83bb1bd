package org.natca.intercom.client.error;

/** One entry of Intercom's {@code errors} array; any part may be null. */
public record ErrorDetail(String code, String message, String field) {}
