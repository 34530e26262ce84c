package org.lastmile.region;

import java.time.LocalDate;

/** The federation unit (残联) of a province, prefecture, county or township. */
public record FederationUnit(long divisionCode, LocalDate reformCompletedOn) {
}
