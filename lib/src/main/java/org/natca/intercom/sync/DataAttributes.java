package org.natca.intercom.sync;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.natca.intercom.client.IntercomClient;
import org.natca.intercom.client.error.IntercomException;
import org.natca.intercom.client.model.DataAttribute;
import org.natca.intercom.format.ContactAttributes;
import org.natca.intercom.report.RunReport;
import org.natca.intercom.report.Verb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Intercom refuses unknown custom attributes: the five member attributes must exist before any write. */
public final class DataAttributes {
  private static final Logger log = LoggerFactory.getLogger(DataAttributes.class);

  private DataAttributes() {}

  /**
   * Creates the missing ones (a dry run only lists them) and returns their names. A 5xx is retried by
   * the client; "already exists" (another run, or a retried create that had reached Intercom) is done.
   */
  public static List<String> ensure(IntercomClient client, RunReport report, boolean dryRun) {
    List<String> missing = ensure(client, dryRun);
    for (String name : missing) {
      report.action(Verb.CREATE_ATTRIBUTE, null, null, "contact attribute '" + name + "' does not exist yet");
    }
    return missing;
  }

  /** Creates the missing ones (a dry run does not) and returns their names. */
  public static List<String> ensure(IntercomClient client, boolean dryRun) {
    Set<String> existing = new HashSet<>();
    for (DataAttribute a : client.listContactDataAttributes()) {
      existing.add(a.name());
    }
    List<String> missing = new ArrayList<>();
    for (String name : ContactAttributes.ALL) {
      if (!existing.contains(name)) {
        missing.add(name);
        if (!dryRun) {
          create(client, name);
        }
      }
    }
    return missing;
  }

  private static void create(IntercomClient client, String name) {
    try {
      client.createContactDataAttribute(name, "string");
      log.info("created the contact data attribute '{}'", name);
    } catch (IntercomException e) {
      if (!e.isAttributeAlreadyDefined()) {
        throw e;
      }
      log.info("the contact data attribute '{}' already exists (created meanwhile)", name);
    }
  }
}
