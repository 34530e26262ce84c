package org.lastmile.casework.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lastmile.casework.internal.CaseAction.*;
import static org.lastmile.casework.internal.CaseStatus.*;

/** The lifecycle table: each action from each status, with the facts that change the answer. */
class CaseRulesTest {

    static final CaseRules.Facts PLAIN = new CaseRules.Facts(false, false, false);
    static final CaseRules.Facts REFERRAL_WAITING = new CaseRules.Facts(true, false, false);
    static final CaseRules.Facts VERIFIED = new CaseRules.Facts(false, true, false);
    static final CaseRules.Facts AT_THE_TOP = new CaseRules.Facts(false, false, true);

    private static String refusal(CaseStatus from, CaseAction action, CaseRules.Facts facts) {
        return CaseRules.refusal(from, action, facts);
    }

    @Test
    void startsOnlyAnOpenOrEscalatedCase() {
        assertThat(CaseRules.next(OPEN, START, PLAIN, null)).isEqualTo(IN_PROGRESS);
        assertThat(CaseRules.next(ESCALATED, START, PLAIN, null)).isEqualTo(IN_PROGRESS);
        assertThat(refusal(IN_PROGRESS, START, PLAIN)).isEqualTo("ALREADY_IN_PROGRESS");
        assertThat(refusal(RESOLVED, START, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
        assertThat(refusal(CLOSED, START, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void refersAnActiveCaseOnceAtATime() {
        for (CaseStatus from : new CaseStatus[]{OPEN, IN_PROGRESS, ESCALATED}) {
            assertThat(CaseRules.next(from, REFER, PLAIN, null)).isEqualTo(REFERRED);
        }
        assertThat(refusal(REFERRED, REFER, REFERRAL_WAITING)).isEqualTo("REFERRAL_OPEN");
        assertThat(refusal(RESOLVED, REFER, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void aFinalAnswerHandsAReferredCaseBackAndAnAcceptanceKeepsItWithTheDepartment() {
        assertThat(CaseRules.next(REFERRED, ANSWER, REFERRAL_WAITING, CaseRules.Answer.ACCEPTED)).isEqualTo(REFERRED);
        assertThat(CaseRules.next(REFERRED, ANSWER, REFERRAL_WAITING, CaseRules.Answer.DONE)).isEqualTo(IN_PROGRESS);
        assertThat(CaseRules.next(REFERRED, ANSWER, REFERRAL_WAITING, CaseRules.Answer.DECLINED)).isEqualTo(IN_PROGRESS);
        assertThat(CaseRules.next(ESCALATED, ANSWER, REFERRAL_WAITING, CaseRules.Answer.DONE)).as("escalated meanwhile: stays with the level above")
                .isEqualTo(ESCALATED);
        assertThat(refusal(IN_PROGRESS, ANSWER, PLAIN)).isEqualTo("NO_OPEN_REFERRAL");
    }

    @Test
    void escalatesUntilTheProvince() {
        for (CaseStatus from : new CaseStatus[]{OPEN, IN_PROGRESS, REFERRED, ESCALATED}) {
            assertThat(CaseRules.next(from, ESCALATE, PLAIN, null)).isEqualTo(ESCALATED);
        }
        assertThat(refusal(IN_PROGRESS, ESCALATE, AT_THE_TOP)).isEqualTo("NO_LEVEL_ABOVE");
        assertThat(refusal(RESOLVED, ESCALATE, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void resolvesWhenNoDepartmentAnswerIsAwaitedAndClosesOnlyAfterVerification() {
        assertThat(CaseRules.next(IN_PROGRESS, RESOLVE, PLAIN, null)).isEqualTo(RESOLVED);
        assertThat(refusal(REFERRED, RESOLVE, REFERRAL_WAITING)).isEqualTo("REFERRAL_OPEN");
        assertThat(refusal(RESOLVED, CLOSE, PLAIN)).isEqualTo("VERIFICATION_MISSING");
        assertThat(CaseRules.next(RESOLVED, CLOSE, VERIFIED, null)).isEqualTo(CLOSED);
        assertThat(refusal(IN_PROGRESS, CLOSE, VERIFIED)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void reopensOnlyWhatWasResolvedOrClosed() {
        assertThat(CaseRules.next(RESOLVED, REOPEN, PLAIN, null)).isEqualTo(OPEN);
        assertThat(CaseRules.next(CLOSED, REOPEN, PLAIN, null)).isEqualTo(OPEN);
        assertThat(refusal(OPEN, REOPEN, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void raisingAPolicyIssueKeepsTheStatus() {
        for (CaseStatus from : new CaseStatus[]{OPEN, IN_PROGRESS, REFERRED, ESCALATED, RESOLVED}) {
            assertThat(CaseRules.next(from, RAISE_POLICY, PLAIN, null)).isEqualTo(from);
        }
        assertThat(refusal(CLOSED, RAISE_POLICY, PLAIN)).isEqualTo("ILLEGAL_TRANSITION");
    }

    @Test
    void aRefusedTransitionIsAConflictNamingActionAndStatus() {
        assertThatThrownBy(() -> CaseRules.next(CLOSED, RESOLVE, PLAIN, null)).isInstanceOfSatisfying(CaseProblem.class, p -> {
            assertThat(p.kind()).isEqualTo(CaseProblem.Kind.CONFLICT);
            assertThat(p.problems().get(0).args()).containsExactly("RESOLVE", "CLOSED");
        });
    }

    @Test
    void theButtonsOfAClosedCaseAreOnlyReopen() {
        assertThat(CaseRules.allowed(CLOSED, PLAIN)).containsExactly(REOPEN);
        assertThat(CaseRules.allowed(OPEN, PLAIN)).containsExactlyInAnyOrder(START, REFER, ESCALATE, RESOLVE, RAISE_POLICY);
    }
}
