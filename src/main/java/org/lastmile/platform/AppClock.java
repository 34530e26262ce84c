package org.lastmile.platform;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The application's one "now". {@code LASTMILE_CLOCK_OFFSET} (an ISO-8601 duration such as {@code P3D}
 * or {@code -PT2H}) shifts it for drills and tests of deadlines; the platform logs a loud warning when it
 * is set. Code that keeps deadlines takes the {@link Clock} bean, never {@code Instant.now()}.
 */
public final class AppClock {

    /** The server's zone (API.md: the default is Asia/Shanghai). */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    private AppClock() {
    }

    /** The system clock shifted by {@code offset}; blank means no shift. Throws on a malformed duration. */
    public static Clock shiftedBy(String offset) {
        Clock system = Clock.system(ZONE);
        if (offset == null || offset.isBlank()) {
            return system;
        }
        return Clock.offset(system, parse(offset));
    }

    public static Duration parse(String offset) {
        try {
            return Duration.parse(offset.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException("LASTMILE_CLOCK_OFFSET is not an ISO-8601 duration (e.g. P3D, -PT2H): " + offset, e);
        }
    }
}
