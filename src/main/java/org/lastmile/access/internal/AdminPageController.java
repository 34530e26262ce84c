package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.AccessException;
import org.lastmile.access.Accounts;
import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.platform.PageRequest;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The administrators' pages: accounts (SYSTEM_ADMIN), grants and policy (SECURITY_ADMIN), audit (AUDIT_ADMIN). */
@Controller
class AdminPageController {

    private final AccountService accounts;
    private final SecurityPolicyStore policies;
    private final AuditQueries auditQueries;
    private final AuditLog audit;
    private final MessageSource messages;

    AdminPageController(AccountService accounts, SecurityPolicyStore policies, AuditQueries auditQueries, AuditLog audit,
                        MessageSource messages) {
        this.accounts = accounts;
        this.policies = policies;
        this.auditQueries = auditQueries;
        this.audit = audit;
        this.messages = messages;
    }

    @GetMapping("/admin/accounts")
    @Allow({Action.ACCOUNT_ADMIN, Action.GRANT_ADMIN})
    String accounts(@RequestParam(required = false) String q, CurrentUser user, Model model) {
        model.addAttribute("q", q == null ? "" : q);
        model.addAttribute("accounts", accounts.list(q, 200));
        model.addAttribute("mayCreate", user.may(Action.ACCOUNT_ADMIN));
        model.addAttribute("mayGrant", user.may(Action.GRANT_ADMIN));
        model.addAttribute("errors", Map.of());
        model.addAttribute("created", null);
        model.addAttribute("temporaryPassword", null);
        return "access/admin-accounts";
    }

    @PostMapping("/admin/accounts")
    @Allow(Action.ACCOUNT_ADMIN)
    String create(@RequestParam(required = false) String username, @RequestParam(required = false) String displayName,
                  @RequestParam(required = false) String phone, CurrentUser user, HttpServletRequest request, Model model) {
        String temporary = AccountService.randomPassword();
        try {
            accounts.create(new Accounts.NewAccount(username, displayName, temporary, phone, true), user.username());
            model.addAttribute("created", username);
            model.addAttribute("temporaryPassword", temporary);
            model.addAttribute("errors", Map.of());
        } catch (AccessException e) {
            model.addAttribute("created", null);
            model.addAttribute("temporaryPassword", null);
            model.addAttribute("errors", errors(e, request));
        }
        model.addAttribute("q", "");
        model.addAttribute("accounts", accounts.list(null, 200));
        model.addAttribute("mayCreate", true);
        model.addAttribute("mayGrant", false);
        return "access/admin-accounts";
    }

