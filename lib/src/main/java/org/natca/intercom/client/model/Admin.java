package org.natca.intercom.client.model;

public record Admin(String id, String name, String email) {}
