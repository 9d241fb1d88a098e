package dev.ngsign.ngs.agent;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * An operator's browser, reduced to real HTTP: keeps the session cookie, reads the form token from
 * the pages, and sends forms as a browser does from the console's own page ({@code Origin} set to
 * the console, {@code Sec-Fetch-Site: same-origin}). Redirects are not followed: tests look at
 * them.
 */
final class ConsoleClient {
  static final String PASSWORD = "correct horse battery staple";

  /** A hash with few iterations: the tests log in many times on a busy machine. */
  static final String HASH = ConsolePassword.hash(PASSWORD.toCharArray(), 10_000);

  private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  final String base;
  final HttpClient http = HttpClient.newHttpClient();
  String cookie;

  ConsoleClient(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  /** Logs in (expects the redirect to the overview). */
  ConsoleClient login(String operator) throws IOException, InterruptedException {
    HttpResponse<String> r =
        postForm("/login", Map.of("operator", operator, "password", PASSWORD), sameOrigin());
    if (r.statusCode() != 303) {
      throw new AssertionError("login: " + r.statusCode() + " " + r.body());
    }
    String set = r.headers().firstValue("Set-Cookie").orElseThrow();
    cookie = set.substring(0, set.indexOf(';'));
    return this;
  }

  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The synchronizer token of the page at {@code path}. */
  String token(String path) throws IOException, InterruptedException {
    HttpResponse<String> r = get(path);
    Matcher m = TOKEN.matcher(r.body());
    if (!m.find()) {
      throw new AssertionError("no form token on " + path + ": " + r.statusCode());
    }
    return m.group(1);
  }

  /** Confirms an action as the confirmation page's form does. */
  HttpResponse<String> act(String action, Map<String, String> fields)
      throws IOException, InterruptedException {
    String query =
        fields.entrySet().stream()
            .filter(e -> e.getKey().equals("id") || e.getKey().equals("account"))
            .map(e -> e.getKey() + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    Map<String, String> form = new LinkedHashMap<>(fields);
    form.put("csrf", token("/actions/" + action + "?" + query));
    return postForm("/actions/" + action, form, sameOrigin());
  }

  Map<String, String> sameOrigin() {
    return Map.of("Origin", base, "Sec-Fetch-Site", "same-origin");
  }

  HttpResponse<String> postForm(String path, Map<String, String> form, Map<String, String> headers)
      throws IOException, InterruptedException {
    String body =
        form.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    if (cookie != null) {
      b.header("Cookie", cookie);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }
}
