package dev.ngsign.ngs.gateway.internal.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ngsign.http.Reply;
import dev.ngsign.http.Request;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes of the admin port. The JSON API (unchanged since it moved onto the project's listener):
 *
 * <pre>
 * GET  /health                       {"status":"ok"}
 * GET  /sessions                     bound sessions
 * GET  /accounts                     accounts with TPS, lock, quota, counters, pending reports
 * GET  /counters                     gateway-wide counters (DELIVER results, reports, heap)
 * GET  /metrics                      Prometheus text format
 * POST /accounts/{id}/tps            {"sms":80,"mms":30,"kko":30} → EVENT type 1 to the account's sessions
 * POST /accounts/{id}/kick           {"kind":"DLV"|"REP"|null,"reason":"..."} → EVENT type 0, close
 * POST /accounts/{id}/unlock         lifts the connect lock
 * </pre>
 *
 * Errors are {@code {"error": "..."}} with 400, 403, 404 or 405. The operator's page (HTML):
 *
 * <pre>
 * GET  /[?notice=...&amp;refresh=N]     the page
 * POST /ui/{tps|kick|unlock}          a form: first answered with a confirmation, acted on with confirm=yes
 * </pre>
 *
 * Every request passes the {@link CrossSiteGuard}'s Host check; every POST its origin check.
 */
final class AdminRoutes implements Function<Request, Reply> {
  private static final Logger log = LoggerFactory.getLogger(AdminRoutes.class);
  // an Instant is written as ISO-8601 text (2026-11-24T03:00:00Z), with or without
  // jackson-datatype-jsr310
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .registerModule(
              new SimpleModule("admin-views")
                  .addSerializer(Instant.class, ToStringSerializer.instance))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final AdminOperations gateway;
  private final CrossSiteGuard guard;
  private final PageActions page;

  AdminRoutes(AdminOperations gateway, CrossSiteGuard guard) {
    this.gateway = gateway;
    this.guard = guard;
    this.page = new PageActions(gateway, guard);
  }

  @Override
  public Reply apply(Request req) {
    List<String> parts = segments(req.rawPath());
    boolean html = parts.isEmpty() || parts.get(0).equals("ui");
    try {
      guard.checkHost(req);
      if (html) {
        return page.route(req, parts);
      }
      return route(req, parts);
    } catch (AdminError e) {
      return html ? OperatorPage.error(e.status(), e.getMessage()) : error(e.status(), e);
    } catch (IllegalArgumentException e) {
      return html
          ? OperatorPage.error(400, String.valueOf(e.getMessage()))
          : json(400, Map.of("error", String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      log.warn("admin request {} {} failed", req.method(), req.rawPath(), e);
      return html
          ? OperatorPage.error(500, "internal error: " + e.getClass().getSimpleName())
          : json(500, Map.of("error", "internal error"));
    }
  }

  private Reply route(Request req, List<String> parts) {
    String m = req.method();
    if (parts.size() == 1) {
      switch (parts.get(0)) {
        case "health":
          requireGet(m);
          return json(200, Map.of("status", "ok"));
        case "sessions":
          requireGet(m);
          return json(200, gateway.sessions().stream().map(SessionView::of).toList());
        case "accounts":
          requireGet(m);
          return json(200, gateway.accounts());
        case "counters":
          requireGet(m);
          return json(200, gateway.counters());
        case "metrics":
          requireGet(m);
          return Reply.of(
              200,
              "text/plain; version=0.0.4; charset=utf-8",
              gateway.prometheus().getBytes(StandardCharsets.UTF_8));
        default:
          break;
      }
    }
    if (parts.size() == 3 && parts.get(0).equals("accounts")) {
      String id = parts.get(1);
      if (!m.equals("POST") && !m.equals("PUT")) {
        throw new AdminError(405, "use POST");
      }
      guard.checkSameOrigin(req);
      if (!gateway.hasAccount(id)) {
        throw new AdminError(404, "no account '" + id + "'");
      }
      JsonNode body = body(req.body());
      switch (parts.get(2)) {
        case "tps":
          {
            TpsLimits t =
                new TpsLimits(intField(body, "sms"), intField(body, "mms"), intField(body, "kko"));
            int told = gateway.setTps(id, t);
            return json(200, Map.of("id", id, "tps", t.toEventData(), "sessionsNotified", told));
          }
        case "kick":
          {
            SessionKind kind = null;
            if (body.hasNonNull("kind")) {
              kind = SessionKind.fromCode(body.get("kind").asText());
              if (kind == null) {
                throw new IllegalArgumentException("kind must be DLV, REP or null");
              }
            }
            String reason = body.hasNonNull("reason") ? body.get("reason").asText() : null;
            return json(200, Map.of("id", id, "kicked", gateway.kick(id, kind, reason)));
          }
        case "unlock":
          return json(200, Map.of("id", id, "wasLocked", gateway.unlock(id)));
        default:
          break;
      }
    }
    throw new AdminError(404, "no route " + m + " /" + String.join("/", parts));
  }

  /** The path's segments, percent-decoded, without empty ones ({@code /} has none). */
  static List<String> segments(String rawPath) {
    List<String> out = new ArrayList<>();
    for (String s : rawPath.split("/")) {
      if (!s.isEmpty()) {
        out.add(QueryStringDecoder.decodeComponent(s, StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static void requireGet(String m) {
    if (!m.equals("GET") && !m.equals("HEAD")) {
      throw new AdminError(405, "use GET");
    }
  }

  private static JsonNode body(byte[] b) {
    if (b.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(b);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException("body must be a JSON object");
      }
      return n;
    } catch (IOException e) {
      throw new IllegalArgumentException("body is not JSON: " + e.getClass().getSimpleName());
    }
  }

  private static int intField(JsonNode body, String name) {
    JsonNode n = body.get(name);
    if (n == null || !n.canConvertToInt()) {
      throw new IllegalArgumentException("'" + name + "' must be an integer 0.." + TpsLimits.MAX);
    }
    return n.asInt();
  }

  private static Reply error(int status, AdminError e) {
    return json(status, Map.of("error", String.valueOf(e.getMessage())));
  }

  static Reply json(int status, @Nullable Object body) {
    try {
      return Reply.of(
          status,
          "application/json",
          JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      return Reply.of(
          500,
          "application/json",
          "{\"error\":\"serialization failed\"}".getBytes(StandardCharsets.UTF_8));
    }
  }
}
