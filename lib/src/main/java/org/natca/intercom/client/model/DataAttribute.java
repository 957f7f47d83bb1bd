package org.natca.intercom.client.model;

/** A data attribute of a model ("contact"); {@code dataType} as Intercom names it ("string", ...). */
public record DataAttribute(String name, String model, String dataType, boolean custom) {}
