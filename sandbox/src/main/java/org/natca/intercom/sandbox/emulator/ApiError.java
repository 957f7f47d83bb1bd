package org.natca.intercom.sandbox.emulator;

/** An error answer, thrown by the workspace and rendered once as an Intercom {@code error.list}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;
  final String field;
  /** Extra headers of the answer (the Link of a 410 contact_merged). */
  final java.util.Map<String, String> headers;

  ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiError(int status, String code, String message, String field) {
    this(status, code, message, field, java.util.Map.of());
  }

  private ApiError(int status, String code, String message, String field, java.util.Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
    this.headers = headers;
  }

  /** API 2.16: a contact merged away answers 410 with a Link to the contact it was merged into. */
  static ApiError merged(String intoId) {
    return new ApiError(410, "contact_merged",
        "This contact has been merged. See the 'Link' header for the canonical contact.", null,
        java.util.Map.of("Link", "</contacts/" + intoId + ">; rel=\"canonical\""));
  }

  static ApiError notFound(String message) {
    return new ApiError(404, "not_found", message);
  }

  static ApiError userNotFound() {
    return notFound("User Not Found");
  }

  static ApiError invalid(String message, String field) {
    return new ApiError(400, "parameter_invalid", message, field);
  }

  static ApiError invalid(String message) {
    return invalid(message, null);
  }
}
