package dev.ngsign.ngs.protocol.content;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.ngsign.ngs.protocol.ResultCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The Kakao extras JSON (MTYPE 13) schema this project defines (docs/kakao-extras.md): {@code
 * button} (at most 5) and {@code quick_reply} (at most 10) lists of {@code {name, type, url_mobile,
 * url_pc, scheme_android, scheme_ios}}, {@code title}/{@code subtitle} strings, and {@code image
 * {img_url, img_link}}. Unknown keys are kept and passed on; a bad value is reported with its path,
 * e.g. {@code button[2].url_mobile}.
 */
public final class KakaoExtras {
  /**
   * Button types: web link, app link, delivery search, bot keyword, message delivery, consult talk,
   * bot transfer, add channel.
   */
  public static final Set<String> BUTTON_TYPES =
      Set.of("WL", "AL", "DS", "BK", "MD", "BC", "BT", "AC");

  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private KakaoExtras() {}

  /** Every violation in {@code json}; empty when it is valid. */
  public static List<ContentViolation> check(String json) {
    List<ContentViolation> out = new ArrayList<>(1);
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      out.add(
          bad(
              "json",
              "is not valid JSON: "
                  + e.getOriginalMessage()
                  + " at line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()));
      return out;
    }
    if (root == null || !root.isObject()) {
      out.add(
          bad(
              "json",
              "must be a JSON object, not "
                  + (root == null ? "empty" : root.getNodeType().toString().toLowerCase())));
      return out;
    }
    checkButtons(root, "button", ContentLimits.MAX_BUTTONS, out);
    checkButtons(root, "quick_reply", ContentLimits.MAX_QUICK_REPLIES, out);
    for (String key : new String[] {"title", "subtitle"}) {
      JsonNode n = root.get(key);
      if (n != null && !n.isTextual()) {
        out.add(bad(key, "must be a string"));
      }
    }
    JsonNode image = root.get("image");
    if (image != null) {
      if (!image.isObject()) {
        out.add(bad("image", "must be an object {img_url, img_link}"));
      } else {
        requireUrl(image, "image", "img_url", true, out);
        requireUrl(image, "image", "img_link", false, out);
      }
    }
    return out;
  }

  private static void checkButtons(JsonNode root, String key, int max, List<ContentViolation> out) {
    JsonNode list = root.get(key);
    if (list == null) {
      return;
    }
    if (!list.isArray()) {
      out.add(bad(key, "must be a list"));
      return;
    }
    if (list.size() > max) {
      out.add(bad(key, "has " + list.size() + " entries; at most " + max));
    }
    for (int i = 0; i < list.size(); i++) {
      String path = key + "[" + i + "]";
      JsonNode b = list.get(i);
      if (!b.isObject()) {
        out.add(bad(path, "must be an object {name, type, ...}"));
        continue;
      }
      JsonNode name = b.get("name");
      if (name == null || !name.isTextual() || name.asText().isBlank()) {
        out.add(bad(path + ".name", "is required"));
      }
      JsonNode typeNode = b.get("type");
      String type = typeNode == null || !typeNode.isTextual() ? null : typeNode.asText();
      if (type == null || !BUTTON_TYPES.contains(type)) {
        out.add(
            bad(
                path + ".type",
                (type == null ? "is required" : "'" + type + "' is not a button type")
                    + " (one of WL AL DS BK MD BC BT AC)"));
        continue;
      }
      requireUrl(b, path, "url_mobile", type.equals("WL"), out);
      requireUrl(b, path, "url_pc", false, out);
      if (type.equals("AL")) {
        int links = 0;
        for (String f : new String[] {"url_mobile", "scheme_android", "scheme_ios"}) {
          JsonNode n = b.get(f);
          if (n != null && n.isTextual() && !n.asText().isBlank()) {
            links++;
          }
        }
        if (links < 2) {
          out.add(
              bad(path, "an app link (AL) needs two of url_mobile, scheme_android, scheme_ios"));
        }
      }
    }
  }

  private static void requireUrl(
      JsonNode obj, String path, String field, boolean required, List<ContentViolation> out) {
    JsonNode n = obj.get(field);
    if (n == null || n.isNull()) {
      if (required) {
        out.add(bad(path + "." + field, "is required"));
      }
      return;
    }
    String v = n.isTextual() ? n.asText() : null;
    if (v == null || !(v.startsWith("http://") || v.startsWith("https://"))) {
      out.add(bad(path + "." + field, "must be an http(s) URL"));
    }
  }

  private static ContentViolation bad(String path, String message) {
    return new ContentViolation(ResultCode.E_INVALID_JSON, path, path + " " + message);
  }
}
