package org.natca.intercom.sandbox.members;

import java.time.LocalDate;

/** One row of {@code positions}; current when {@code endDate} is null or not before today. */
public record PositionRow(int memberNumber, String positionType, LocalDate startDate, LocalDate endDate) {

  public static PositionRow current(int memberNumber, String positionType) {
    return new PositionRow(memberNumber, positionType, LocalDate.of(2020, 1, 1), null);
  }

  public static PositionRow ended(int memberNumber, String positionType, LocalDate endDate) {
    return new PositionRow(memberNumber, positionType, endDate.minusYears(3), endDate);
  }

  public boolean isCurrentOn(LocalDate today) {
    return endDate == null || !endDate.isBefore(today);
  }
}
