package org.lastmile.registry.internal;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class PersonExportIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    Http worker;
    String id;

    @BeforeEach
    void registerSomeone() {
        worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, 330122101010L), TestAccounts.PASSWORD);
        id = Persons.freshIdNumber();
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("villageCode", "330122101010");
        body.put("address", "=HYPERLINK(\"http://evil\")");
        assertThat(worker.post("/api/v1/persons", body).status()).isEqualTo(201);
    }

    private List<String[]> read(byte[] xlsx) throws IOException {
        Path file = dir.resolve("export-" + System.nanoTime() + ".xlsx");
        Files.write(file, xlsx);
        List<String[]> rows = new ArrayList<>();
        SpreadsheetRows.read(() -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "export.xlsx", List.of(new SpreadsheetRows.Column("id", true, List.of("身份证号")),
                new SpreadsheetRows.Column("address", true, List.of("住址")),
                new SpreadsheetRows.Column("phone", true, List.of("联系电话"))),
                row -> rows.add(new String[] {row.cell("id").text(), row.cell("address").text(), row.cell("phone").text()}));
        return rows;
    }

    @Test
    void exportsTheSearchMaskedWithFormulasNeutralisedAndAudited() throws Exception {
        byte[] xlsx = worker.postForBytes("/api/v1/persons/export", Map.of("regionCode", "330122101010"));
        List<String[]> rows = read(xlsx);
        assertThat(rows).isNotEmpty();
        String[] ours = rows.stream().filter(r -> r[0].endsWith(id.substring(14))).findFirst().orElseThrow();
        assertThat(ours[0]).contains("********");
        assertThat(ours[1]).startsWith("'=");
        assertThat(ours[2]).isEqualTo("138****1234");
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'PERSON_EXPORT' and details like '%masked'").query(Long.class).single())
                .isPositive();
    }

    @Test
    void revealsWholeNumbersOnlyWithAPurposeAndAuditsIt() throws Exception {
        Http.Response refused = worker.post("/api/v1/persons/export", Map.of("regionCode", "330122101010", "reveal", List.of("idNumber")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("code").asString()).isEqualTo("PURPOSE_REQUIRED");

        byte[] xlsx = worker.postForBytes("/api/v1/persons/export",
                Map.of("regionCode", "330122101010", "reveal", List.of("idNumber", "phone"), "purpose", "上报县残联核对"));
        assertThat(read(xlsx)).anySatisfy(r -> assertThat(r[0]).isEqualTo(id));
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'PERSON_EXPORT' and purpose = '上报县残联核对'")
                .query(Long.class).single()).isPositive();

        Http hotline = new Http(port).withToken(TestAccounts.create(accounts, Role.HOTLINE_OPERATOR, 330122000000L), TestAccounts.PASSWORD);
        Http.Response lookupOnly = hotline.post("/api/v1/persons/export",
                Map.of("regionCode", "330122101010", "reveal", List.of("idNumber"), "purpose", "回访"));
        assertThat(lookupOnly.json().get("errors").get(0).get("code").asString()).isEqualTo("REVEAL_NOT_ALLOWED");
    }

    @Test
    void neutralisesEveryFormulaStart() {
        assertThat(PersonExport.safe("=1+1")).isEqualTo("'=1+1");
        assertThat(PersonExport.safe("+86")).isEqualTo("'+86");
        assertThat(PersonExport.safe("-2")).isEqualTo("'-2");
        assertThat(PersonExport.safe("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(PersonExport.safe("城南")).isEqualTo("城南");
    }

    @Test
    void runsALargeExportAsAJobWithProgressAndGivesTheFileOnlyToItsOwner() {
        Http caseWorker = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        Http.Response started = caseWorker.post("/api/v1/exports/persons", Map.of("format", "csv", "reveal", List.of("idNumber"),
                "purpose", "核对低保名单"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        String path = "/api/v1/exports/" + started.json().get("id").asString();
        var job = caseWorker.awaitJob(path);
        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        long inCounty = jdbc.sql("select count(*) from registry_person where village_code between 330122000000 and 330122999999")
                .query(Long.class).single();
        assertThat(job.get("rows").asLong()).isEqualTo(inCounty);
        assertThat(job.get("total").asLong()).isEqualTo(inCounty);
        assertThat(job.get("progress").asDouble()).isEqualTo(1.0);

        String csv = new String(caseWorker.getBytes(job.get("file").asString()), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF姓名,身份证号");
        assertThat(csv.lines().count()).isEqualTo(inCounty + 1);
        assertThat(csv).as("revealed for the county's case worker").contains(id).contains("'=HYPERLINK");
        assertThat(jdbc.sql("select count(*) from access_audit where action = 'PERSON_EXPORT_DOWNLOAD'").query(Long.class).single()).isPositive();

        assertThat(worker.get(path).status()).as("someone else's export").isEqualTo(404);
        assertThat(worker.get(path + "/file").status()).isEqualTo(404);
    }

    @Test
    void refusesARevealWithoutAPurposeBeforeStartingTheJob() {
        Http.Response refused = worker.post("/api/v1/exports/persons", Map.of("reveal", List.of("phone")));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("purpose");
        assertThat(worker.post("/api/v1/exports/persons", Map.of("format", "pdf")).status()).isEqualTo(400);
    }

    @Test
    void streamsCsvToo() {
        String csv = new String(worker.postForBytes("/api/v1/persons/export", Map.of("regionCode", "330122101010", "format", "csv")),
                java.nio.charset.StandardCharsets.UTF_8);
        assertThat(csv).contains("********").contains("'=HYPERLINK");
    }
}
