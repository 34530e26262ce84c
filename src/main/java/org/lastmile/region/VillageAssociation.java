package org.lastmile.region;

import java.time.LocalDate;
import java.util.List;

/** The association (残协) of a village or community; {@code establishedOn} is empty until it exists. */
public record VillageAssociation(long villageCode, LocalDate establishedOn, List<CommitteeMember> members) {

    public boolean established() {
        return establishedOn != null;
    }

    public enum Position { CHAIR, VICE_CHAIR, FULL_TIME_MEMBER, MEMBER }

    /** Who the member is, as the speech lists them: disabled persons and relatives, cadres, grid workers, volunteers. */
    public enum MemberKind { DISABLED_PERSON, RELATIVE, VILLAGE_CADRE, GRID_WORKER, VOLUNTEER }

    public record CommitteeMember(long id, String name, Position position, MemberKind kind, LocalDate since,
                                  LocalDate trainedOn) {
    }
}
