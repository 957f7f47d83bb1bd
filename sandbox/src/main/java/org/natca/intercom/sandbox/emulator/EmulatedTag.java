package org.natca.intercom.sandbox.emulator;

public record EmulatedTag(String id, String name) {}
