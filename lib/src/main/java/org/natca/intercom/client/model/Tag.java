package org.natca.intercom.client.model;

public record Tag(String id, String name) {}
