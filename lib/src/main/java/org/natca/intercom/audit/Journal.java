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
 * The append-only record of an audit run's writes, one JSON object a line, each line on disk before
 * the next write starts. The file is created with the first write (a run that writes nothing leaves
 * none), never overwritten, and readable by its owner only: it holds the contacts' earlier emails,
 * names and phones so that {@code audit --undo} can put them back.
 */
public final class Journal implements AutoCloseable {
  /** First line of every journal; {@link JournalReader} skips it. */
  static final String HEADER_KEY = "journal";
  static final String HEADER_VALUE = "natca-intercom audit";
  static final int VERSION = 1;
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Path path;
  private final Clock clock;
  private final ObjectMapper mapper = new ObjectMapper();
  private FileOutputStream out;
  private int entries;

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

  public synchronized int entries() {
    return entries;
  }

  /**
   * Appends the entry and syncs it to disk.
   *
   * @throws UncheckedIOException when it cannot: the caller must stop writing to Intercom
   */
  public synchronized void record(JournalEntry e) {
    try {
      if (out == null) {
        open();
      }
      ObjectNode line = mapper.createObjectNode();
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
      entries++;
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
