package org.natca.intercom.client.paging;

/** Fetches the page that starts after {@code cursor} (null for the first page). */
@FunctionalInterface
public interface PageFetcher<T> {
  Page<T> fetch(String cursor);
}
