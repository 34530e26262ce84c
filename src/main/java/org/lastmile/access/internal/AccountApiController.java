package org.lastmile.access.internal;

import org.lastmile.access.AccessException;
import org.lastmile.access.Accounts;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.region.RegionCode;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Account administration: SYSTEM_ADMIN creates, disables, unlocks and resets; SECURITY_ADMIN grants. */
@RestController
@RequestMapping("/api/v1")
class AccountApiController {

    record CreateAccount(String username, String displayName, String password, String phone) {
    }

    record AccountJson(String username, String displayName, boolean enabled, boolean locked, boolean mustChangePassword,
                       String phone, List<AuthApiController.GrantJson> grants) {
        static AccountJson of(Accounts.AccountView a) {
            return new AccountJson(a.username(), a.displayName(), a.enabled(), a.locked(), a.mustChangePassword(), a.maskedPhone(),
                    a.grants().stream().map(AuthApiController::json).toList());
        }
    }

    record GrantRequest(String role, String regionCode, Long departmentId) {
    }

    record SecurityPolicyJson(int minPasswordLength, int lockoutThreshold, int lockoutMinutes, Integer passwordMaxAgeDays) {
    }

    private final AccountService accounts;
    private final SecurityPolicyStore policies;
    private final org.lastmile.access.AuditLog audit;

    AccountApiController(AccountService accounts, SecurityPolicyStore policies, org.lastmile.access.AuditLog audit) {
        this.accounts = accounts;
        this.policies = policies;
        this.audit = audit;
    }

    @PostMapping("/accounts")
    @Allow(Action.ACCOUNT_ADMIN)
    @ResponseStatus(HttpStatus.CREATED)
    AccountJson create(@RequestBody CreateAccount body, CurrentUser admin) {
        return AccountJson.of(accounts.create(new Accounts.NewAccount(body.username(), body.displayName(), body.password(),
                body.phone(), true), admin.username()));
    }

    @GetMapping("/accounts")
    @Allow({Action.ACCOUNT_ADMIN, Action.GRANT_ADMIN})
    List<AccountJson> list(@RequestParam(required = false) String q) {
        return accounts.list(q, 200).stream().map(AccountJson::of).toList();
    }

    @GetMapping("/accounts/{username}")
    @Allow({Action.ACCOUNT_ADMIN, Action.GRANT_ADMIN})
    AccountJson get(@PathVariable String username) {
        return AccountJson.of(accounts.find(username)
                .orElseThrow(() -> new AccessException(AccessException.Kind.NOT_FOUND, "username", "ACCOUNT_UNKNOWN")));
    }

    @PutMapping("/accounts/{username}/grants")
    @Allow(Action.GRANT_ADMIN)
    AccountJson grants(@PathVariable String username, @RequestBody List<GrantRequest> body, CurrentUser admin) {
        return AccountJson.of(accounts.setGrants(username, parse(body), admin.username()));
    }

    @PostMapping("/accounts/{username}/disable")
    @Allow(Action.ACCOUNT_ADMIN)
    AccountJson disable(@PathVariable String username, CurrentUser admin) {
        accounts.disable(username, admin.username());
        return get(username);
    }

    @PostMapping("/accounts/{username}/enable")
    @Allow(Action.ACCOUNT_ADMIN)
    AccountJson enable(@PathVariable String username) {
        accounts.enable(username);
        return get(username);
    }

    @PostMapping("/accounts/{username}/unlock")
    @Allow(Action.ACCOUNT_ADMIN)
    AccountJson unlock(@PathVariable String username) {
        accounts.unlock(username);
        return get(username);
    }

    @PostMapping("/accounts/{username}/password-reset")
    @Allow(Action.ACCOUNT_ADMIN)
    Map<String, String> resetPassword(@PathVariable String username, CurrentUser admin) {
        return Map.of("temporaryPassword", accounts.resetPassword(username, admin.username()));
    }

    @GetMapping("/security-policy")
    @Allow(Action.SECURITY_POLICY_ADMIN)
    SecurityPolicyJson policy() {
        SecurityPolicy p = policies.current();
        return new SecurityPolicyJson(p.minPasswordLength(), p.lockoutThreshold(), p.lockoutMinutes(), p.passwordMaxAgeDays());
    }

    @PutMapping("/security-policy")
    @Allow(Action.SECURITY_POLICY_ADMIN)
    SecurityPolicyJson updatePolicy(@RequestBody SecurityPolicyJson body, CurrentUser admin) {
        List<AccessException.Problem> problems = new ArrayList<>();
        if (body.minPasswordLength() < 8 || body.minPasswordLength() > 64) {
            problems.add(new AccessException.Problem("minPasswordLength", "POLICY_RANGE", 8, 64));
        }
        if (body.lockoutThreshold() < 3 || body.lockoutThreshold() > 20) {
            problems.add(new AccessException.Problem("lockoutThreshold", "POLICY_RANGE", 3, 20));
        }
        if (body.lockoutMinutes() < 1 || body.lockoutMinutes() > 1440) {
            problems.add(new AccessException.Problem("lockoutMinutes", "POLICY_RANGE", 1, 1440));
        }
        if (body.passwordMaxAgeDays() != null && (body.passwordMaxAgeDays() < 30 || body.passwordMaxAgeDays() > 730)) {
            problems.add(new AccessException.Problem("passwordMaxAgeDays", "POLICY_RANGE", 30, 730));
        }
        if (!problems.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID, problems);
        }
        policies.update(new SecurityPolicy(body.minPasswordLength(), body.lockoutThreshold(), body.lockoutMinutes(),
                body.passwordMaxAgeDays()), admin.username());
        audit.record("SECURITY_POLICY_CHANGE", "policy", "1", null, org.lastmile.access.AuditLog.Outcome.SUCCESS, body.toString());
        return policy();
    }

    static List<Grant> parse(List<GrantRequest> body) {
        List<AccessException.Problem> problems = new ArrayList<>();
        List<Grant> grants = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            GrantRequest g = body.get(i);
            Role role = null;
            try {
                role = g.role() == null ? null : Role.valueOf(g.role());
            } catch (IllegalArgumentException e) {
                problems.add(new AccessException.Problem("grants[" + i + "].role", "ROLE_UNKNOWN"));
            }
            Long region = null;
            if (g.regionCode() != null && !g.regionCode().isBlank()) {
                var parsed = RegionCode.parse(g.regionCode());
                if (parsed.isEmpty()) {
                    problems.add(new AccessException.Problem("grants[" + i + "].regionCode", "REGION_UNKNOWN"));
                } else {
                    region = parsed.get().value();
                }
            }
            grants.add(new Grant(role, region, g.departmentId()));
        }
        if (!problems.isEmpty()) {
            throw new AccessException(AccessException.Kind.INVALID, problems);
        }
        return grants;
    }
}
