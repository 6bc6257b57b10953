package org.rexec.text;

import java.time.Duration;

/** Amounts as people write them, for messages: {@code 64 MiB}, {@code 2s}, {@code 500ms}. */
public final class Units {

  private Units() {}

  /**
   * Bytes in the largest binary unit that divides them: {@code 1 GiB}, {@code 1536 KiB}.
   *
   * @param bytes the amount in bytes; 0 is {@code 0 bytes}
   * @return the amount and its unit, e.g. {@code 64 MiB}, {@code 100 bytes}
   */
  public static String bytes(long bytes) {
    String[] units = {"bytes", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    long amount = bytes;
    while (unit < units.length - 1 && amount != 0 && amount % 1024 == 0) {
      amount /= 1024;
      unit++;
    }
    return amount + " " + units[unit];
  }

  /**
   * A duration in whole seconds where exact, else milliseconds: {@code 10s}, {@code 1500ms}.
   *
   * @param duration the duration; precision below a millisecond is dropped
   * @return the duration and its unit, e.g. {@code 2s}, {@code 500ms}
   */
  public static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }
}
