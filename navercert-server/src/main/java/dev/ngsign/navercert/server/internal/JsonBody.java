package dev.ngsign.navercert.server.internal;

import static dev.ngsign.navercert.ErrorCodes.BAD_REQUEST_BODY;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ngsign.navercert.internal.Json;
import java.io.IOException;

/**
 * Request bodies that must be one JSON object. Anything else — {@code null}, an array, a string, a
 * number, no JSON at all, or an object whose fields have the wrong JSON types — is the client's
 * mistake: a 400 with Barocert's error body, never a 500.
 */
final class JsonBody {
  private JsonBody() {}

  static <T> T object(byte[] body, Class<T> type, String what) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ApiError(400, BAD_REQUEST_BODY, what + " is not JSON");
    }
    if (node == null || node.isMissingNode() || !node.isObject()) {
      throw new ApiError(
          400,
          BAD_REQUEST_BODY,
          what
              + " must be a JSON object {...}, was "
              + (node == null || node.isMissingNode() ? "empty" : kind(node)));
    }
    try {
      return Json.MAPPER.treeToValue(node, type);
    } catch (IOException | IllegalArgumentException e) {
      throw new ApiError(400, BAD_REQUEST_BODY, what + " has a field of the wrong JSON type");
    }
  }

  private static String kind(JsonNode n) {
    return switch (n.getNodeType()) {
      case NULL -> "null";
      case ARRAY -> "an array";
      case STRING -> "a string";
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
