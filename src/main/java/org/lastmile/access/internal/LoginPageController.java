package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.lastmile.access.AccessException;
import org.lastmile.platform.AllowAnonymous;
import org.lastmile.platform.AllowAuthenticated;
import org.springframework.context.MessageSource;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.LinkedHashMap;
import java.util.Map;

/** The login page, the second factor step (with enrolment), and changing one's password. */
@Controller
class LoginPageController {

    private static final String ENROLLING_SECRET = "lastmile.login.enrollingSecret";

    private final SecondFactor secondFactor;
    private final AccountService accounts;
    private final MessageSource messages;

    LoginPageController(SecondFactor secondFactor, AccountService accounts, MessageSource messages) {
        this.secondFactor = secondFactor;
        this.accounts = accounts;
        this.messages = messages;
    }

    @GetMapping("/login")
    @AllowAnonymous
    String login(@RequestParam(required = false) String error, @RequestParam(required = false) String logout,
                 @RequestParam(required = false) String tooMany, Model model) {
        model.addAttribute("errorKey", tooMany != null ? "access.error.RATE_LIMITED" : error != null ? "access.error.BAD_CREDENTIALS" : null);
        model.addAttribute("loggedOut", logout != null);
        return "access/login";
    }

    @GetMapping("/login/second-factor")
    @AllowAuthenticated
    String secondFactorPage(HttpSession session, Model model) {
        return secondFactorView(session, model, null);
    }

    @PostMapping("/login/second-factor")
    @AllowAuthenticated
    String secondFactorCheck(@RequestParam(required = false) String code, HttpSession session, Model model) {
        LoginPrincipal principal = principal();
        String enrolling = (String) session.getAttribute(ENROLLING_SECRET);
        String secret = enrolling != null ? enrolling : secondFactor.enrolledSecret(principal.accountId()).orElse(null);
        if (!secondFactor.verify(secret, code)) {
            return secondFactorView(session, model, "access.error.SECOND_FACTOR_WRONG");
        }
        if (enrolling != null) {
            secondFactor.enrol(principal.accountId(), enrolling);
            session.removeAttribute(ENROLLING_SECRET);
        }
        session.removeAttribute(LoginSteps.SECOND_FACTOR_PENDING);
        String next = LoginSteps.nextStep(session);
        return "redirect:" + (next != null ? next : "/");
    }

    private String secondFactorView(HttpSession session, Model model, String errorKey) {
        LoginPrincipal principal = principal();
        boolean enrolled = secondFactor.enrolledSecret(principal.accountId()).isPresent();
        if (!enrolled) {
            String secret = (String) session.getAttribute(ENROLLING_SECRET);
            if (secret == null) {
                secret = secondFactor.newSecret();
                session.setAttribute(ENROLLING_SECRET, secret);
            }
            model.addAttribute("qrCode", secondFactor.qrCode(principal.username(), secret));
            model.addAttribute("secret", secret);
        } else {
            model.addAttribute("qrCode", null);
            model.addAttribute("secret", null);
        }
        model.addAttribute("errorKey", errorKey);
        return "access/second-factor";
    }

    @GetMapping("/account/password")
    @AllowAuthenticated
    String passwordPage(HttpSession session, Model model) {
        model.addAttribute("required", session.getAttribute(LoginSteps.PASSWORD_CHANGE_PENDING) != null);
        model.addAttribute("errors", Map.of());
        model.addAttribute("saved", false);
        return "access/password";
    }

    @PostMapping("/account/password")
    @AllowAuthenticated
    String changePassword(@RequestParam(required = false) String currentPassword, @RequestParam(required = false) String newPassword,
                          @RequestParam(required = false) String confirmPassword, HttpSession session, HttpServletRequest request,
                          Model model) {
        Map<String, String> errors = new LinkedHashMap<>();
        try {
            if (newPassword == null || !newPassword.equals(confirmPassword)) {
                throw new AccessException(AccessException.Kind.INVALID, "confirmPassword", "PASSWORD_CONFIRMATION");
            }
            accounts.changePassword(principal().username(), currentPassword, newPassword);
            session.removeAttribute(LoginSteps.PASSWORD_CHANGE_PENDING);
            model.addAttribute("saved", true);
        } catch (AccessException e) {
            for (AccessException.Problem p : e.problems()) {
                errors.merge(p.field(), messages.getMessage("access.error." + p.code(), p.args(), RequestContextUtils.getLocale(request)),
                        (a, b) -> a + " " + b);
            }
            model.addAttribute("saved", false);
        }
        model.addAttribute("required", session.getAttribute(LoginSteps.PASSWORD_CHANGE_PENDING) != null);
        model.addAttribute("errors", errors);
        return "access/password";
    }

    private static LoginPrincipal principal() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof LoginPrincipal principal) {
            return principal;
        }
        throw new IllegalStateException("Not logged in through the login page");
    }
}