    @GetMapping("/admin/accounts/{username}")
    @Allow({Action.ACCOUNT_ADMIN, Action.GRANT_ADMIN})
    String account(@PathVariable String username, CurrentUser user, Model model) {
        model.addAttribute("account", accounts.find(username).orElseThrow(() ->
                new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND)));
        model.addAttribute("mayAdminister", user.may(Action.ACCOUNT_ADMIN) && !user.username().equals(username));
        model.addAttribute("mayGrant", user.may(Action.GRANT_ADMIN) && !user.username().equals(username));
        model.addAttribute("roles", List.of(Role.values()));
        if (!model.containsAttribute("errors")) {
            model.addAttribute("errors", Map.of());
        }
        if (!model.containsAttribute("notice")) {
            model.addAttribute("notice", null);
        }
        return "access/admin-account";
    }

    @PostMapping("/admin/accounts/{username}/{operation:disable|enable|unlock|password-reset}")
    @Allow(Action.ACCOUNT_ADMIN)
    String operate(@PathVariable String username, @PathVariable String operation, CurrentUser user, HttpServletRequest request,
                   RedirectAttributes redirect) {
        try {
            switch (operation) {
                case "disable" -> accounts.disable(username, user.username());
                case "enable" -> accounts.enable(username);
                case "unlock" -> accounts.unlock(username);
                default -> redirect.addFlashAttribute("notice",
                        message(request, "access.admin.temporaryPassword", accounts.resetPassword(username, user.username())));
            }
        } catch (AccessException e) {
            redirect.addFlashAttribute("errors", errors(e, request));
        }
        return "redirect:/admin/accounts/" + username;
    }

    @PostMapping("/admin/accounts/{username}/grants")
    @Allow(Action.GRANT_ADMIN)
    String changeGrants(@PathVariable String username, @RequestParam(required = false) String role,
                        @RequestParam(required = false) String regionCode, @RequestParam(required = false) Long departmentId,
                        @RequestParam(required = false) Integer remove, CurrentUser user, HttpServletRequest request,
                        RedirectAttributes redirect) {
        Accounts.AccountView account = accounts.find(username).orElseThrow(() ->
                new org.springframework.web.server.ResponseStatusException(org.springframework.http.HttpStatus.NOT_FOUND));
        List<Grant> grants = new ArrayList<>(account.grants());
        try {
            if (remove != null) {
                if (remove >= 0 && remove < grants.size()) {
                    grants.remove((int) remove);
                }
            } else {
                grants.addAll(AccountApiController.parse(List.of(new AccountApiController.GrantRequest(role, regionCode, departmentId))));
            }
            accounts.setGrants(username, grants, user.username());
        } catch (AccessException e) {
            redirect.addFlashAttribute("errors", errors(e, request));
        }
        return "redirect:/admin/accounts/" + username;
    }

    @GetMapping("/admin/policy")
    @Allow(Action.SECURITY_POLICY_ADMIN)
    String policy(Model model) {
        model.addAttribute("policy", policies.current());
        model.addAttribute("saved", false);
        return "access/admin-policy";
    }

    @PostMapping("/admin/policy")
    @Allow(Action.SECURITY_POLICY_ADMIN)
    String savePolicy(@RequestParam int minPasswordLength, @RequestParam int lockoutThreshold, @RequestParam int lockoutMinutes,
                      @RequestParam(required = false) Integer passwordMaxAgeDays, CurrentUser user, Model model) {
        SecurityPolicy policy = new SecurityPolicy(Math.max(8, Math.min(64, minPasswordLength)), Math.max(3, Math.min(20, lockoutThreshold)),
                Math.max(1, Math.min(1440, lockoutMinutes)),
                passwordMaxAgeDays == null ? null : Math.max(30, Math.min(730, passwordMaxAgeDays)));
        policies.update(policy, user.username());
        audit.record("SECURITY_POLICY_CHANGE", "policy", "1", null, AuditLog.Outcome.SUCCESS, policy.toString());
        model.addAttribute("policy", policies.current());
        model.addAttribute("saved", true);
        return "access/admin-policy";
    }

    @GetMapping("/admin/audit")
    @Allow(Action.AUDIT_READ)
    String audit(@RequestParam(required = false) String account, @RequestParam(required = false) String subject,
                 @RequestParam(required = false) String action, @RequestParam(required = false) LocalDate from,
                 @RequestParam(required = false) LocalDate to, @RequestParam(required = false) Integer page,
                 @RequestParam(required = false) String verify, Model model) {
        AuditQueries.Filter filter = new AuditQueries.Filter(account, subject, action, from, to);
        model.addAttribute("filter", filter);
        model.addAttribute("records", auditQueries.search(filter, PageRequest.of(page, 100)));
        model.addAttribute("verification", verify != null ? auditQueries.verify() : null);
        return "access/admin-audit";
    }

    private Map<String, String> errors(AccessException e, HttpServletRequest request) {
        Map<String, String> errors = new LinkedHashMap<>();
        for (AccessException.Problem p : e.problems()) {
            errors.merge(p.field(), message(request, "access.error." + p.code(), p.args()), (a, b) -> a + " " + b);
        }
        return errors;
    }

    private String message(HttpServletRequest request, String key, Object... args) {
        return messages.getMessage(key, args, RequestContextUtils.getLocale(request));
    }
}
