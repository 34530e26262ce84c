package org.lastmile.access.internal;

import org.lastmile.access.AccessException;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The password and lockout rules SECURITY_ADMIN sets (MLPS level 3 defaults: 8+ chars of 3 classes, 5 tries, 10 minutes). */
public record SecurityPolicy(int minPasswordLength, int lockoutThreshold, int lockoutMinutes, Integer passwordMaxAgeDays) {

    /** Every rule a password breaks, as problems of the field {@code password}. */
    List<AccessException.Problem> check(String username, String password) {
        List<AccessException.Problem> problems = new ArrayList<>();
        if (password == null || password.length() < minPasswordLength) {
            problems.add(new AccessException.Problem("password", "PASSWORD_TOO_SHORT", minPasswordLength));
            if (password == null) {
                return problems;
            }
        }
        int classes = 0;
        classes += password.chars().anyMatch(Character::isLowerCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isUpperCase) ? 1 : 0;
        classes += password.chars().anyMatch(Character::isDigit) ? 1 : 0;
        classes += password.chars().anyMatch(c -> !Character.isLetterOrDigit(c)) ? 1 : 0;
        if (classes < 3) {
            problems.add(new AccessException.Problem("password", "PASSWORD_TOO_SIMPLE"));
        }
        if (username != null && !username.isBlank()
                && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            problems.add(new AccessException.Problem("password", "PASSWORD_CONTAINS_USERNAME"));
        }
        return problems;
    }
}
