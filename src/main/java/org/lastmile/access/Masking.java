package org.lastmile.access;

/**
 * How personal numbers appear on screens, in responses and on paper: masked on the server
 * ({@code 110105********002X}, {@code 138****1234}). Revealing one is an audited request with a purpose.
 */
public final class Masking {

    private Masking() {
    }

    /** First 6 (the address code) and last 4 kept: {@code 110105********002X}. */
    public static String idNumber(String id) {
        if (id == null) {
            return null;
        }
        if (id.length() <= 10) {
            return "*".repeat(id.length());
        }
        return id.substring(0, 6) + "*".repeat(id.length() - 10) + id.substring(id.length() - 4);
    }

    /** The certificate number embeds the ID number: masked the same way, category and grade kept. */
    public static String certificateNumber(String number) {
        if (number == null) {
            return null;
        }
        if (number.length() <= 18) {
            return idNumber(number);
        }
        return idNumber(number.substring(0, 18)) + number.substring(18);
    }

    /** A mobile number keeps its first 3 and last 4 digits ({@code 138****1234}); others their last 4. */
    public static String phone(String phone) {
        if (phone == null) {
            return null;
        }
        if (phone.length() >= 11) {
            return phone.substring(0, 3) + "*".repeat(phone.length() - 7) + phone.substring(phone.length() - 4);
        }
        if (phone.length() <= 4) {
            return "*".repeat(phone.length());
        }
        return "*".repeat(phone.length() - 4) + phone.substring(phone.length() - 4);
    }
}
