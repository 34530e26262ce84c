package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.access.AccessException;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.platform.AllowAnonymous;
import org.lastmile.platform.AllowAuthenticated;
import org.lastmile.web.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.OffsetDateTime;
import java.util.List;

/** {@code POST /api/v1/auth/token}, {@code POST /api/v1/auth/password}, {@code GET /api/v1/me}. */
@RestController
class AuthApiController {

    record TokenRequest(String username, String password, String otp) {
    }

    record TokenResponse(String token, OffsetDateTime expiresAt) {
    }

    record PasswordChange(String username, String currentPassword, String newPassword, String otp) {
    }

    record GrantJson(String role, String regionCode, Long departmentId) {
    }

    record Me(String username, String displayName, List<String> roles, List<GrantJson> grants) {
    }

    private final Authenticator authenticator;
    private final ApiTokens tokens;
    private final LoginRateLimiter rateLimiter;
    private final SecondFactor secondFactor;
    private final AccountService accounts;
    private final MessageSource messages;

    AuthApiController(Authenticator authenticator, ApiTokens tokens, LoginRateLimiter rateLimiter, SecondFactor secondFactor,
                      AccountService accounts, MessageSource messages) {
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.rateLimiter = rateLimiter;
        this.secondFactor = secondFactor;
        this.accounts = accounts;
        this.messages = messages;
    }

    @PostMapping("/api/v1/auth/token")
    @AllowAnonymous
    TokenResponse token(@RequestBody TokenRequest request, HttpServletRequest http) {
        Authenticator.Success success = checkCredentials(request.username(), request.password(), request.otp(), http);
        if (success.mustChangePassword()) {
            throw ApiProblems.problem(HttpStatus.FORBIDDEN, "password-change-required", message("access.error.PASSWORD_CHANGE_REQUIRED"),
                    List.of(new ApiProblems.FieldError("password", "PASSWORD_CHANGE_REQUIRED", message("access.error.PASSWORD_CHANGE_REQUIRED"))));
        }
        ApiTokens.Issued issued = tokens.issue(success.accountId(), success.username());
        return new TokenResponse(issued.token(), issued.expiresAt());
    }

    /** For API clients whose password must be changed (a temporary one): the old password proves who they are. */
    @PostMapping("/api/v1/auth/password")
    @AllowAnonymous
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void changePassword(@RequestBody PasswordChange request, HttpServletRequest http) {
        checkCredentials(request.username(), request.currentPassword(), request.otp(), http);
        accounts.changePassword(request.username().strip().toLowerCase(java.util.Locale.ROOT), request.currentPassword(),
                request.newPassword());
    }

    @GetMapping("/api/v1/me")
    @AllowAuthenticated
    Me me(CurrentUser user) {
        return new Me(user.username(), user.displayName(),
                user.grants().stream().map(g -> g.role().name()).distinct().toList(),
                user.grants().stream().map(AuthApiController::json).toList());
    }

    static GrantJson json(Grant g) {
        return new GrantJson(g.role().name(), g.regionCode() == null ? null : Long.toString(g.regionCode()), g.departmentId());
    }

    private Authenticator.Success checkCredentials(String username, String password, String otp, HttpServletRequest http) {
        if (!rateLimiter.tryAttempt(username, http.getRemoteAddr())) {
            throw ApiProblems.problem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", message("access.error.RATE_LIMITED"), List.of());
        }
        Authenticator.Success success = authenticator.authenticate(username, password, "api")
                .orElseThrow(() -> ApiProblems.problem(HttpStatus.UNAUTHORIZED, "bad-credentials",
                        message("access.error.BAD_CREDENTIALS"), List.of()));
        if (success.secondFactorRequired()) {
            if (!success.secondFactorEnrolled()) {
                throw ApiProblems.problem(HttpStatus.FORBIDDEN, "second-factor-not-enrolled",
                        message("access.error.SECOND_FACTOR_NOT_ENROLLED"), List.of());
            }
            String secret = secondFactor.enrolledSecret(success.accountId()).orElse(null);
            if (!secondFactor.verify(secret, otp)) {
                throw ApiProblems.problem(HttpStatus.UNAUTHORIZED, "second-factor-required", message("access.error.SECOND_FACTOR_WRONG"),
                        List.of(new ApiProblems.FieldError("otp", "SECOND_FACTOR_WRONG", message("access.error.SECOND_FACTOR_WRONG"))));
            }
        }
        return success;
    }

    private String message(String key) {
        return messages.getMessage(key, null, LocaleContextHolder.getLocale());
    }

    static AccessException invalid(String field, String code) {
        return new AccessException(AccessException.Kind.INVALID, field, code);
    }
}
