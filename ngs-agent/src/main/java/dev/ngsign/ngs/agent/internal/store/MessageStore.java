package dev.ngsign.ngs.agent.internal.store;

import dev.ngsign.ngs.agent.AgentConfig;
import dev.ngsign.ngs.agent.internal.schema.Dialect;
import java.time.ZoneId;
import javax.sql.DataSource;

/**
 * The agent's jobs on its tables, one object each, sharing one {@link Tables}: claiming, recovery,
 * write-back, maintenance sweeps, log-table archiving, the queue gauges, the SERIAL epochs and the
 * console's actions with their audit log. Each job's methods are one short transaction; none holds
 * a lock across a network call. Thread-safe.
 */
public final class MessageStore {
  private final Tables tables;
  private final Claims claims;
  private final Recovery recovery;
  private final WriteBack writeBack;
  private final Sweeps sweeps;
  private final LogArchive logArchive;
  private final OpenCounts openCounts;
  private final SerialEpochs serialEpochs;
  private final Unserved unserved;
  private final Pauses pauses;
  private final OperatorActions operatorActions;
  private final AuditLog auditLog;

  /**
   * @param serialPrefix prepended to the ID to make a row's SERIAL when the row has none (letters
   *     and digits only, at most 4)
   */
  public MessageStore(DataSource ds, Dialect dialect, String prefix, String serialPrefix) {
    this(ds, dialect, prefix, serialPrefix, AgentConfig.KOREA);
  }

  /**
   * @param zone the zone of every timestamp in the tables
   */
  public MessageStore(
      DataSource ds, Dialect dialect, String prefix, String serialPrefix, ZoneId zone) {
    this.tables = new Tables(ds, dialect, prefix, zone);
    this.claims = new Claims(tables, serialPrefix);
    this.recovery = new Recovery(tables);
    this.writeBack = new WriteBack(tables);
    this.sweeps = new Sweeps(tables);
    this.logArchive = new LogArchive(tables);
    this.openCounts = new OpenCounts(tables);
    this.serialEpochs = new SerialEpochs(tables);
    this.unserved = new Unserved(tables);
    this.pauses = new Pauses(tables);
    this.operatorActions = new OperatorActions(tables, pauses);
    this.auditLog = new AuditLog(tables);
  }

  public Tables tables() {
    return tables;
  }

  public Claims claims() {
    return claims;
  }

  public Recovery recovery() {
    return recovery;
  }

  public WriteBack writeBack() {
    return writeBack;
  }

  public Sweeps sweeps() {
    return sweeps;
  }

  public LogArchive logArchive() {
    return logArchive;
  }

  public OpenCounts openCounts() {
    return openCounts;
  }

  public SerialEpochs serialEpochs() {
    return serialEpochs;
  }

  public Unserved unserved() {
    return unserved;
  }

  /** The accounts an operator paused (the claim loops skip them). */
  public Pauses pauses() {
    return pauses;
  }

  /** The console's actions, each with its audit row. */
  public OperatorActions operatorActions() {
    return operatorActions;
  }

  public AuditLog auditLog() {
    return auditLog;
  }
}
