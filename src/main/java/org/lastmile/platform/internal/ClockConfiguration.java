package org.lastmile.platform.internal;

import org.lastmile.platform.AppClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;

/** The {@link Clock} bean: the system clock, shifted when {@code lastmile.clock.offset} (env {@code LASTMILE_CLOCK_OFFSET}) is set. */
@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

    private static final Logger log = LoggerFactory.getLogger(ClockConfiguration.class);

    @Bean
    Clock clock(@Value("${lastmile.clock.offset:}") String offset) {
        Clock clock = AppClock.shiftedBy(offset);
        if (offset != null && !offset.isBlank()) {
            String line = "*".repeat(78);
            log.warn("\n{}\n*** LASTMILE_CLOCK_OFFSET={} : the application's clock is SHIFTED; it reads {} ***\n"
                    + "*** Deadlines, escalations and follow-ups run on this time. Never set this in production. ***\n{}",
                    line, offset, clock.instant(), line);
        }
        return clock;
    }
}
