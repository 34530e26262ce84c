package org.lastmile.registry;

import org.lastmile.access.CurrentUser;

import java.time.LocalDate;
import java.util.Map;

/**
 * The status-and-needs record (动态更新) as other modules update it: a visit or a hotline call that
 * learns a fact records it here, with its source and date, and the record shows it as the latest
 * answer of that item. Answers are validated against the year's form definition like the form's own.
 */
public interface StatusNeeds {

    enum Source { SURVEY, VISIT, HOTLINE, IMPORT }

    /**
     * Records answers (item code to value: a string, a list of strings, a number, a {@code yyyy-MM-dd}
     * date, or true/false for an item that is a household tag) learnt on {@code on}; the record is that
     * date's year. Throws {@link RegistryRefusal} when the person is not the user's to edit or an answer does not fit its item.
     */
    void record(long personId, Map<String, Object> answers, LocalDate on, Source source, CurrentUser user);

    /** The form definition that applies to the year. */
    java.util.Optional<FormDefinition> form(int year);

    /** The latest answer of each item, whatever its year, of a person the user may read in full (empty otherwise). */
    Map<String, Object> latest(long personId, CurrentUser user);
}
