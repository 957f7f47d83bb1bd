package org.natca.intercom.manual;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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

  private Mappings() {}

  /** Reads and checks the file; unreadable, empty and malformed files come back as {@link MappingsFile.Invalid}. */
  public static MappingsFile read(Path file) {
    String name = file.toString();
    byte[] content;
    try {
      if (Files.isDirectory(file)) {
        return invalid(name + ": cannot read the file: it is a directory");
      }
      content = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      return invalid(name + ": cannot read the file: no such file");
    } catch (AccessDeniedException e) {
      return invalid(name + ": cannot read the file: permission denied");
    } catch (IOException e) {
      return invalid(name + ": cannot read the file: " + e.getMessage());
    }
    return parse(name, content);
  }

  /** Checks a file's content; {@code name} is how problem lines name the file. */
  public static MappingsFile parse(String name, byte[] content) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(content))
          .toString();
    } catch (CharacterCodingException e) {
      return invalid(name + ": the file is not UTF-8 text");
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1); // a byte order mark some editors write
    }
    if (text.isBlank()) {
      return invalid(name + ": the file is empty; expected a JSON array such as " + EXAMPLE);
    }
    return new MappingsParser(name, text).parse();
  }

  private static MappingsFile invalid(String problem) {
    return new MappingsFile.Invalid(List.of(problem));
  }
}
