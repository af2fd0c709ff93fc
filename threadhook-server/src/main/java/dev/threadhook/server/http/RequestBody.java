package dev.threadhook.server.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadhook.server.DomainException;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * A request's JSON object, read with a size limit, with typed accessors whose errors say which
 * field was wrong and how: {@code text must be a string but was a number}.
 */
final class RequestBody {
  private static final ObjectMapper STRICT_JSON = new ObjectMapper()
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

  private final ObjectNode json;

  private RequestBody(ObjectNode json) {
    this.json = json;
  }

  /**
   * Reads the body as a JSON object. A missing Content-Type is read as JSON (curl users forget
   * it); any explicit type other than application/json gets 415.
   */
  static RequestBody read(Context ctx, long maxBytes) {
    requireJsonContentType(ctx.header("Content-Type"));
    byte[] bytes = readAtMost(ctx, maxBytes);
    JsonNode node;
    try {
      node = STRICT_JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw DomainException.invalid("request body is not valid JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw DomainException.invalid("request body could not be read: " + e.getMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw DomainException.invalid("request body must be a JSON object but was empty");
    }
    if (!node.isObject()) {
      throw DomainException.invalid(
          "request body must be a JSON object but was " + describe(node.getNodeType()));
    }
    return new RequestBody((ObjectNode) node);
  }

  static void requireJsonContentType(String contentType) {
    if (contentType == null || contentType.isBlank()) return;
    String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!mediaType.equals("application/json")) {
      throw new DomainException(DomainException.Reason.UNSUPPORTED_MEDIA_TYPE,
          "unsupported_media_type",
          "Content-Type must be application/json but was '" + contentType + "'");
    }
  }

  private static byte[] readAtMost(Context ctx, long maxBytes) {
    long declared = ctx.req().getContentLengthLong();
    if (declared > maxBytes) throw tooLarge(maxBytes);
    try (InputStream in = ctx.req().getInputStream()) {
      // A declared length is what the server lets through, so exactly that is read (no 8 KiB
      // buffer per request); without one, one byte past the limit tells a body that is too big.
      byte[] bytes = in.readNBytes(declared >= 0 ? (int) declared : (int) maxBytes + 1);
      if (bytes.length > maxBytes) throw tooLarge(maxBytes);
      return bytes;
    } catch (IOException e) {
      throw DomainException.invalid("request body could not be read: " + e.getMessage());
    }
  }

  private static DomainException tooLarge(long maxBytes) {
    return DomainException.tooLarge("request body must be at most " + maxBytes + " bytes");
  }

  /** A required string. */
  String string(String field) {
    String value = optionalString(field);
    if (value == null) throw DomainException.invalid(field + " is required");
    return value;
  }

  /** A string, or null when absent or JSON null. */
  String optionalString(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return null;
    if (!node.isTextual()) throw wrongType(field, "a string", node);
    return node.textValue();
  }

  /** A boolean, or {@code defaultValue} when absent or null. */
  boolean optionalBoolean(String field, boolean defaultValue) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return defaultValue;
    if (!node.isBoolean()) throw wrongType(field, "a boolean", node);
    return node.booleanValue();
  }

  /**
   * A positive id given as a JSON number ({@code 9999}) or a string of digits ({@code "9999"}),
   * as the reference's examples send thread ids both ways.
   */
  long id(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) throw DomainException.invalid(field + " is required");
    if (node.isTextual()) return parseId(field, node.textValue());
    if (node.isIntegralNumber()) {
      if (node.canConvertToLong() && node.longValue() > 0) return node.longValue();
      throw DomainException.invalid(
          field + " must be a positive integer below 2^63 but was " + node.asText());
    }
    throw wrongType(field, "a number or a string of digits", node);
  }

  static long parseId(String field, String text) {
    if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
      throw DomainException.invalid(field + " must be a positive integer but was '" + text + "'");
    }
    try {
      long id = Long.parseLong(text);
      if (id > 0) return id;
    } catch (NumberFormatException tooBig) {
      // falls through to the same answer as zero
    }
    throw DomainException.invalid(
        field + " must be a positive integer below 2^63 but was '" + text + "'");
  }

  /** Whether the field is present, even as null. */
  boolean has(String field) {
    return json.has(field);
  }

  JsonNode node(String field) {
    JsonNode node = json.get(field);
    return node == null || node.isNull() ? null : node;
  }

  /** A nested object, or null when absent or null. */
  RequestBody optionalObject(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return null;
    if (!node.isObject()) throw wrongType(field, "an object", node);
    return new RequestBody((ObjectNode) node);
  }

  /** A list of positive ids, empty when absent. */
  java.util.List<Long> idList(String field) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) return java.util.List.of();
    if (!node.isArray()) throw wrongType(field, "an array of ids", node);
    java.util.List<Long> ids = new java.util.ArrayList<>();
    for (JsonNode item : node) {
      if (item.isIntegralNumber() && item.canConvertToLong() && item.longValue() > 0) {
        ids.add(item.longValue());
      } else if (item.isTextual()) {
        ids.add(parseId(field, item.textValue()));
      } else {
        throw wrongType(field + " items", "positive integers", item);
      }
    }
    return ids;
  }

  private static DomainException wrongType(String field, String expected, JsonNode found) {
    return DomainException.invalid(
        field + " must be " + expected + " but was " + describe(found.getNodeType()));
  }

  private static String describe(JsonNodeType type) {
    return switch (type) {
      case ARRAY -> "an array";
      case BOOLEAN -> "a boolean";
      case NUMBER -> "a number";
      case OBJECT -> "an object";
      case STRING -> "a string";
      case NULL -> "null";
      default -> type.name().toLowerCase(Locale.ROOT);
    };
  }
}
