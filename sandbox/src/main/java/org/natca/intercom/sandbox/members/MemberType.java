package org.natca.intercom.sandbox.members;

public record MemberType(int id, String name) {}
