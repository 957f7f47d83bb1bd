package org.natca.intercom.sandbox.emulator;

/** A contact data attribute: built-in ({@code custom == false}) or custom. */
public record EmulatedAttribute(String name, String model, String dataType, boolean custom) {}
