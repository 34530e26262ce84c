package org.lastmile.access.internal;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role table of issue 3, endpoint by endpoint: who gets through (2xx or a 4xx about the input)
 * and who is refused (403). Each administrator is refused the others' work.
 */
@LastmileIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleTableIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    SecondFactor secondFactor;
    @Autowired
    org.lastmile.region.Departments departments;

    final Map<Role, AccessFixtures.Login> logins = new EnumMap<>(Role.class);
    String target;

    @BeforeAll
    void logInEveryRole() {
        AccessFixtures fixtures = new AccessFixtures(accounts, secondFactor, departments, port);
        for (Role role : Role.values()) {
            logins.put(role, fixtures.as(role));
        }
        target = TestAccounts.create(accounts, Role.LEADER, AccessFixtures.COUNTY);
    }

    record Call(String method, String path, Object body, Set<Role> allowed) {
    }

    private List<Call> calls() {
        Set<Role> everyone = Set.of(Role.values());
        return List.of(
                new Call("GET", "/api/v1/me", null, everyone),
                new Call("GET", "/api/v1/regions/330122", null, everyone),
                new Call("GET", "/api/v1/regions/330122/children", null, everyone),
                new Call("GET", "/api/v1/regions?q=%E6%A1%90%E5%BA%90", null, everyone),
                new Call("GET", "/api/v1/accounts", null, Set.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)),
                new Call("GET", "/api/v1/accounts/" + target, null, Set.of(Role.SYSTEM_ADMIN, Role.SECURITY_ADMIN)),
                new Call("POST", "/api/v1/accounts", Map.of("username", "x"), Set.of(Role.SYSTEM_ADMIN)),
                new Call("POST", "/api/v1/accounts/" + target + "/unlock", null, Set.of(Role.SYSTEM_ADMIN)),
                new Call("PUT", "/api/v1/accounts/" + target + "/grants",
                        List.of(Map.of("role", "LEADER", "regionCode", "330122")), Set.of(Role.SECURITY_ADMIN)),
                new Call("GET", "/api/v1/security-policy", null, Set.of(Role.SECURITY_ADMIN)),
                new Call("GET", "/api/v1/audit", null, Set.of(Role.AUDIT_ADMIN)),
                new Call("GET", "/api/v1/audit/verify", null, Set.of(Role.AUDIT_ADMIN)),
                new Call("POST", "/api/v1/persons", Map.of("name", "x"), Set.of(Role.FIELD_WORKER, Role.CASE_WORKER)),
                new Call("GET", "/api/v1/persons/999999999", null, Set.of(Role.FIELD_WORKER, Role.CASE_WORKER, Role.HOTLINE_OPERATOR)),
                new Call("PATCH", "/api/v1/persons/999999999", Map.of("name", "x"), Set.of(Role.FIELD_WORKER, Role.CASE_WORKER)));
    }

    @Test
    void everyRoleGetsExactlyWhatTheTableAllows() {
        List<String> wrong = new ArrayList<>();
        for (Call call : calls()) {
            for (Role role : Role.values()) {
                Http http = logins.get(role).http();
                Http.Response response = switch (call.method()) {
                    case "GET" -> http.get(call.path());
                    case "POST" -> http.post(call.path(), call.body());
                    default -> http.json(call.method(), call.path(), call.body());
                };
                boolean refused = response.status() == 403;
                if (call.allowed().contains(role) == refused || response.status() == 401 || response.status() >= 500) {
                    wrong.add(role + " " + call.method() + " " + call.path() + " -> " + response.status());
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void administratorsOfEveryKindAreRefusedPersonalDataAndEachOthersPages() {
        Map<Role, List<String>> pages = Map.of(
                Role.SYSTEM_ADMIN, List.of("/admin/policy", "/admin/audit"),
                Role.SECURITY_ADMIN, List.of("/admin/audit"),
                Role.AUDIT_ADMIN, List.of("/admin/accounts", "/admin/policy"));
        for (var entry : pages.entrySet()) {
            Http http = new Http(port);
            AccessFixtures.Login login = logins.get(entry.getKey());
            http.loginPage(login.username(), TestAccounts.PASSWORD);
            http.postForm("/login/second-factor", "/login/second-factor", Map.of("code", AccessFixtures.code(login.secret())));
            for (String page : entry.getValue()) {
                assertThat(http.get(page).status()).as(entry.getKey() + " " + page).isEqualTo(403);
            }
        }
    }

    @Test
    void nobodyChangesTheirOwnGrants() {
        AccessFixtures.Login secadmin = logins.get(Role.SECURITY_ADMIN);
        Http.Response response = secadmin.http().put("/api/v1/accounts/" + secadmin.username() + "/grants",
                List.of(Map.of("role", "LEADER", "regionCode", "330122")));
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo("GRANT_OWN_ACCOUNT");
    }

    @Test
    void anAdministratorRoleIsHeldAlone() {
        Http.Response response = logins.get(Role.SECURITY_ADMIN).http().put("/api/v1/accounts/" + target + "/grants",
                List.of(Map.of("role", "AUDIT_ADMIN"), Map.of("role", "LEADER", "regionCode", "330122")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("code").asString()).isEqualTo("ADMIN_ROLE_EXCLUSIVE");
    }

    @Test
    void aGrantMustSitAtALevelItsRoleAllows() {
        Http.Response response = logins.get(Role.SECURITY_ADMIN).http().put("/api/v1/accounts/" + target + "/grants",
                List.of(Map.of("role", "FIELD_WORKER", "regionCode", "330122"), Map.of("role", "CASE_WORKER", "regionCode", "999999")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString() + " " + e.get("code").asString())
                .containsExactly("grants[0].regionCode REGION_LEVEL_NOT_ALLOWED", "grants[1].regionCode REGION_UNKNOWN");
    }

    @Test
    void aLiaisonNamesADepartmentOfItsPlace() {
        long department = new AccessFixtures(accounts, secondFactor, departments, port).department();
        Http http = logins.get(Role.SECURITY_ADMIN).http();
        Http.Response elsewhere = http.put("/api/v1/accounts/" + target + "/grants",
                List.of(Map.of("role", "DEPARTMENT_LIAISON", "regionCode", "330106", "departmentId", department)));
        assertThat(elsewhere.status()).isEqualTo(400);
        assertThat(elsewhere.json().get("errors").get(0).get("code").asString()).isEqualTo("DEPARTMENT_UNKNOWN");
        Http.Response right = http.put("/api/v1/accounts/" + target + "/grants",
                List.of(Map.of("role", "DEPARTMENT_LIAISON", "regionCode", "330122", "departmentId", department)));
        assertThat(right.status()).isEqualTo(200);
        http.put("/api/v1/accounts/" + target + "/grants", List.of(Map.of("role", "LEADER", "regionCode", "330122")));
    }

    @Test
    void aNewAccountGetsOneErrorPerBadField() {
        Http.Response response = logins.get(Role.SYSTEM_ADMIN).http().post("/api/v1/accounts",
                Map.of("username", "A", "displayName", "", "password", "short", "phone", "abc"), "Accept-Language", "en");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("errors")).extracting(e -> e.get("field").asString())
                .contains("username", "displayName", "phone", "password");
        assertThat(response.json().get("errors").get(0).get("message").asString()).contains("username");
    }

    @Test
    void theSystemAdministratorCreatesAnAccountThatMustChangeItsPassword() {
        String username = "new-" + System.nanoTime();
        Http.Response created = logins.get(Role.SYSTEM_ADMIN).http().post("/api/v1/accounts",
                Map.of("username", username, "displayName", "李娜", "password", "Initial-2026", "phone", "13812341234"));
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("mustChangePassword").asBoolean()).isTrue();
        assertThat(created.json().get("phone").asString()).isEqualTo("138****1234");
        assertThat(logins.get(Role.SYSTEM_ADMIN).http().post("/api/v1/accounts",
                Map.of("username", username, "displayName", "李娜", "password", "Initial-2026")).status()).isEqualTo(409);
    }

    @Test
    void anAdministratorTokenNeedsTheSecondFactor() {
        AccessFixtures.Login audit = logins.get(Role.AUDIT_ADMIN);
        Http.Response withoutCode = new Http(port).post("/api/v1/auth/token",
                Map.of("username", audit.username(), "password", TestAccounts.PASSWORD));
        assertThat(withoutCode.status()).isEqualTo(401);
        assertThat(withoutCode.json().get("errors").get(0).get("field").asString()).isEqualTo("otp");
        Http.Response wrongCode = new Http(port).post("/api/v1/auth/token",
                Map.of("username", audit.username(), "password", TestAccounts.PASSWORD, "otp", "000000"));
        assertThat(wrongCode.status()).isIn(200, 401); // 000000 is right once in a million
    }
}
