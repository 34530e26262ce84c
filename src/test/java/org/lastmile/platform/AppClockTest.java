package org.lastmile.platform;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AppClockTest {

    @Test
    void anIsoDurationShiftsTheClock() {
        Instant before = Instant.now();
        Clock shifted = AppClock.shiftedBy("P3D");
        assertThat(Duration.between(before, shifted.instant())).isBetween(Duration.ofDays(3), Duration.ofDays(3).plusMinutes(1));
        assertThat(Duration.between(Instant.now(), AppClock.shiftedBy("-PT2H").instant())).isBetween(Duration.ofHours(-2).minusMinutes(1),
                Duration.ofHours(-2).plusMinutes(1));
        assertThat(shifted.getZone()).isEqualTo(AppClock.ZONE);
    }

    @Test
    void noOffsetIsTheSystemClockAndAMalformedOneIsRefusedLoudly() {
        assertThat(Duration.between(Instant.now(), AppClock.shiftedBy("").instant()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThatThrownBy(() -> AppClock.shiftedBy("three days")).hasMessageContaining("LASTMILE_CLOCK_OFFSET");
    }
}
