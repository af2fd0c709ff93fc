package dev.threadhook.server;

/**
 * A request the domain refuses, with a reason the HTTP layer maps to a status. The message is
 * written for the API user: it says what was expected and what was found.
 */
public final class DomainException extends RuntimeException {

  public enum Reason {
    INVALID_REQUEST,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    PAYLOAD_TOO_LARGE,
    UNSUPPORTED_MEDIA_TYPE,
    RATE_LIMITED
  }

  private final Reason reason;
  private final String code;

  public DomainException(Reason reason, String code, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.code = code;
  }

  public static DomainException invalid(String message) {
    return new DomainException(Reason.INVALID_REQUEST, "invalid_request", message);
  }

  public static DomainException notFound(String message) {
    return new DomainException(Reason.NOT_FOUND, "not_found", message);
  }

  public static DomainException forbidden(String message) {
    return new DomainException(Reason.FORBIDDEN, "forbidden", message);
  }

  public static DomainException unauthorized(String message) {
    return new DomainException(Reason.UNAUTHORIZED, "unauthorized", message);
  }

  public static DomainException tooLarge(String message) {
    return new DomainException(Reason.PAYLOAD_TOO_LARGE, "payload_too_large", message);
  }

  public Reason reason() {
    return reason;
  }

  public String code() {
    return code;
  }
}
