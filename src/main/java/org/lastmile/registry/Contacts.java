package org.lastmile.registry;

import org.lastmile.access.CurrentUser;

import java.util.List;
import java.util.Map;

/**
 * Phone numbers for work that needs to call families, revealed in full: only for persons the user may
 * read in full, with the purpose stated, and audited as one reveal for the whole list.
 */
public interface Contacts {

    /** Person id to phone number (persons without a phone or outside the user's scope are left out). */
    Map<Long, String> phones(List<Long> personIds, String purpose, CurrentUser user);
}
