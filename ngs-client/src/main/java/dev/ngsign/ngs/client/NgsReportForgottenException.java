package dev.ngsign.ngs.client;

/**
 * {@link NgsClient#awaitReport} was called for a SERIAL whose report arrived earlier and is no
 * longer held in the recent-report memory ({@link NgsClientBuilder#recentReports}): waiting would
 * never end. Read the report where your {@link ReportListener} stored it, or call {@code
 * awaitReport} before sending.
 */
public class NgsReportForgottenException extends NgsException {
  private static final long serialVersionUID = 1L;

  public NgsReportForgottenException(String message) {
    super(message);
  }
}
