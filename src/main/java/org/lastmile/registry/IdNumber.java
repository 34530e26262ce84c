package org.lastmile.registry;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A resident ID number (公民身份号码, GB 11643-1999), always stored as its 18 characters: 6 address
 * digits, the birth date, 3 sequence digits (odd for men) and a check character. Hong Kong, Macau and
 * Taiwan residence permits (81/82/83 + 0000) and foreigners' permanent residence numbers (leading 9)
 * have the same layout and check and are valid too. The address code is not checked against today's
 * code list: numbers issued under abolished counties stay valid.
 *
 * <p>Legacy 15-digit numbers (6 address digits, YYMMDD, 3 sequence digits, no check) are converted to
 * 18 by inserting the century 19 and computing the check, with a warning: every number issued in
 * that form belongs to someone born in the 1900s.
 */
public final class IdNumber {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    public enum Sex { MALE, FEMALE }

    /** Why a text is not an ID number; the codes the API and imports report. */
    public enum Problem { ID_REQUIRED, ID_LENGTH, ID_CHARACTERS, ID_BIRTH_DATE, ID_FUTURE_BIRTH, ID_CHECK }

    /** The parsed number, or the problem; {@code convertedFrom15} says a legacy number was converted. */
    public record Parsed(IdNumber number, Problem problem, boolean convertedFrom15) {
        public boolean valid() {
            return number != null;
        }
    }

    private final String value;

    private IdNumber(String value) {
        this.value = value;
    }

    /** A number already known to be valid (read back from storage); throws when it is not. */
    public static IdNumber of(String value) {
        Parsed parsed = parse(value, LocalDate.MAX);
        if (!parsed.valid() || parsed.convertedFrom15()) {
            throw new IllegalArgumentException("Not a valid 18-character ID number");
        }
        return parsed.number();
    }

    /** The 18 characters. Personal data: never log it, mask it for screens. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof IdNumber id && id.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Validates against today: a birth date may not be in the future. */
    public static Parsed parse(String raw) {
        return parse(raw, LocalDate.now());
    }

    public static Parsed parse(String raw, LocalDate today) {
        String text = normalise(raw);
        if (text.isEmpty()) {
            return problem(Problem.ID_REQUIRED);
        }
        if (text.length() == 15) {
            if (!text.chars().allMatch(Character::isDigit)) {
                return problem(Problem.ID_CHARACTERS);
            }
            String body = text.substring(0, 6) + "19" + text.substring(6);
            Parsed converted = parse(body + checkCharacter(body), today);
            return converted.valid() ? new Parsed(converted.number(), null, true) : converted;
        }
        if (text.length() != 18) {
            return problem(Problem.ID_LENGTH);
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return problem(Problem.ID_CHARACTERS);
            }
        }
        char last = text.charAt(17);
        if (!Character.isDigit(last) && last != 'X') {
            return problem(Problem.ID_CHARACTERS);
        }
        Optional<LocalDate> birth = date(text.substring(6, 14));
        if (birth.isEmpty() || birth.get().getYear() < 1850) {
            return problem(Problem.ID_BIRTH_DATE);
        }
        if (birth.get().isAfter(today)) {
            return problem(Problem.ID_FUTURE_BIRTH);
        }
        if (checkCharacter(text.substring(0, 17)) != last) {
            return problem(Problem.ID_CHECK);
        }
        return new Parsed(new IdNumber(text), null, false);
    }

    /** Full-width digits and X to ASCII, lowercase x to X, every kind of space removed. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c >= '０' && c <= '９') {
                c = (char) (c - '０' + '0');
            } else if (c == 'ｘ' || c == 'Ｘ' || c == 'x') {
                c = 'X';
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B' || c == '\u200C' || c == '\u200D'
                    || c == '\uFEFF') {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The check character of the first 17 characters: (12 - sum(digit x weight) mod 11) mod 11, 10 as X. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK[sum % 11];
    }

    public LocalDate birthDate() {
        return date(value.substring(6, 14)).orElseThrow();
    }

    public Sex sex() {
        return (value.charAt(16) - '0') % 2 == 1 ? Sex.MALE : Sex.FEMALE;
    }

    public String lastSix() {
        return value.substring(12);
    }

    public String lastFour() {
        return value.substring(14);
    }

    @Override
    public String toString() {
        return org.lastmile.access.Masking.idNumber(value);
    }

    private static Parsed problem(Problem problem) {
        return new Parsed(null, problem, false);
    }

    private static Optional<LocalDate> date(String yyyymmdd) {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(yyyymmdd.substring(0, 4)), Integer.parseInt(yyyymmdd.substring(4, 6)),
                    Integer.parseInt(yyyymmdd.substring(6, 8))));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
