package org.natca.intercom.sandbox.emulator;

/** An error answer, thrown by the workspace and rendered once as an Intercom {@code error.list}. */
final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;
  final String field;

  ApiError(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiError(int status, String code, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.field = field;
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
