package dev.ngsign.navercert.server.internal;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.ngsign.navercert.internal.Json;
import dev.ngsign.navercert.server.Account;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * Embedded H2 store: accounts, session tokens, the CA and requests. A file database in the data dir
 * (state survives a restart) or an in-memory one. State changes are single conditional UPDATEs, so
 * "verify once" and "sign only while waiting" hold under concurrency: exactly one caller sees the
 * row change.
 */
public final class Store implements AutoCloseable {
  private static final TypeReference<List<StoredRequest.Doc>> DOCS = new TypeReference<>() {};
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};

  private final JdbcConnectionPool pool;

  private Store(String url) {
    this.pool = JdbcConnectionPool.create(url, "sa", "");
    this.pool.setMaxConnections(32);
    migrate();
  }

  /** A file store {@code dir/navercert.mv.db}. */
  public static Store file(Path dir) {
    return new Store(
        "jdbc:h2:file:" + dir.toAbsolutePath().resolve("navercert") + ";DB_CLOSE_ON_EXIT=FALSE");
  }

  /** A private in-memory store, gone when closed. */
  public static Store memory() {
    return new Store("jdbc:h2:mem:navercert-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
  }

  private void migrate() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute(
          "CREATE TABLE IF NOT EXISTS account (link_id VARCHAR PRIMARY KEY, secret_key VARCHAR NOT NULL,"
              + " client_codes VARCHAR NOT NULL, position INT NOT NULL)");
      // generated: the simulator made up this SecretKey, so it may print it (a given key is never
      // shown)
      s.execute(
          "ALTER TABLE account ADD COLUMN IF NOT EXISTS generated BOOLEAN NOT NULL DEFAULT FALSE");
      s.execute(
          "CREATE TABLE IF NOT EXISTS session_token (token VARCHAR PRIMARY KEY, link_id VARCHAR NOT NULL,"
              + " scope VARCHAR NOT NULL, expires_at BIGINT NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS ca (id INT PRIMARY KEY, key_der VARBINARY NOT NULL,"
              + " cert_der VARBINARY NOT NULL)");
      s.execute(
          "CREATE TABLE IF NOT EXISTS request (receipt_id CHAR(32) PRIMARY KEY, kind VARCHAR NOT NULL,"
              + " client_code CHAR(12) NOT NULL, link_id VARCHAR NOT NULL, state INT NOT NULL,"
              + " expire_in INT NOT NULL, created_at BIGINT NOT NULL, expire_at BIGINT NOT NULL,"
              + " req_title VARCHAR, req_message VARCHAR, call_center_num VARCHAR, return_url VARCHAR,"
              + " device_os VARCHAR, app_use BOOLEAN NOT NULL, receiver_name VARCHAR NOT NULL,"
              + " receiver_hp VARCHAR NOT NULL, receiver_birthday VARCHAR NOT NULL, docs VARCHAR NOT NULL,"
              + " verified BOOLEAN NOT NULL DEFAULT FALSE, signed VARCHAR, gender VARCHAR, email VARCHAR,"
              + " foreign_yn VARCHAR, ci VARCHAR)");
      s.execute("CREATE INDEX IF NOT EXISTS request_state ON request (state, expire_at)");
    } catch (SQLException e) {
      throw new IllegalStateException("cannot initialise the navercert store", e);
    }
  }

  // ------------------------------------------------------------------ accounts

  public List<Account> accounts() {
    List<Account> out = new ArrayList<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT link_id, secret_key, client_codes FROM account ORDER BY position");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(
            new Account(
                rs.getString(1), rs.getString(2), Arrays.asList(rs.getString(3).split(","))));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** LinkIDs whose SecretKey the simulator generated (in this run or an earlier one). */
  public java.util.Set<String> generatedLinkIds() {
    java.util.Set<String> out = new java.util.HashSet<>();
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT link_id FROM account WHERE generated");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void saveAccounts(List<Account> accounts, java.util.Set<String> generated) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement del = c.prepareStatement("DELETE FROM account");
          PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO account (link_id, secret_key, client_codes, position, generated)"
                      + " VALUES (?,?,?,?,?)")) {
        del.executeUpdate();
        int i = 0;
        for (Account a : accounts) {
          ins.setString(1, a.linkId());
          ins.setString(2, a.secretKey());
          ins.setString(3, String.join(",", a.clientCodes()));
          ins.setInt(4, i++);
          ins.setBoolean(5, generated.contains(a.linkId()));
          ins.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  // ------------------------------------------------------------------ session tokens

  /** A stored session token. */
  public record Session(String token, String linkId, List<String> scope, long expiresAt) {
    @Override
    public String toString() {
      return "Session[" + linkId + ", " + scope + ", expiresAt=" + expiresAt + "]";
    }
  }

  public void saveSession(Session s) {
    update(
        "INSERT INTO session_token (token, link_id, scope, expires_at) VALUES (?,?,?,?)",
        s.token(),
        s.linkId(),
        String.join(",", s.scope()),
        s.expiresAt());
  }

  public Optional<Session> session(String token) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT token, link_id, scope, expires_at FROM session_token WHERE token = ?")) {
      ps.setString(1, token);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new Session(
                rs.getString(1),
                rs.getString(2),
                Arrays.asList(rs.getString(3).split(",")),
                rs.getLong(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Drops tokens that expired before {@code now}. */
  public void purgeSessions(long now) {
    update("DELETE FROM session_token WHERE expires_at < ?", now);
  }

  // ------------------------------------------------------------------ CA

  /** The stored CA as {key PKCS#8, cert DER}, if any. */
  public Optional<byte[][]> ca() {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement("SELECT key_der, cert_der FROM ca WHERE id = 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      return Optional.of(new byte[][] {rs.getBytes(1), rs.getBytes(2)});
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  public void saveCa(byte[] key, byte[] cert) {
    update("MERGE INTO ca (id, key_der, cert_der) KEY (id) VALUES (1, ?, ?)", key, cert);
  }

  // ------------------------------------------------------------------ requests

  /**
   * Inserts a new request.
   *
   * @return false when the receipt ID is already taken
   */
  public boolean insert(StoredRequest r) {
    try {
      update(
          "INSERT INTO request (receipt_id, kind, client_code, link_id, state, expire_in, created_at,"
              + " expire_at, req_title, req_message, call_center_num, return_url, device_os, app_use,"
              + " receiver_name, receiver_hp, receiver_birthday, docs) VALUES"
              + " (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
          r.receiptId(),
          r.kind(),
          r.clientCode(),
          r.linkId(),
          r.state(),
          r.expireIn(),
          r.createdAt(),
          r.expireAt(),
          r.reqTitle(),
          r.reqMessage(),
          r.callCenterNum(),
          r.returnUrl(),
          r.deviceOs(),
          r.appUse(),
          r.receiverName(),
          r.receiverHp(),
          r.receiverBirthday(),
          new String(Json.write(r.docs()), java.nio.charset.StandardCharsets.UTF_8));
      return true;
    } catch (IllegalStateException e) {
      if (e.getCause() instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
        return false;
      }
      throw e;
    }
  }

  public Optional<StoredRequest> find(String receiptId) {
    List<StoredRequest> l = query("WHERE receipt_id = ?", receiptId);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
  }

  /** Requests in {@code state}, oldest first, at most {@code limit}. */
  public List<StoredRequest> byState(int state, int limit) {
    return query("WHERE state = ? ORDER BY created_at LIMIT " + limit, state);
  }

  /** The most recent requests, newest first. */
  public List<StoredRequest> recent(int limit) {
    return query("ORDER BY created_at DESC LIMIT " + limit);
  }

  /** WAITING → EXPIRED for requests whose expireAt is not after {@code now}. */
  public int expire(long now) {
    return update("UPDATE request SET state = 2 WHERE state = 0 AND expire_at <= ?", now);
  }

  /** WAITING → EXPIRED for one request whose expireAt is not after {@code now}. */
  public void expireOne(String receiptId, long now) {
    update(
        "UPDATE request SET state = 2 WHERE receipt_id = ? AND state = 0 AND expire_at <= ?",
        receiptId,
        now);
  }

  /** WAITING → DONE with signatures, only if still waiting and not expired. */
  public boolean markSigned(
      String receiptId,
      long now,
      List<String> signed,
      String gender,
      String email,
      String foreign,
      String ci) {
    return update(
            "UPDATE request SET state = 1, signed = ?, gender = ?, email = ?, foreign_yn = ?, ci = ?"
                + " WHERE receipt_id = ? AND state = 0 AND expire_at > ?",
            new String(Json.write(signed), java.nio.charset.StandardCharsets.UTF_8),
            gender,
            email,
            foreign,
            ci,
            receiptId,
            now)
        == 1;
  }

  /** WAITING → {@code state} (3 refused, 4 failed), only if still waiting and not expired. */
  public boolean markFinal(String receiptId, int state, long now) {
    return update(
            "UPDATE request SET state = ? WHERE receipt_id = ? AND state = 0 AND expire_at > ?",
            state,
            receiptId,
            now)
        == 1;
  }

  /** Marks a DONE, unexpired, unverified request verified; true for exactly one caller. */
  public boolean markVerified(String receiptId, long now) {
    return update(
            "UPDATE request SET verified = TRUE WHERE receipt_id = ? AND state = 1"
                + " AND verified = FALSE AND expire_at > ?",
            receiptId,
            now)
        == 1;
  }

  private List<StoredRequest> query(String where, Object... args) {
    String sql =
        "SELECT receipt_id, kind, client_code, link_id, state, expire_in, created_at, expire_at,"
            + " req_title, req_message, call_center_num, return_url, device_os, app_use, receiver_name,"
            + " receiver_hp, receiver_birthday, docs, verified, signed, gender, email, foreign_yn, ci"
            + " FROM request "
            + where;
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      List<StoredRequest> out = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String signed = rs.getString(20);
          out.add(
              new StoredRequest(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getInt(5),
                  rs.getInt(6),
                  rs.getLong(7),
                  rs.getLong(8),
                  rs.getString(9),
                  rs.getString(10),
                  rs.getString(11),
                  rs.getString(12),
                  rs.getString(13),
                  rs.getBoolean(14),
                  rs.getString(15),
                  rs.getString(16),
                  rs.getString(17),
                  Json.MAPPER.readValue(rs.getString(18), DOCS),
                  rs.getBoolean(19),
                  signed == null ? List.of() : Json.MAPPER.readValue(signed, STRINGS),
                  rs.getString(21),
                  rs.getString(22),
                  rs.getString(23),
                  rs.getString(24)));
        }
      }
      return out;
    } catch (SQLException | java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private int update(String sql, Object... args) {
    try (Connection c = pool.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static void bind(PreparedStatement ps, Object[] args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      ps.setObject(i + 1, args[i]);
    }
  }

  @Override
  public void close() {
    try (Connection c = pool.getConnection();
        Statement s = c.createStatement()) {
      s.execute("SHUTDOWN");
    } catch (SQLException ignored) {
      // already closed
    }
    pool.dispose();
  }
}
