package org.natca.intercom.client.paging;

import java.util.Iterator;
import java.util.NoSuchElementException;

/** Walks the pages of a cursor-paged list, fetching each page only when the previous one is used up. */
public final class CursorIterator<T> implements Iterator<T> {

  private final PageFetcher<T> fetcher;
  private Iterator<T> current;
  private String cursor;
  private boolean last;

  public CursorIterator(PageFetcher<T> fetcher) {
    this.fetcher = fetcher;
  }

  @Override
  public boolean hasNext() {
    while (current == null || !current.hasNext()) {
      if (last) {
        return false;
      }
      Page<T> page = fetcher.fetch(cursor);
      String next = page.nextCursor();
      if (next != null && next.equals(cursor)) {
        // A server handing back the cursor it was given would keep us looping forever.
        throw new IllegalStateException("pagination did not advance: cursor " + next + " came back");
      }
      current = page.items().iterator();
      cursor = next;
      last = next == null || next.isEmpty();
    }
    return true;
  }

  @Override
  public T next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return current.next();
  }
}
