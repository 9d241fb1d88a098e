package dev.ngsign.ngs.agent.internal.console.auth;

import java.time.Instant;

/**
 * One operator's login: its cookie value (never logged), its synchronizer token for forms, the name
 * the operator gave at login (the audit log's OPERATOR), and when it began and was last used.
 */
public final class Session {
  private final String id;
  private final String csrf;
  private final String operator;
  private final Instant created;
  private volatile Instant lastUsed;

  Session(String id, String csrf, String operator, Instant created) {
    this.id = id;
    this.csrf = csrf;
    this.operator = operator;
    this.created = created;
    this.lastUsed = created;
  }

  /** The cookie value. A secret: never in a page, a log line or an exception message. */
  String id() {
    return id;
  }

  /** The synchronizer token every form of this session carries (hidden field {@code csrf}). */
  public String csrf() {
    return csrf;
  }

  /** The name given at login, for the audit log and the page header. */
  public String operator() {
    return operator;
  }

  Instant created() {
    return created;
  }

  Instant lastUsed() {
    return lastUsed;
  }

  void touch(Instant now) {
    lastUsed = now;
  }
}
