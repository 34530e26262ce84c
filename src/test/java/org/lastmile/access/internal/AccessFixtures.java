package org.lastmile.access.internal;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.RegionCode;
import org.lastmile.support.Http;
import org.lastmile.support.TestAccounts;

import java.util.List;
import java.util.Map;

/** Accounts of every role, with a token; administrators enrolled in TOTP as the policy requires. */
final class AccessFixtures {

    static final long COUNTY = 330122000000L;
    static final long VILLAGE = 330122002200L;

    private final AccountService accounts;
    private final SecondFactor secondFactor;
    private final int port;
    private final Departments departments;

    AccessFixtures(AccountService accounts, SecondFactor secondFactor, Departments departments, int port) {
        this.accounts = accounts;
        this.secondFactor = secondFactor;
        this.departments = departments;
        this.port = port;
    }

    /** A department of the test county for liaisons, made if the demo did not make one. */
    long department() {
        return departments.of(RegionCode.of(COUNTY)).stream().findFirst()
                .orElseGet(() -> departments.add(RegionCode.of(COUNTY), Department.Type.CIVIL_AFFAIRS, "测试民政局")).id();
    }

    record Login(String username, String secret, Http http) {
    }

    Login as(Role role) {
        Long place = switch (role) {
            case FIELD_WORKER -> VILLAGE;
            case SYSTEM_ADMIN, SECURITY_ADMIN, AUDIT_ADMIN -> null;
            default -> COUNTY;
        };
        String username = TestAccounts.create(accounts, List.of(new Grant(role, place, role == Role.DEPARTMENT_LIAISON ? department() : null)));
        String secret = null;
        Http http = new Http(port);
        if (role.administrator()) {
            secret = secondFactor.newSecret();
            long id = accounts.find(username).orElseThrow().id();
            secondFactor.enrol(id, secret);
            Http.Response token = http.post("/api/v1/auth/token",
                    Map.of("username", username, "password", TestAccounts.PASSWORD, "otp", code(secret)));
            if (token.status() != 200) {
                throw new IllegalStateException(token.body());
            }
            http.withBearer(token.json().get("token").asString());
        } else {
            http.withToken(username, TestAccounts.PASSWORD);
        }
        return new Login(username, secret, http);
    }

    static String code(String secret) {
        try {
            return new DefaultCodeGenerator().generate(secret, Math.floorDiv(System.currentTimeMillis() / 1000, 30));
        } catch (CodeGenerationException e) {
            throw new IllegalStateException(e);
        }
    }
}
