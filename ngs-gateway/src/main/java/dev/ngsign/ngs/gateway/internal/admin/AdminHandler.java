package dev.ngsign.ngs.gateway.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import dev.ngsign.ngs.protocol.packet.SessionKind;
import dev.ngsign.ngs.protocol.packet.TpsLimits;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes of the admin API (JSON unless noted):
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
 * Errors are {@code {"error": "..."}} with 400, 404 or 405.
 */
@ChannelHandler.Sharable
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final Logger log = LoggerFactory.getLogger(AdminHandler.class);
  // an Instant is written as ISO-8601 text (2026-11-24T03:00:00Z), with or without
  // jackson-datatype-jsr310
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .findAndRegisterModules()
          .registerModule(
              new SimpleModule("admin-views")
                  .addSerializer(Instant.class, ToStringSerializer.instance))
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  private final AdminOperations server;

  AdminHandler(AdminOperations server) {
    this.server = server;
  }

  /** An error the client caused, answered with its status. */
  private static final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final HttpResponseStatus status;

    HttpError(HttpResponseStatus status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    FullHttpResponse res;
    try {
      res = route(req);
    } catch (HttpError e) {
      res = json(e.status, Map.of("error", e.getMessage()));
    } catch (IllegalArgumentException e) {
      res = json(HttpResponseStatus.BAD_REQUEST, Map.of("error", String.valueOf(e.getMessage())));
    } catch (RuntimeException e) {
      log.warn("admin request {} {} failed", req.method(), req.uri(), e);
      res = json(HttpResponseStatus.INTERNAL_SERVER_ERROR, Map.of("error", "internal error"));
    }
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    HttpUtil.setContentLength(res, res.content().readableBytes());
    if (keepAlive) {
      res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
      ctx.writeAndFlush(res);
    } else {
      ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
    }
  }

  private FullHttpResponse route(FullHttpRequest req) {
    String path = new QueryStringDecoder(req.uri()).path();
    List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
    HttpMethod m = req.method();
    if (parts.size() == 1) {
      switch (parts.get(0)) {
        case "health":
          requireGet(m);
          return json(HttpResponseStatus.OK, Map.of("status", "ok"));
        case "sessions":
          requireGet(m);
          return json(
              HttpResponseStatus.OK, server.sessions().stream().map(SessionView::of).toList());
        case "accounts":
          requireGet(m);
          return json(HttpResponseStatus.OK, server.accounts());
        case "counters":
          requireGet(m);
          return json(HttpResponseStatus.OK, server.counters());
        case "metrics":
          requireGet(m);
          return text(server.prometheus(), "text/plain; version=0.0.4; charset=utf-8");
        default:
          break;
      }
    }
    if (parts.size() == 3 && parts.get(0).equals("accounts")) {
      String id = parts.get(1);
      if (!m.equals(HttpMethod.POST) && !m.equals(HttpMethod.PUT)) {
        throw new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "use POST");
      }
      if (!server.hasAccount(id)) {
        throw new HttpError(HttpResponseStatus.NOT_FOUND, "no account '" + id + "'");
      }
      JsonNode body = body(req);
      switch (parts.get(2)) {
        case "tps":
          {
            TpsLimits t =
                new TpsLimits(intField(body, "sms"), intField(body, "mms"), intField(body, "kko"));
            int told = server.setTps(id, t);
            return json(
                HttpResponseStatus.OK,
                Map.of("id", id, "tps", t.toEventData(), "sessionsNotified", told));
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
            return json(
                HttpResponseStatus.OK, Map.of("id", id, "kicked", server.kick(id, kind, reason)));
          }
        case "unlock":
          return json(HttpResponseStatus.OK, Map.of("id", id, "wasLocked", server.unlock(id)));
        default:
          break;
      }
    }
    throw new HttpError(HttpResponseStatus.NOT_FOUND, "no route " + m + " " + path);
  }

  private static void requireGet(HttpMethod m) {
    if (!m.equals(HttpMethod.GET) && !m.equals(HttpMethod.HEAD)) {
      throw new HttpError(HttpResponseStatus.METHOD_NOT_ALLOWED, "use GET");
    }
  }

  private static JsonNode body(FullHttpRequest req) {
    ByteBuf c = req.content();
    if (!c.isReadable()) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode n = JSON.readTree(c.toString(StandardCharsets.UTF_8));
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

  private static FullHttpResponse json(HttpResponseStatus status, Object body) {
    try {
      byte[] b = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(body);
      FullHttpResponse r =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(b));
      r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      return r;
    } catch (IOException e) {
      ObjectNode n = JSON.createObjectNode().put("error", "serialization failed");
      return new DefaultFullHttpResponse(
          HttpVersion.HTTP_1_1,
          HttpResponseStatus.INTERNAL_SERVER_ERROR,
          Unpooled.copiedBuffer(n.toString(), StandardCharsets.UTF_8));
    }
  }

  private static FullHttpResponse text(String body, String contentType) {
    FullHttpResponse r =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1,
            HttpResponseStatus.OK,
            Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    r.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
    return r;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
