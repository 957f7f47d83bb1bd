package org.natca.intercom.sandbox.members;

public record Region(int id, String code, String name) {}
