package org.natca.intercom.sandbox.members;

public record Facility(int id, String code, String name, int regionId) {}
