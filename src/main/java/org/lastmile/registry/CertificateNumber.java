package org.lastmile.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * A second-generation disability certificate number: the holder's 18-character ID number, the
 * category digit (1-7) and the grade digit (1-4), so 20 characters, with a reissue suffix (such as
 * B1) of up to 2 more characters kept but not interpreted [DOMAIN.md: unconfirmed]. The core must
 * agree with the ID, the category and the grade recorded beside it.
 */
public final class CertificateNumber {

    public enum Problem { CERT_REQUIRED, CERT_LENGTH, CERT_ID_MISMATCH, CERT_CATEGORY_MISMATCH, CERT_GRADE_MISMATCH }

    private final String value;

    private CertificateNumber(String value) {
        this.value = value;
    }

    /** Every way the text disagrees with the holder's ID, category and grade (empty when it is right). */
    public static List<Problem> check(String raw, IdNumber id, DisabilityCategory category, int grade) {
        String text = IdNumber.normalise(raw);
        List<Problem> problems = new ArrayList<>();
        if (text.isEmpty()) {
            problems.add(Problem.CERT_REQUIRED);
            return problems;
        }
        if (text.length() < 20 || text.length() > 22 || !text.substring(18, 20).chars().allMatch(Character::isDigit)) {
            problems.add(Problem.CERT_LENGTH);
            return problems;
        }
        if (id != null && !text.startsWith(id.value())) {
            problems.add(Problem.CERT_ID_MISMATCH);
        }
        if (category != null && text.charAt(18) - '0' != category.digit()) {
            problems.add(Problem.CERT_CATEGORY_MISMATCH);
        }
        if (grade >= 1 && grade <= 4 && text.charAt(19) - '0' != grade) {
            problems.add(Problem.CERT_GRADE_MISMATCH);
        }
        return problems;
    }

    /** The number, when {@link #check} found nothing wrong. */
    public static CertificateNumber of(String raw, IdNumber id, DisabilityCategory category, int grade) {
        List<Problem> problems = check(raw, id, category, grade);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Not a valid certificate number: " + problems);
        }
        return new CertificateNumber(IdNumber.normalise(raw));
    }

    /** The certificate of an ID after a (re)assessment to this category and grade. */
    public static CertificateNumber issue(IdNumber id, DisabilityCategory category, int grade) {
        return of(id.value() + category.digit() + grade, id, category, grade);
    }

    public String value() {
        return value;
    }

    public String core() {
        return value.substring(0, 20);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CertificateNumber c && c.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return org.lastmile.access.Masking.certificateNumber(value);
    }
}
