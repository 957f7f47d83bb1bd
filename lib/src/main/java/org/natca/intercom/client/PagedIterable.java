package org.natca.intercom.client;

import java.util.Iterator;
import java.util.List;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.natca.intercom.client.paging.CursorIterator;
import org.natca.intercom.client.paging.Page;
import org.natca.intercom.client.paging.PageFetcher;

/**
 * A lazily paged list: pages are fetched while iterating, never up front, and each
 * {@link #iterator()} starts from the first page again. Callers never see cursors.
 */
public final class PagedIterable<T> implements Iterable<T> {

  private final PageFetcher<T> fetcher;

  private PagedIterable(PageFetcher<T> fetcher) {
    this.fetcher = fetcher;
  }

  public static <T> PagedIterable<T> fromPages(PageFetcher<T> fetcher) {
    return new PagedIterable<>(fetcher);
  }

  /** A single page holding {@code items}; handy for fakes. */
  public static <T> PagedIterable<T> of(List<T> items) {
    List<T> copy = List.copyOf(items);
    return new PagedIterable<>(cursor -> new Page<>(copy, null));
  }

  @Override
  public Iterator<T> iterator() {
    return new CursorIterator<>(fetcher);
  }

  public Stream<T> stream() {
    return StreamSupport.stream(
        Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
  }
}
