package org.natca.intercom.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The append-only, write-ahead record of an audit run's writes, one JSON object a line, each synced to
 * disk before the run goes on. A write is journaled as intended ({@link #intend}) before it is sent and
 * its outcome appended once Intercom answered ({@link #confirm}, {@link #failed}, {@link #unknown}); both
 * lines carry the same {@code seq}, and the last line of a seq is the one that counts. So a run killed
 * between sending and journaling still leaves the write in the journal, as of unknown outcome.
 * The file is created with the first entry (a run that writes nothing leaves none), never overwritten,
 * and readable by its owner only: it holds the contacts' earlier emails, names and phones so that
 * {@code audit --undo} can put them back.
 */
public final class Journal implements AutoCloseable {
  /** First line of every journal; {@link JournalReader} skips it. */
  static final String HEADER_KEY = "journal";
  static final String HEADER_VALUE = "natca-intercom audit";
  static final int VERSION = 2;
  /** Versions {@link JournalReader} reads: 1 had one line per confirmed write, without seq. */
  static final java.util.Set<Integer> READABLE_VERSIONS = java.util.Set.of(1, 2);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path path;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private FileOutputStream out;
  private int entries;
  private long nextSeq = 1;

  /** A write journaled as intended, waiting for its outcome. */
  public static final class Intent {
    private final long seq;
    private final JournalEntry entry;

    private Intent(long seq, JournalEntry entry) {
      this.seq = seq;
      this.entry = entry;
    }

    public JournalEntry entry() {
      return entry;
    }
  }

  public Journal(Path path, Clock clock) {
    this.path = path;
    this.clock = clock;
  }

  /** {@code audit-journal-<UTC timestamp>.jsonl} in the working directory. */
  public static Path defaultPath(Clock clock) {
    return Path.of("audit-journal-" + STAMP.format(clock.instant()) + ".jsonl");
  }

  /** Fails (exit 2, before anything is read or written) unless the journal can be created at {@code path}. */
  public static void checkCanCreate(Path path) {
    if (Files.exists(path)) {
      throw new JournalException("the journal " + path + " already exists; a journal is never overwritten or"
          + " appended to by another run: choose another --journal");
    }
    Path parent = path.toAbsolutePath().getParent();
    if (parent == null || !Files.isDirectory(parent)) {
      throw new JournalException("the journal's directory " + parent + " does not exist");
    }
    if (!Files.isWritable(parent)) {
      throw new JournalException("the journal's directory " + parent + " is not writable");
    }
  }

  public Path path() {
    return path;
  }

  /** Whether anything was written to the journal (the file exists). */
  public synchronized boolean started() {
    return out != null;
  }

  /** The writes journaled (each counted once, whatever its outcome). */
  public synchronized int entries() {
    return entries;
  }

  /**
   * Appends a confirmed entry (one that needs no write-ahead: a created attribute, a contact Intercom
   * created while recovering) and syncs it to disk.
   *
   * @throws UncheckedIOException when it cannot: the caller must stop writing to Intercom
   */
  public synchronized void record(JournalEntry e) {
    append(nextSeq++, e);
    entries++;
  }

  /**
   * Journals a write before it is sent, as {@code intended}.
   *
   * @throws UncheckedIOException when it cannot: the write must not be sent
   */
  public synchronized Intent intend(JournalEntry e) {
    Intent intent = new Intent(nextSeq++, e.withOutcome(JournalEntry.INTENDED));
    append(intent.seq, intent.entry);
    entries++;
    return intent;
  }

  /** Intercom confirmed the write; {@code done} is what it was in the end (the id, the fields written). */
  public synchronized void confirm(Intent intent, JournalEntry done) {
    append(intent.seq, done.withOutcome(JournalEntry.DONE));
  }

  /** Intercom refused the write: nothing changed. */
  public synchronized void failed(Intent intent, String why) {
    JournalEntry e = intent.entry;
    append(intent.seq, new JournalEntry(e.time(), e.action(), e.contactId(), e.memberNumber(),
        e.reason() + "; not done: " + why, e.undoable(), JournalEntry.FAILED, e.before(), e.after()));
  }

  /** Intercom's answer was lost: the write may or may not have happened. */
  public synchronized void unknown(Intent intent) {
    append(intent.seq, intent.entry.withOutcome(JournalEntry.UNKNOWN));
  }

  private void append(long seq, JournalEntry e) {
    try {
      if (out == null) {
        open();
      }
      ObjectNode line = mapper.createObjectNode();
      line.put("seq", seq);
      line.put("time", e.time().toString());
      line.put("action", e.action());
      if (e.contactId() == null) {
        line.putNull("contactId");
      } else {
        line.put("contactId", e.contactId());
      }
      if (e.memberNumber() == null) {
        line.putNull("memberNumber");
      } else {
        line.put("memberNumber", e.memberNumber());
      }
      line.put("reason", e.reason());
      line.put("undoable", e.undoable());
      line.put("outcome", e.outcome());
      line.set("before", mapper.valueToTree(e.before()));
      line.set("after", mapper.valueToTree(e.after()));
      write(line);
    } catch (IOException x) {
      throw new UncheckedIOException("could not write the journal " + path + ": " + x.getMessage(), x);
    }
  }

  private void open() throws IOException {
    try {
      Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(path);
    } catch (FileAlreadyExistsException exists) {
      throw new IOException("it was created by someone else meanwhile", exists);
    }
    out = new FileOutputStream(path.toFile(), true);
    ObjectNode header = mapper.createObjectNode();
    header.put(HEADER_KEY, HEADER_VALUE);
    header.put("version", VERSION);
    header.put("createdAt", clock.instant().toString());
    write(header);
  }

  private void write(ObjectNode line) throws IOException {
    out.write((mapper.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    out.getFD().sync();
  }

  @Override
  public synchronized void close() {
    if (out != null) {
      try {
        out.close();
      } catch (IOException ignored) {
        // every line was synced when written; nothing is lost by a failing close
      }
    }
  }
}
