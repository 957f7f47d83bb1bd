package org.natca.intercom.sandbox.emulator;

import java.util.List;

/** One page of a list or search; {@code nextSeq} is where the next page starts after, null on the last page. */
record Page<T>(List<T> data, int total, int perPage, int page, Long nextSeq) {

  int totalPages() {
    return total == 0 ? 0 : (total + perPage - 1) / perPage;
  }

  String nextCursor() {
    return nextSeq == null ? null : new Cursor(nextSeq, page).encode();
  }
}
