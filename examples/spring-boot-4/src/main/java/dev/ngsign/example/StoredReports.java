package dev.ngsign.example;

import dev.ngsign.ngs.client.NgsReport;
import dev.ngsign.ngs.client.ReportListener;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * The application's report listener: the starter wires this bean into the NgsClient, and the REPORT_ACK goes
 * out only after {@link #onReport} returned, so a report is never acknowledged before it is stored. A real
 * application writes to its database here; the example keeps them in memory.
 */
@Component
public class StoredReports implements ReportListener {
  /** What is kept of a report. */
  public record StoredReport(String serial, String to, String result, boolean delivered, Instant receivedAt) {}

  private final Map<String, StoredReport> bySerial = new ConcurrentHashMap<>();

  @Override
  public void onReport(NgsReport r) {
    bySerial.put(r.serial(), new StoredReport(r.serial(), r.to(), r.resultCode().name(), r.delivered(), r.receivedAt()));
  }

  public Optional<StoredReport> find(String serial) {
    return Optional.ofNullable(bySerial.get(serial));
  }
}
