package org.natca.intercom.client.error;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Intercom answered with an error, or (for the subclasses) did not answer in time or at all. The
 * message is one readable line: method, path, status and Intercom's own message. Built from HTTP in
 * one place, {@link ErrorMapper}.
 */
public class IntercomException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private static final Pattern CONFLICT_ID = Pattern.compile("id=([0-9a-fA-F]+)");

  private final int status;
  private final String requestId;
  private final List<ErrorDetail> errors;

  public IntercomException(String message, int status, String requestId, List<ErrorDetail> errors) {
    this(message, status, requestId, errors, null);
  }

  public IntercomException(
      String message, int status, String requestId, List<ErrorDetail> errors, Throwable cause) {
    super(message, cause);
    this.status = status;
    this.requestId = requestId;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  /** HTTP status, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /** The first error's code ({@code conflict}, {@code not_found}, ...), or null. */
  public String code() {
    return errors.isEmpty() ? null : errors.get(0).code();
  }

  public String requestId() {
    return requestId;
  }

  public List<ErrorDetail> errors() {
    return errors;
  }

  /**
   * The id of the existing contact a create ran into (409), live or archived. Intercom names it only
   * in the message: {@code A contact matching those details already exists with id=<id>}.
   */
  public Optional<String> conflictingContactId() {
    if (status != 409) {
      return Optional.empty();
    }
    for (ErrorDetail e : errors) {
      if (e.message() != null) {
        Matcher m = CONFLICT_ID.matcher(e.message());
        if (m.find()) {
          return Optional.of(m.group(1));
        }
      }
    }
    return Optional.empty();
  }

  /** A 409 whose existing contact is archived: it must be unarchived before it can be updated. */
  public boolean isArchivedConflict() {
    return status == 409
        && errors.stream()
            .anyMatch(e -> e.message() != null && e.message().toLowerCase(java.util.Locale.ROOT).contains("archived contact"));
  }

  /**
   * The person was blocked in Intercom; only an admin can undo that. Intercom says so with the code
   * {@code not_restorable}, or only in the message ("... blocked ...", "User has been blocked"). A
   * contact merged away is not blocked, even when its message says "not restorable".
   */
  public boolean isBlocked() {
    if (isMergedAway()) {
      return false;
    }
    return errors.stream().anyMatch(e -> "not_restorable".equals(e.code()) || mentions(e, "blocked"));
  }

  /**
   * The contact was merged into another and cannot come back: unarchiving it answers 400
   * "User has been merged and is not restorable."; from API 2.16 a get answers 410 {@code contact_merged}.
   */
  public boolean isMergedAway() {
    return errors.stream().anyMatch(e -> "contact_merged".equals(e.code()) || mentions(e, "has been merged"));
  }

  private static boolean mentions(ErrorDetail e, String words) {
    return e.message() != null && e.message().toLowerCase(java.util.Locale.ROOT).contains(words);
  }

  /** The thing is not there (404), or is gone for good (410, e.g. {@code contact_merged}). */
  public boolean isNotFound() {
    return status == 404 || status == 410;
  }

  /**
   * The answer to creating a data attribute whose name is taken: 400 {@code parameter_invalid}, "You
   * already have 'member_type' in your people data. ..." (the only way Intercom says it).
   */
  public boolean isAttributeAlreadyDefined() {
    return status == 400
        && errors.stream().anyMatch(e -> e.message() != null && e.message().startsWith("You already have '"));
  }

  public boolean isAuthenticationFailure() {
    return status == 401 || status == 403;
  }
}
