package dev.ngsign.ngs.protocol.packet;

import java.util.Objects;

/** DELIVER EXTENTION (sic): a department code (EXT_SIZE 10) or a nation code (EXT_SIZE 16). */
public sealed interface Extension permits Extension.DeptCode, Extension.NationCode {

  /** The code, without padding. */
  String value();

  /** EXT_SIZE for this extension. */
  int size();

  /** DPT_CODE 10C: the customer's department, for billing split. */
  record DeptCode(String value) implements Extension {
    public static final int SIZE = 10;

    public DeptCode {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int size() {
      return SIZE;
    }
  }

  /** NAT_CODE 16C: the country calling code of an international message (s, l, m). */
  record NationCode(String value) implements Extension {
    public static final int SIZE = 16;

    public NationCode {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public int size() {
      return SIZE;
    }
  }
}
