package org.lastmile.registry;

import java.util.Optional;

/** The seven categories of DOMAIN.md section 3, by the digit the certificate carries. */
public enum DisabilityCategory {
    VISUAL(1), HEARING(2), SPEECH(3), PHYSICAL(4), INTELLECTUAL(5), MENTAL(6), MULTIPLE(7);

    private final int digit;

    DisabilityCategory(int digit) {
        this.digit = digit;
    }

    public int digit() {
        return digit;
    }

    public static Optional<DisabilityCategory> ofDigit(int digit) {
        for (DisabilityCategory c : values()) {
            if (c.digit == digit) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }
}
