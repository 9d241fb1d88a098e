package dev.ngsign.ngs.agent.internal.console.query;

import dev.ngsign.ngs.agent.AgentCode;
import dev.ngsign.ngs.protocol.ResultCode;

/**
 * A result code with its name and meaning, from the NGS table ({@link ResultCode},
 * docs/error-codes.md) or the agent's own 9xxx codes ({@link AgentCode}).
 *
 * @param code the number stored in ACK_CODE or RESULT_CODE
 * @param name {@code E_TPS_OVER}, {@code REPORT_TIMEOUT}, or {@code unknown}
 * @param meaning one line for the operator
 * @param retryable true when the sender tries again (NGS 3xxx, and 1003/1016)
 */
public record CodeText(int code, String name, String meaning, boolean retryable) {

  /** The text of a code; a number in neither table is {@code unknown}, never an error. */
  public static CodeText of(int code) {
    AgentCode agent = AgentCode.fromCode(code);
    if (agent != null) {
      return new CodeText(code, agent.name(), agent.meaning(), false);
    }
    ResultCode rc = ResultCode.of(code);
    if (rc == ResultCode.UNKNOWN) {
      return new CodeText(code, "unknown", "Not in the NGS code table nor the agent's", false);
    }
    return new CodeText(code, rc.name(), rc.meaning(), rc.retryable());
  }
}
