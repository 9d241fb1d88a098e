package dev.ngsign.cli.navercert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ngsign.navercert.Receipt;
import dev.ngsign.navercert.RequestStatus;
import dev.ngsign.navercert.Verdict;
import dev.ngsign.navercert.VerifyResult;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The navercert commands' one output style: pretty-printed JSON with "key" : value, every time as
 * ISO-8601 with the Korea offset (2026-05-01T14:30:00+09:00, the service's own zone), whether the
 * value comes from the SDK or from the simulator's operator API.
 */
final class CliJson {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final ZoneId KOREA = ZoneId.of("Asia/Seoul");
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

  private CliJson() {}

  static String write(Object o) {
    try {
      return MAPPER.writeValueAsString(o);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** ISO-8601 with the +09:00 offset, whole seconds. */
  static String time(Instant t) {
    return t == null
        ? null
        : TIME.format(t.truncatedTo(ChronoUnit.SECONDS).atZone(KOREA).toOffsetDateTime());
  }

  static Map<String, Object> of(Receipt r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", r.receiptID());
    m.put("scheme", r.scheme());
    m.put("marketUrl", r.marketUrl());
    return m;
  }

  static Map<String, Object> of(RequestStatus s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", s.receiptID());
    m.put("clientCode", s.clientCode());
    m.put("state", s.state().code());
    m.put("stateName", s.state().name());
    m.put("expireIn", s.expireIn());
    m.put("expireAt", time(s.expireDT()));
    m.put("reqTitle", s.reqTitle());
    m.put("callCenterName", s.callCenterName());
    m.put("callCenterNum", s.callCenterNum());
    m.put("tokenTypes", s.tokenTypes());
    m.put("appUseYN", s.appUseYN());
    m.put("deviceOSType", s.deviceOSType());
    m.put("returnURL", s.returnURL());
    m.put("scheme", s.scheme());
    return m;
  }

  /** The person and either the signatures themselves or, when saved, the files they went to. */
  static Map<String, Object> of(VerifyResult r, List<String> savedTo) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("receiptID", r.receiptID());
    m.put("state", r.state().code());
    m.put("stateName", r.state().name());
    m.put("receiverName", r.receiverName());
    m.put("receiverYear", r.receiverYear());
    m.put("receiverDay", r.receiverDay());
    m.put("receiverHP", r.receiverHP());
    m.put("receiverGender", r.receiverGender());
    m.put("receiverEmail", r.receiverEmail());
    m.put("receiverForeign", r.receiverForeign());
    m.put("ci", r.ci());
    if (savedTo == null) {
      m.put("signedData", r.signedData());
    } else {
      m.put("signatureFiles", savedTo);
    }
    return m;
  }

  static Map<String, Object> of(Verdict v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("ok", v.ok());
    m.put(
        "checks",
        v.checks().stream()
            .map(
                c -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("check", name(c));
                  x.put("document", c.document() == 0 ? null : c.document());
                  x.put("passed", c.passed());
                  x.put("detail", c.detail());
                  return x;
                })
            .toList());
    return m;
  }

  /** "name", "document 2 content": how a failed check is named on stderr. */
  static String name(Verdict.Check c) {
    String k = c.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
    return c.document() > 0 ? "document " + c.document() + " " + k : k;
  }

  /**
   * The simulator's operator JSON in this style: indented, and its two expiry fields (expireDT,
   * yyyyMMddHHmmss KST, and expireAt, UTC) replaced by one expireAt with the +09:00 offset.
   */
  static String operator(String json) {
    try {
      JsonNode n = MAPPER.readTree(json);
      if (n.isArray()) {
        n.forEach(CliJson::retime);
      } else if (n.isObject()) {
        retime(n);
      }
      return write(n);
    } catch (IOException e) {
      return json; // not JSON: show as received
    }
  }

  private static void retime(JsonNode n) {
    if (n instanceof ObjectNode o && o.hasNonNull("expireAt")) {
      String at = time(Instant.parse(o.get("expireAt").asText()));
      o.remove("expireDT");
      o.put("expireAt", at);
    }
  }
}
