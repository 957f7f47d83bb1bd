package org.natca.intercom.client.model;

/** The admin behind the access token ({@code GET /me}); {@code appId} is its workspace's {@code app.id_code}, or null. */
public record Admin(String id, String name, String email, String appId) {}
