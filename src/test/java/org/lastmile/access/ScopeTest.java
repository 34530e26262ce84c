package org.lastmile.access;

import org.lastmile.region.RegionCode;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ScopeTest {

    private static final long VILLAGE = 330122002200L;
    private static final long COUNTY = 330122000000L;

    @Test
    void aFieldWorkerWhoIsAlsoACountyHotlineOperatorEditsOnlyTheVillageButLooksUpCountyWide() {
        CurrentUser user = new CurrentUser(1, "wang", "王芳", List.of(
                new Grant(Role.FIELD_WORKER, VILLAGE, null), new Grant(Role.HOTLINE_OPERATOR, COUNTY, null)));

        Scope edit = user.scope(Action.PERSON_EDIT);
        assertThat(edit.ranges()).containsExactly(new Scope.Range(VILLAGE, VILLAGE));
        assertThat(edit.contains(VILLAGE)).isTrue();
        assertThat(edit.contains(330122002201L)).isFalse();

        Scope lookup = user.scope(Action.PERSON_LOOKUP);
        assertThat(lookup.ranges()).containsExactly(new Scope.Range(COUNTY, 330122999999L));
        assertThat(lookup.contains(330122101203L)).isTrue();
        assertThat(lookup.contains(330106002051L)).isFalse();
    }

    @Test
    void aRoleThatDoesNotAllowTheActionContributesNothing() {
        CurrentUser leader = new CurrentUser(1, "li", "李", List.of(new Grant(Role.LEADER, COUNTY, null)));
        assertThat(leader.scope(Action.PERSON_READ).isEmpty()).isTrue();
        assertThat(leader.scope(Action.REPORT_READ).covers(org.lastmile.region.RegionCode.of(330122002000L))).isTrue();
    }

    @Test
    void nestedAndAdjacentRangesMerge() {
        Scope scope = new Scope(Action.PERSON_READ, List.of(new Scope.Range(330122002200L, 330122002200L),
                new Scope.Range(330122000000L, 330122999999L), new Scope.Range(330127000000L, 330127999999L),
                new Scope.Range(330123000000L, 330123999999L)), java.util.Set.of());
        assertThat(scope.ranges()).containsExactly(new Scope.Range(330122000000L, 330123999999L),
                new Scope.Range(330127000000L, 330127999999L));
    }

    @Test
    void becomesOneRangePredicatePerRange() {
        Scope scope = new Scope(Action.PERSON_READ, List.of(new Scope.Range(1, 2), new Scope.Range(5, 9)), java.util.Set.of());
        Scope.Condition where = scope.where("p.village_code");
        assertThat(where.sql()).isEqualTo("(p.village_code between 1 and 2 or p.village_code between 5 and 9)");
        assertThat(where.params()).isEmpty();
    }

    @Test
    void refusesAColumnThatIsNotAName() {
        Scope scope = new Scope(Action.PERSON_READ, List.of(new Scope.Range(1, 2)), java.util.Set.of());
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scope.where("code; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyScopeMatchesNothing() {
        assertThat(Scope.nothing(Action.PERSON_READ).where("code").sql()).isEqualTo("(false)");
        assertThat(Scope.nothing(Action.REFERRAL_ANSWER).whereDepartment("department_id").sql()).isEqualTo("(false)");
    }

    @Test
    void aLiaisonsScopeIsItsDepartmentsNotARange() {
        CurrentUser liaison = new CurrentUser(1, "zhao", "赵", List.of(new Grant(Role.DEPARTMENT_LIAISON, COUNTY, 7L)));
        Scope scope = liaison.scope(Action.REFERRAL_ANSWER);
        assertThat(scope.ranges()).isEmpty();
        assertThat(scope.departmentIds()).containsExactly(7L);
        assertThat(scope.whereDepartment("r.department_id").sql()).isEqualTo("r.department_id = any(:scope_departments)");
        assertThat(liaison.scope(Action.PERSON_READ).isEmpty()).isTrue();
    }

    @Test
    void refusesAnythingButAColumnName() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Scope.nothing(Action.PERSON_READ).where("code; drop table x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void administratorsReadNoPersonalData() {
        for (Role role : Role.values()) {
            if (role.administrator()) {
                assertThat(role.actions()).doesNotContain(Action.PERSON_READ, Action.PERSON_EDIT, Action.PERSON_LOOKUP,
                        Action.VISIT_RECORD, Action.REPORT_READ, Action.REFERRAL_ANSWER);
            }
        }
    }

    @Test
    void noTwoAdministratorRolesShareAnAction() {
        assertThat(Role.SYSTEM_ADMIN.actions()).doesNotContainAnyElementsOf(Role.SECURITY_ADMIN.actions())
                .doesNotContainAnyElementsOf(Role.AUDIT_ADMIN.actions());
        assertThat(Role.SECURITY_ADMIN.actions()).doesNotContainAnyElementsOf(Role.AUDIT_ADMIN.actions());
    }

    @Test
    void theScopeInsideAPlaceIsCutIntoTheLargestWholePlaces() {
        // A township, two neighbouring villages of another township (merged into one range), a county elsewhere.
        Scope scope = new Scope(Action.REPORT_READ, List.of(new Scope.Range(330122002000L, 330122002999L),
                new Scope.Range(330122003001L, 330122003001L), new Scope.Range(330122003002L, 330122003002L),
                new Scope.Range(330106000000L, 330106999999L)), java.util.Set.of());
        assertThat(scope.placesWithin(RegionCode.of(330122000000L))).containsExactly(new Scope.Range(330122002000L, 330122002999L),
                new Scope.Range(330122003001L, 330122003001L), new Scope.Range(330122003002L, 330122003002L));
        assertThat(scope.placesWithin(RegionCode.of(330106000000L))).as("a place the scope covers is itself")
                .containsExactly(new Scope.Range(330106000000L, 330106999999L));
        assertThat(scope.placesWithin(RegionCode.of(330100000000L))).as("a city holding the county and two of the other's places")
                .containsExactly(new Scope.Range(330106000000L, 330106999999L), new Scope.Range(330122002000L, 330122002999L),
                        new Scope.Range(330122003001L, 330122003001L), new Scope.Range(330122003002L, 330122003002L));
        assertThat(scope.placesWithin(RegionCode.of(330109000000L))).isEmpty();
    }
}
