package org.lastmile.access.internal;

import cn.idev.excel.FastExcel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A county's committee members from a spreadsheet: every bad row reported, good rows kept, a rerun changes nothing. */
@LastmileIntegrationTest
class AccountImportIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    AccountService accounts;
    @Autowired
    SecondFactor secondFactor;
    @Autowired
    org.lastmile.region.Departments departments;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    AccessFixtures.Login sysadmin;
    AccessFixtures.Login secadmin;

    @BeforeEach
    void logIn() {
        AccessFixtures fixtures = new AccessFixtures(accounts, secondFactor, departments, port);
        sysadmin = fixtures.as(Role.SYSTEM_ADMIN);
        secadmin = fixtures.as(Role.SECURITY_ADMIN);
    }

    private byte[] workbook(List<List<Object>> rows) throws Exception {
        Path file = dir.resolve("accounts-" + System.nanoTime() + ".xlsx");
        FastExcel.write(file.toFile()).sheet("委员").doWrite(rows);
        return Files.readAllBytes(file);
    }

    private static String phone(int n) {
        return "139" + String.format("%08d", (System.nanoTime() / 1000 + n) % 100_000_000);
    }

    @Test
    void createsTheGoodRowsReportsEveryBadOneAndChangesNothingTheSecondTime() throws Exception {
        String p1 = phone(1);
        String p2 = phone(2);
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("备注", "村(社区)代码", "姓名", "手机号码"));                  // any order, an extra column, a synonym
        rows.add(List.of("", "330122002200", "王芳", p1));                            // row 2: good
        rows.add(List.of("", "330122002200", "", phone(3)));                          // row 3: no name
        rows.add(List.of("", "330122002200", "李四", "12345"));                       // row 4: bad phone
        rows.add(List.of("", "330122000000", "赵五", phone(5)));                      // row 5: a county, not a village
        rows.add(List.of("", "330122002200", "钱六", p1));                            // row 6: same phone as row 2
        rows.add(List.of("", "", "", ""));                                            // row 7: blank, skipped
        rows.add(List.of("", "３３０１２２００２２００", "孙七", Long.parseLong(p2)));  // row 8: full-width code, phone as a number
        byte[] file = workbook(rows);

        Http.Response started = sysadmin.http().upload("/api/v1/imports/accounts", "委员.xlsx", file);
        assertThat(started.status()).isEqualTo(202);
        String id = started.json().get("id").asString();
        JsonNode job = sysadmin.http().awaitJob("/api/v1/imports/" + id);
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(2);
        assertThat(job.get("rejected").asLong()).isEqualTo(4);
        List<String> errors = new ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asInt() + " " + e.get("code").asString()));
        assertThat(errors).containsExactly("3 NAME_REQUIRED", "4 PHONE_INVALID", "5 VILLAGE_UNKNOWN", "6 DUPLICATE_IN_FILE");
        assertThat(job.get("errors").get(3).get("message").asString()).contains("2");

        Http.Response passwords = sysadmin.http().get("/api/v1/imports/" + id + "/accounts.csv");
        assertThat(passwords.status()).isEqualTo(200);
        assertThat(passwords.body()).contains("王芳", "孙七", "c330122002200-");
        String created = passwords.body().lines().skip(1).findFirst().orElseThrow().split(",")[1];
        assertThat(accounts.find(created).orElseThrow().mustChangePassword()).isTrue();
        assertThat(accounts.find(created).orElseThrow().maskedPhone()).startsWith("139****");

        // Someone else's job is not theirs to see.
        assertThat(secadmin.http().get("/api/v1/imports/" + id).status()).isEqualTo(404);

        JsonNode again = sysadmin.http().awaitJob("/api/v1/imports/"
                + sysadmin.http().upload("/api/v1/imports/accounts", "委员.xlsx", file).json().get("id").asString());
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(2);

        // The uploads are encrypted at rest and released for deletion once their job is done.
        assertThat(jdbc.sql("select count(*) from access_upload where owner = ? and delete_after is null and filename = '委员.xlsx'")
                .param(sysadmin.username()).query(Long.class).single()).isZero();
    }

    @Test
    void aDryRunWritesNothing() throws Exception {
        String p = phone(9);
        byte[] file = workbook(List.of(List.of("姓名", "联系电话", "村(社区)代码"), List.of("周八", p, "330122002200")));
        JsonNode job = sysadmin.http().awaitJob("/api/v1/imports/"
                + sysadmin.http().upload("/api/v1/imports/accounts?dryRun=true", "a.xlsx", file).json().get("id").asString());
        assertThat(job.get("imported").asLong()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from access_account where display_name = '周八'").query(Long.class).single()).isZero();
    }

    @Test
    void aFileWithoutTheColumnsFailsWithAClearReason() throws Exception {
        byte[] file = "名单\n王芳\n".getBytes(StandardCharsets.UTF_8);
        JsonNode job = sysadmin.http().awaitJob("/api/v1/imports/"
                + sysadmin.http().upload("/api/v1/imports/accounts", "a.csv", file).json().get("id").asString());
        assertThat(job.get("status").asString()).isEqualTo("FAILED");
        assertThat(job.get("failure").asString()).contains("姓名", "联系电话", "村(社区)代码");
        Http.Response wrongType = sysadmin.http().upload("/api/v1/imports/accounts", "a.pdf", file);
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.json().get("errors").get(0).get("code").asString()).isEqualTo("FILE_TYPE");
    }

    @Test
    void grantsRolesInBulkWithTheSameRulesAsOneByOne() throws Exception {
        String a = org.lastmile.support.TestAccounts.create(accounts, List.of());
        String b = org.lastmile.support.TestAccounts.create(accounts, List.of());
        String csv = "用户名,角色,区划代码\n"
                + a + ",专职委员,330122002200\n"                 // row 2: good
                + b + ",FIELD_WORKER,330122\n"                  // row 3: a county for a village role
                + "nobody-" + a + ",领导,330122\n"               // row 4: unknown account
                + a + ",专职委员,330122002200\n"                 // row 5: already granted
                + secadmin.username() + ",领导,330122\n";       // row 6: own account
        JsonNode job = secadmin.http().awaitJob("/api/v1/imports/"
                + secadmin.http().upload("/api/v1/imports/grants", "grants.csv", csv.getBytes(StandardCharsets.UTF_8))
                .json().get("id").asString());
        assertThat(job.get("imported").asLong()).isEqualTo(1);
        assertThat(job.get("unchanged").asLong()).isEqualTo(1);
        List<String> errors = new ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asInt() + " " + e.get("code").asString()));
        assertThat(errors).containsExactly("3 REGION_LEVEL_NOT_ALLOWED", "4 ACCOUNT_UNKNOWN", "6 GRANT_OWN_ACCOUNT");
        assertThat(accounts.find(a).orElseThrow().grants()).containsExactly(new Grant(Role.FIELD_WORKER, 330122002200L, null));
        assertThat(sysadmin.http().upload("/api/v1/imports/grants", "grants.csv", csv.getBytes(StandardCharsets.UTF_8)).status())
                .as("granting is the security administrator's work").isEqualTo(403);
    }
}
