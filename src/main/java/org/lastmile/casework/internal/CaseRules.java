package org.lastmile.casework.internal;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a case as one table: which action is allowed from which status given what else is
 * true of the case, and the status it leads to. A refusal names its reason (a message code).
 */
final class CaseRules {

    /** What besides the status decides a transition. */
    record Facts(boolean referralOpen, boolean verifiedSinceResolved, boolean topLevel) {
    }

    /** The answer to a referral: ACCEPTED keeps the case with the department; DONE and DECLINED hand it back. */
    enum Answer {
        ACCEPTED, DONE, DECLINED;

        boolean handsBack() {
            return this != ACCEPTED;
        }
    }

    private CaseRules() {
    }

    /** The status after {@code action}, or throws a 409 {@link CaseProblem} with the reason. */
    static CaseStatus next(CaseStatus from, CaseAction action, Facts facts, Answer answer) {
        String refusal = refusal(from, action, facts);
        if (refusal != null) {
            throw CaseProblem.conflict(refusal, action.name(), from.name());
        }
        return switch (action) {
            case START -> CaseStatus.IN_PROGRESS;
            case REFER -> CaseStatus.REFERRED;
            case ANSWER -> answer != null && answer.handsBack() && from == CaseStatus.REFERRED ? CaseStatus.IN_PROGRESS : from;
            case ESCALATE -> CaseStatus.ESCALATED;
            case RESOLVE -> CaseStatus.RESOLVED;
            case CLOSE -> CaseStatus.CLOSED;
            case REOPEN -> CaseStatus.OPEN;
            case RAISE_POLICY -> from;
        };
    }

    /** The actions allowed now (the buttons a case page offers). */
    static Set<CaseAction> allowed(CaseStatus from, Facts facts) {
        Set<CaseAction> allowed = EnumSet.noneOf(CaseAction.class);
        for (CaseAction action : CaseAction.values()) {
            if (refusal(from, action, facts) == null) {
                allowed.add(action);
            }
        }
        return allowed;
    }

    /** Why {@code action} is not allowed now, or null when it is. */
    static String refusal(CaseStatus from, CaseAction action, Facts facts) {
        return switch (action) {
            case START -> from == CaseStatus.OPEN || from == CaseStatus.ESCALATED ? null
                    : from == CaseStatus.IN_PROGRESS ? "ALREADY_IN_PROGRESS" : "ILLEGAL_TRANSITION";
            case REFER -> !from.active() ? "ILLEGAL_TRANSITION" : facts.referralOpen() ? "REFERRAL_OPEN" : null;
            case ANSWER -> facts.referralOpen() ? null : "NO_OPEN_REFERRAL";
            case ESCALATE -> !from.active() ? "ILLEGAL_TRANSITION" : facts.topLevel() ? "NO_LEVEL_ABOVE" : null;
            case RESOLVE -> !from.active() ? "ILLEGAL_TRANSITION" : facts.referralOpen() ? "REFERRAL_OPEN" : null;
            case CLOSE -> from != CaseStatus.RESOLVED ? "ILLEGAL_TRANSITION" : facts.verifiedSinceResolved() ? null : "VERIFICATION_MISSING";
            case REOPEN -> from == CaseStatus.RESOLVED || from == CaseStatus.CLOSED ? null : "ILLEGAL_TRANSITION";
            case RAISE_POLICY -> from == CaseStatus.CLOSED ? "ILLEGAL_TRANSITION" : null;
        };
    }
}
