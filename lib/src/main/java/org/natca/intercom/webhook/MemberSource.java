package org.natca.intercom.webhook;

/** Which database found a member by email: the member database, or the legacy MyNATCA MySQL fallback. */
public enum MemberSource {
  POSTGRES("postgres"), MYSQL("mysql");

  private final String key;

  MemberSource(String key) {
    this.key = key;
  }

  /** As the lookup endpoint writes it. */
  public String key() {
    return key;
  }
}
