package org.natca.intercom.tags;

import java.util.List;
import java.util.Map;

/**
 * What one rule's tag needs this run, decided from the selection and the tag's current holders before
 * any tag is written.
 *
 * @param tagId the workspace's tag, or null when it does not exist yet (created before attaching)
 * @param selected how many synced members the rule selects
 * @param holders how many contacts carry the tag now (search by tag_id)
 * @param attach contact id to member number, contacts that should carry the tag and do not
 * @param attachNew members a dry run would create, who would then get the tag
 * @param detach contact id to member number (null for a contact of no synced member), contacts that carry
 *     the tag and should not
 */
public record TagPlan(TagRule rule, String tagId, int selected, int holders, Map<String, Integer> attach,
    List<Integer> attachNew, Map<String, Integer> detach) {

  public TagPlan {
    attach = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attach));
    attachNew = List.copyOf(attachNew);
    detach = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(detach));
  }

  public String tag() {
    return rule.tag();
  }

  /** The detach limit: {@code maxDetach} when given, else max(10, 10% of the holders, rounded down). */
  public int detachLimit(Integer maxDetach) {
    return maxDetach != null ? maxDetach : Math.max(10, holders / 10);
  }

  public int attachCount() {
    return attach.size() + attachNew.size();
  }
}
