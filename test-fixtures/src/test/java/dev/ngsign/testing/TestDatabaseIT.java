package dev.ngsign.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.TestAbortedException;

/**
 * Against the real local servers: a schema of its own, gone after close; an absent server skips.
 */
class TestDatabaseIT {
  @ParameterizedTest
  @EnumSource(TestDatabase.Server.class)
  void aSchemaOfItsOwnIsDroppedOnClose(TestDatabase.Server server) throws Exception {
    String name;
    try (TestDatabase db = TestDatabase.create(server, "fixture_it_")) {
      name = db.name();
      try (Connection c = db.connect();
          Statement st = c.createStatement()) {
        st.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        st.execute("INSERT INTO t VALUES (7)");
        try (ResultSet rs = st.executeQuery("SELECT id FROM t")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(7);
        }
      }
    }
    String sql =
        server == TestDatabase.Server.POSTGRESQL
            ? "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'"
            : "SELECT count(*) FROM information_schema.schemata WHERE schema_name = '" + name + "'";
    try (Connection c = java.sql.DriverManager.getConnection(server.adminUrl(), server.user(), "");
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      assertThat(rs.getInt(1)).isZero();
    }
  }

  @Test
  void anAbsentServerSkipsWithAMessageOrFailsWhenRequired() {
    // nothing listens on port 1 of 127.0.0.1
    String key = "ngsign.it.postgresql.url";
    String before = System.getProperty(key);
    System.setProperty(key, "jdbc:postgresql://127.0.0.1:1/test?connectTimeout=2");
    try {
      assertThatThrownBy(() -> TestDatabase.create(TestDatabase.Server.POSTGRESQL, "absent_"))
          .isInstanceOf(TestAbortedException.class)
          .hasMessageContaining("PostgreSQL is not reachable at jdbc:postgresql://127.0.0.1:1/test")
          .hasMessageContaining("Start it: sudo service postgresql start");
      System.setProperty(TestDatabase.REQUIRED_PROPERTY, "required");
      assertThatThrownBy(() -> TestDatabase.create(TestDatabase.Server.POSTGRESQL, "absent_"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("PostgreSQL is not reachable");
    } finally {
      System.clearProperty(TestDatabase.REQUIRED_PROPERTY);
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
