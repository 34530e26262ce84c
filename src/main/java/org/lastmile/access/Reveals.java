package org.lastmile.access;

import java.util.function.Supplier;

/**
 * Revealing a masked personal number: allowed only for a user whose scope for the action holds the
 * record's place, only with a stated purpose, and always audited (who, what, why).
 */
public interface Reveals {

    /**
     * @param divisionCode the village code of the record the value belongs to
     * @param field        which value, e.g. {@code idNumber}, {@code phone}
     * @param value        reads the cleartext, called only once the reveal is allowed
     * @throws AccessException INVALID (field {@code purpose}) without a purpose; NOT_FOUND outside the scope
     */
    String reveal(CurrentUser user, Action action, long divisionCode, String subjectType, String subjectId, String field,
                  String purpose, Supplier<String> value);
}
