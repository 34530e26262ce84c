package org.lastmile.access.internal;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.filter.OncePerRequestFilter;
import org.lastmile.web.Languages;

import java.io.IOException;
import java.util.List;

/**
 * Two filter chains: the API (bearer tokens, stateless, no cookies so no CSRF) and the pages (form
 * login, the session in the database, CSRF on every form). Both send the security headers. Which
 * endpoint needs which role is decided per handler by {@link EndpointAuthorization}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SecurityConfiguration {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    private static Customizer<HeadersConfigurer<HttpSecurity>> securityHeaders() {
        return headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN));
    }

    @Bean
    @Order(1)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ProblemResponses problems) throws Exception {
        http.securityMatcher("/api/**", "/v3/api-docs", "/v3/api-docs/**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .formLogin(form -> form.disable())
                .httpBasic(basic -> basic.disable())
                .logout(logout -> logout.disable())
                .headers(securityHeaders())
                .addFilterBefore(new BearerTokenFilter(tokens), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        // A streamed download continues in an async dispatch of a request already authorised.
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token", "/api/v1/auth/password").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(e -> e
                        .authenticationEntryPoint((request, response, ex) -> problems.write(request, response, HttpStatus.UNAUTHORIZED))
                        .accessDeniedHandler((request, response, ex) -> problems.write(request, response, HttpStatus.FORBIDDEN)));
        return http.build();
    }

    @Bean
    @Order(2)
    @org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication
    SecurityFilterChain pages(HttpSecurity http, Authenticator authenticator, LoginRateLimiter rateLimiter) throws Exception {
        http.headers(securityHeaders())
                .authenticationProvider(pageLogin(authenticator))
                .addFilterBefore(new LoginRateFilter(rateLimiter), UsernamePasswordAuthenticationFilter.class)
                .addFilterAfter(new LoginSteps(), UsernamePasswordAuthenticationFilter.class)
                .authorizeHttpRequests(a -> a
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/login", "/css/**", "/js/**", "/sw.js", "/webjars/**", "/favicon.svg", "/error", "/error/**",
                                "/actuator/health", "/actuator/health/**").permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").loginProcessingUrl("/login")
                        .successHandler(afterPassword())
                        .failureUrl("/login?error"))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .sessionManagement(s -> s.sessionFixation(f -> f.changeSessionId()));
        return http.build();
    }

    private static AuthenticationProvider pageLogin(Authenticator authenticator) {
        return new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication authentication) {
                var success = authenticator.authenticate(authentication.getName(),
                        authentication.getCredentials() == null ? null : authentication.getCredentials().toString(), "web")
                        .orElseThrow(() -> new BadCredentialsException("bad credentials"));
                var result = UsernamePasswordAuthenticationToken.authenticated(
                        new LoginPrincipal(success.accountId(), success.username()), null, List.of());
                result.setDetails(success);
                return result;
            }

            @Override
            public boolean supports(Class<?> type) {
                return UsernamePasswordAuthenticationToken.class.isAssignableFrom(type);
            }
        };
    }

    /** Marks the steps still owed (second factor, password change) and goes to the first of them. */
    private static AuthenticationSuccessHandler afterPassword() {
        SavedRequestAwareAuthenticationSuccessHandler saved = new SavedRequestAwareAuthenticationSuccessHandler();
        return (request, response, authentication) -> {
            if (authentication.getDetails() instanceof Authenticator.Success success) {
                var session = request.getSession();
                if (success.secondFactorRequired()) {
                    session.setAttribute(LoginSteps.SECOND_FACTOR_PENDING, Boolean.TRUE);
                }
                if (success.mustChangePassword()) {
                    session.setAttribute(LoginSteps.PASSWORD_CHANGE_PENDING, Boolean.TRUE);
                }
                String step = LoginSteps.nextStep(session);
                if (step != null) {
                    response.sendRedirect(step);
                    return;
                }
            }
            saved.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /** Too many login attempts from one address or for one account: back to the login page, told why. */
    private static final class LoginRateFilter extends OncePerRequestFilter {
        private final LoginRateLimiter limiter;

        LoginRateFilter(LoginRateLimiter limiter) {
            this.limiter = limiter;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, jakarta.servlet.FilterChain chain)
                throws jakarta.servlet.ServletException, IOException {
            if ("POST".equals(request.getMethod()) && "/login".equals(request.getRequestURI())
                    && !limiter.tryAttempt(request.getParameter("username"), request.getRemoteAddr())) {
                response.sendRedirect("/login?tooMany");
                return;
            }
            chain.doFilter(request, response);
        }
    }

    /** zh-CN unless the request's Accept-Language asks for English. */
    static java.util.Locale requestLocale(HttpServletRequest request) {
        String accept = request.getHeader("Accept-Language");
        return accept == null || accept.isBlank() ? Languages.CHINESE : Languages.fromTag(request.getLocale().toLanguageTag());
    }

    /** problem+json for the API's 401 and 403 raised before a controller is reached. */
    @org.springframework.stereotype.Component
    static class ProblemResponses {
        private final MessageSource messages;

        ProblemResponses(MessageSource messages) {
            this.messages = messages;
        }

        void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException {
            String key = status == HttpStatus.UNAUTHORIZED ? "access.error.unauthenticated" : "access.error.forbidden";
            String detail = messages.getMessage(key, null, requestLocale(request));
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            response.getWriter().write("{\"type\":\"/problems/" + (status == HttpStatus.UNAUTHORIZED ? "unauthenticated" : "forbidden")
                    + "\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
                    + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"errors\":[]}");
        }
    }
}
