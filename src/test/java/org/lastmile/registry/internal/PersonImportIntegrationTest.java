package org.lastmile.registry.internal;

import cn.idev.excel.FastExcel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.registry.IdNumber;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** One spreadsheet with every mess a county sends gives exactly the expected rows and row errors. */
@LastmileIntegrationTest
class PersonImportIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;
    @TempDir
    Path dir;

    Http county;
    String countyUser;

    @BeforeEach
    void logIn() {
        countyUser = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
        county = new Http(port).withToken(countyUser, TestAccounts.PASSWORD);
    }

    private static String fifteenDigits() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        LocalDate birth = LocalDate.of(1940, 1, 1).plusDays(random.nextInt(365 * 59));
        return "339901" + birth.toString().substring(2).replace("-", "") + String.format("%03d", random.nextInt(1000));
    }

    private byte[] workbook(List<List<Object>> rows) throws Exception {
        Path file = dir.resolve("persons-" + System.nanoTime() + ".xlsx");
        FastExcel.write(file.toFile()).sheet("名单").doWrite(rows);
        return Files.readAllBytes(file);
    }

    private JsonNode run(String path, byte[] file) {
        Http.Response started = county.upload(path, "名单.xlsx", file);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return county.awaitJob("/api/v1/imports/" + started.json().get("id").asString());
    }

    @Test
    void importsTheGoodRowsAndReportsEveryMessExactly() throws Exception {
        String good = Persons.freshIdNumber();
        String messy = Persons.freshIdNumber();
        String old = fifteenDigits();
        String converted = IdNumber.parse(old).number().value();
        String numeric = Persons.freshIdNumber().replace("X", "1");
        String duplicate = Persons.freshIdNumber();
        String outside = Persons.freshIdNumber();
        String existing = Persons.freshIdNumber();
        assertThat(county.post("/api/v1/persons", Persons.aCertifiedAdult(existing)).status()).isEqualTo(201);

        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("备注", "住址", "残疾等级", "残疾类别", "公民身份号码", "姓名", "残疾证号", "村(社区)代码", "手机号"));
        rows.add(List.of("", "城南 1 号", "二级", "肢体", good, "王芳", good + "42", "330122002200", "13800000001"));           // 2 ok
        rows.add(List.of("", "", "3级", "精神残疾", "\u00A0" + fullWidth(messy.toLowerCase()) + "\u200B", "阿依古丽·买买提",
                fullWidth(messy) + "63", "３３０１２２００２２００", ""));                                                       // 3 ok, messy
        rows.add(List.of("", "", "", "", "", "", "", "", ""));                                                                  // 4 blank
        rows.add(List.of("", "", "1", "4", old, "李四", old.substring(0, 6) + old.substring(6) + "41", "330122002200", ""));     // 5 ok, warning
        rows.add(List.of("", "", "2", "4", Long.parseLong(numeric), "赵五", numeric + "42", "330122002200", ""));               // 6 number cell
        rows.add(List.of("", "", "2", "4", duplicate, "钱六", duplicate + "42", "330122002200", ""));                           // 7 ok
        rows.add(List.of("", "", "2", "4", duplicate, "钱六", duplicate + "42", "330122002200", ""));                           // 8 duplicate of 7
        rows.add(List.of("", "", "2", "4", outside, "孙七", outside + "42", "330106002051", ""));                               // 9 outside scope
        rows.add(List.of("", "", "五级", "肢体", Persons.freshIdNumber(), "周八", "x", "330122002200", ""));                     // 10 bad grade
        rows.add(List.of("", "新住址 8 号", "二级", "肢体", existing, "张三", existing + "42", "330122002200", "13812341234")); // 11 update
        byte[] file = workbook(rows);

        JsonNode job = run("/api/v1/imports/persons", file);
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).isEqualTo(4);
        assertThat(job.get("updated").asLong()).isEqualTo(1);
        assertThat(job.get("rejected").asLong()).isEqualTo(4);
        assertThat(job.get("warnings").asLong()).isEqualTo(1);
        List<String> errors = new ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asInt() + " " + e.get("column").asString() + " " + e.get("code").asString()));
        assertThat(errors).containsExactly(
                "5 身份证号 ID_CONVERTED_FROM_15",
                "6 身份证号 AS_NUMBER",
                "8 身份证号 DUPLICATE_IN_FILE",
                "9 村(社区)代码 VILLAGE_OUT_OF_SCOPE",
                "10 残疾等级 GRADE_INVALID");
        assertThat(job.get("errors").get(1).get("message").asString()).contains("文本");
        assertThat(job.get("errors").get(2).get("message").asString()).contains("7");

        Http.Response found = county.post("/api/v1/persons/search", java.util.Map.of("q", messy));
        assertThat(found.json().get("items").get(0).get("name").asString()).isEqualTo("阿依古丽·买买提");
        assertThat(county.post("/api/v1/persons/search", java.util.Map.of("q", converted)).json().get("total").asLong()).isEqualTo(1);
        JsonNode updated = county.post("/api/v1/persons/search", java.util.Map.of("q", existing)).json().get("items").get(0);
        assertThat(updated.get("address").asString()).isEqualTo("新住址 8 号");
        String history = jdbc.sql("select string_agg(source, ',' order by id) from registry_person_history where person_id = ?")
                .param(updated.get("id").asLong()).query(String.class).single();
        assertThat(history).isEqualTo("API,IMPORT");

        // The same file again changes nothing.
        JsonNode again = run("/api/v1/imports/persons", file);
        assertThat(again.get("imported").asLong()).isZero();
        assertThat(again.get("updated").asLong()).isZero();
        assertThat(again.get("unchanged").asLong()).isEqualTo(5);

        // The rejected rows come back as they were, with the reason beside each.
        Http.Response rejected = county.get("/api/v1/imports/" + job.get("id").asString() + "/errors.xlsx");
        assertThat(rejected.status()).isEqualTo(200);
        Path back = dir.resolve("rejected.xlsx");
        Files.write(back, county.getBytes("/api/v1/imports/" + job.get("id").asString() + "/errors.xlsx"));
        List<String> returned = new ArrayList<>();
        SpreadsheetRows.read(() -> {
            try {
                return Files.newInputStream(back);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "rejected.xlsx", List.of(new SpreadsheetRows.Column("name", true, List.of("姓名")),
                new SpreadsheetRows.Column("reason", true, List.of("错误原因"))),
                row -> returned.add(row.cell("name").text() + ": " + row.cell("reason").text()));
        assertThat(returned).hasSize(5);
        assertThat(returned.get(1)).startsWith("赵五: ").contains("文本");
    }

    @Test
    void aFileOfSeveralChunksStoresEveryGoodRowWithItsHistorySearchKeysAndCategories() throws Exception {
        // A village of its own (俞赵村): two thousand persons in the shared test village would push others off its lists.
        String village = "330122101206";
        String existing = Persons.freshIdNumber();
        java.util.Map<String, Object> before = Persons.aCertifiedAdult(existing);
        before.put("villageCode", village);
        assertThat(county.post("/api/v1/persons", before).status()).isEqualTo(201);
        int rowsInFile = PersonImport.CHUNK * 2 + 500;
        List<String> ids = new ArrayList<>();
        List<List<Object>> rows = new ArrayList<>();
        rows.add(List.of("姓名", "身份证号", "残疾人证号", "残疾类别", "残疾等级", "村(社区)代码", "多重残疾构成", "手机号"));
        // Distinct by construction (random ones would meet each other in a file this long), under an address code nobody else uses.
        LocalDate firstBirth = LocalDate.of(1940, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365 * 60));
        for (int i = 0; i < rowsInFile; i++) {
            String first17 = "339902" + firstBirth.plusDays(i / 1000).toString().replace("-", "") + String.format("%03d", i % 1000);
            String id = i == PersonImport.CHUNK * 2 + 100 ? existing : first17 + IdNumber.checkCharacter(first17);
            ids.add(id);
            boolean multiple = i % 10 == 0;
            String grade = i == PersonImport.CHUNK + 7 ? "九级" : "2";                                     // one bad row in the second chunk
            rows.add(List.of(i % 2 == 0 ? "欧阳明" : "李娜", id, id + (multiple ? "72" : "42"), multiple ? "7" : "4", grade, village,
                    multiple ? "肢体二级、言语三级" : "", i % 3 == 0 ? "1390000" + String.format("%04d", i) : ""));
        }
        JsonNode job = run("/api/v1/imports/persons", workbook(rows));

        assertThat(job.get("status").asString()).as(job.toString()).isEqualTo("DONE");
        assertThat(job.get("imported").asLong()).as(job.get("errors").toString()).isEqualTo(rowsInFile - 2);
        assertThat(job.get("updated").asLong() + job.get("unchanged").asLong()).as("the person registered before").isEqualTo(1);
        assertThat(job.get("rejected").asLong()).isEqualTo(1);
        assertThat(job.get("errors").get(0).get("row").asInt()).isEqualTo(PersonImport.CHUNK + 7 + 2);

        String first = ids.get(0);
        JsonNode found = county.post("/api/v1/persons/search", java.util.Map.of("q", first)).json().get("items").get(0);
        long firstId = found.get("id").asLong();
        assertThat(found.get("name").asString()).isEqualTo("欧阳明");
        assertThat(jdbc.sql("select name_keys from registry_person where id = ?").param(firstId)
                .query((rs, n) -> List.of((String[]) rs.getArray(1).getArray())).single())
                .isEqualTo(org.lastmile.registry.PersonNames.searchKeys("欧阳明"));
        assertThat(jdbc.sql("select categories::text || ' ' || (certificate_expires_on is null) from registry_person where id = ?").param(firstId)
                .query(String.class).single()).isEqualTo("{7,3,4} true");
        assertThat(jdbc.sql("select source || ' ' || change || ' ' || changes::text from registry_person_history where person_id = ?")
                .param(firstId).query(String.class).single()).isEqualTo("IMPORT CREATED {\"villageCode\": {\"to\": " + village + "}}");
        long stored = jdbc.sql("""
                        select count(distinct p.id) from registry_person p join registry_person_history h on h.person_id = p.id
                         where h.account = ? and h.source = 'IMPORT' and h.change = 'CREATED' and p.village_code = ?""")
                .params(countyUser, Long.parseLong(village)).query(Long.class).single();
        assertThat(stored).as("every new person has its history line, by this test's account").isEqualTo(rowsInFile - 2);
        assertThat(jdbc.sql("""
                        select count(distinct subject_id) from access_audit
                         where action = 'PERSON_CREATE' and subject_type = 'person' and account = ? and details = ?""")
                .params(countyUser, "IMPORT " + job.get("id").asString()).query(Long.class).single())
                .as("one audit record per person created, as a registration has").isEqualTo(rowsInFile - 2);
        assertThat(county.post("/api/v1/persons/search", java.util.Map.of("q", "oym")).json().get("total").asLong())
                .as("found by pinyin initials").isGreaterThanOrEqualTo(rowsInFile / 2);
    }

    @Test
    void aDryRunChecksEverythingAndWritesNothing() throws Exception {
        String id = Persons.freshIdNumber();
        byte[] file = workbook(List.of(List.of("姓名", "身份证号", "残疾人证号", "残疾类别", "残疾等级", "村(社区)代码"),
                List.of("吴九", id, id + "42", "4", "2", "330122002200")));
        JsonNode job = run("/api/v1/imports/persons?dryRun=true", file);
        assertThat(job.get("imported").asLong()).isEqualTo(1);
        assertThat(county.post("/api/v1/persons/search", java.util.Map.of("q", id)).json().get("total").asLong()).isZero();
    }

    @Test
    void theTemplateHasTheColumnsAsTextAndAnExplanation() throws Exception {
        Http.Response template = county.get("/api/v1/imports/persons/template");
        assertThat(template.status()).isEqualTo(200);
        assertThat(template.header("Content-Type")).contains("spreadsheetml");
    }

    private static String fullWidth(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c >= '0' && c <= '9' ? (char) (c - '0' + '０') : c == 'x' ? 'ｘ' : c);
        }
        return out.toString();
    }

}
