package org.natca.intercom.manual;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads a mappings file, the input of {@code manual-update}: a JSON array of objects, each naming an
 * Intercom contact and the member it is, as in {@code mappings.example.json}:
 * <pre>[{"contact_id": "67eb0a6e8f72a828ba21c342", "member_number": "12345"}]</pre>
 *
 * <ul>
 *   <li>{@code contact_id}: the contact's id, a string of letters and digits (surrounding blanks are trimmed);
 *   <li>{@code member_number}: digits, as a JSON number ({@code 12345}) or a string ({@code "12345"});
 *   <li>{@code note}: optional free text for the people who keep the file; ignored.
 * </ul>
 * Any other key is an error rather than ignored: a misspelt or made-up key ({@code "email"}, say)
 * would otherwise look as if it did something. A contact may appear once, and so may a member.
 * Every problem in the file is found, not just the first, so one edit fixes them all.
 */
public final class Mappings {
  public static final String CONTACT_ID = "contact_id";
  public static final String MEMBER_NUMBER = "member_number";
  public static final String NOTE = "note";
  /** The documented format, as quoted in messages. */
  public static final String EXAMPLE = "[{\"contact_id\": \"67eb0a6e8f72a828ba21c342\", \"member_number\": \"12345\"}]";
  /**
   * The largest file read: 10 MiB is some 140,000 entries, far more than a hand-made list of edge
   * cases, and small enough to hold in memory with every problem it may have.
   */
  public static final long MAX_FILE_BYTES = 10L * 1024 * 1024;

  private Mappings() {}

  /**
   * Reads and checks the file. A file that cannot be read, or is not a regular file, or is larger than
   * {@link #MAX_FILE_BYTES}, is {@link MappingsFile.Unreadable} and never opened (a FIFO would block,
   * a device such as {@code /dev/zero} never end); malformed content is {@link MappingsFile.Invalid}.
   */
  public static MappingsFile read(Path file) {
    String name = file.toString();
    BasicFileAttributes attributes;
    try {
      attributes = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      return unreadable(name, "no such file");
    } catch (AccessDeniedException e) {
      return unreadable(name, "permission denied");
    } catch (IOException e) {
      return unreadable(name, oneLine(e.getMessage()));
    }
    if (attributes.isDirectory()) {
      return unreadable(name, "it is a directory");
    }
    if (!attributes.isRegularFile()) {
      return unreadable(name, "it is not a regular file (a FIFO, socket or device); give a JSON file");
    }
    if (attributes.size() > MAX_FILE_BYTES) {
      return tooLarge(name);
    }
    byte[] content;
    try (InputStream in = Files.newInputStream(file)) {
      // bounded: the file may grow between the size check and the read
      content = in.readNBytes((int) MAX_FILE_BYTES + 1);
    } catch (AccessDeniedException e) {
      return unreadable(name, "permission denied");
    } catch (IOException e) {
      return unreadable(name, oneLine(e.getMessage()));
    }
    if (content.length > MAX_FILE_BYTES) {
      return tooLarge(name);
    }
    return parse(name, content);
  }

  private static MappingsFile tooLarge(String name) {
    return unreadable(name, "it is larger than " + (MAX_FILE_BYTES / (1024 * 1024)) + " MiB, the most a mappings file may be");
  }

  private static MappingsFile unreadable(String name, String why) {
    return new MappingsFile.Unreadable(name + ": cannot read the file: " + why);
  }

  private static String oneLine(String message) {
    return message == null ? "unreadable" : message.replaceAll("\\s*\\R\\s*", " ").strip();
  }

  /** Checks a file's content; {@code name} is how problem lines name the file. */
  public static MappingsFile parse(String name, byte[] content) {
    return new MappingsParser(name).parse(content);
  }
}
