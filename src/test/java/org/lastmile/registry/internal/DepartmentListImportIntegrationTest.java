package org.lastmile.registry.internal;

import org.junit.jupiter.api.Test;
import org.lastmile.access.Accounts;
import org.lastmile.access.Role;
import org.lastmile.support.Http;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.TestAccounts;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A civil-affairs list with every kind of row: applied, warned, duplicated, unknown, outside the importer's places. */
@LastmileIntegrationTest
class DepartmentListImportIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private String register(Http http, String village) {
        String id = Persons.freshIdNumberAged(50);
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("villageCode", village);
        assertThat(http.post("/api/v1/persons", body).status()).isEqualTo(201);
        return id;
    }

    private long personId(String idNumber, Http http) {
        return http.post("/api/v1/persons/search", Map.of("q", idNumber)).json().get("items").get(0).get("id").asLong();
    }

    @Test
    void setsAndEndsStatusesByIdNumberAndReportsEveryBadRow() {
        Http county = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        Http township = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122002000L), TestAccounts.PASSWORD);
        String dibao = register(township, Persons.VILLAGE);
        String tekun = register(township, Persons.VILLAGE);
        String dead = register(township, Persons.VILLAGE);
        String edge = register(township, Persons.VILLAGE);
        String elsewhere = register(county, "330122003001");
        long edgeId = personId(edge, township);
        long household = township.post("/api/v1/households", Map.of("villageCode", Persons.VILLAGE)).json().get("id").asLong();
        township.post("/api/v1/households/" + household + "/members", Map.of("personId", edgeId, "relation", "HEAD"));
        township.put("/api/v1/households/" + household + "/tags/EDGE_HOUSEHOLD", Map.of("since", "2024-01-01", "source", "民政"));

        String csv = String.join("\n",
                "姓名,身份证号,救助类别,认定日期,变动",
                "张三," + dibao + ",低保,2026-10-01,",
                "错名," + tekun + ",特困,2026/9/1,新增",
                "," + dibao + ",低保,2026-10-01,",
                "," + dead + ",死亡,20261101,",
                "," + Persons.freshIdNumber() + ",低保,2026-10-01,",
                "," + tekun + ",富裕,2026-10-01,",
                "," + edge + ",边缘户,,取消",
                "," + elsewhere + ",低保,2026-10-01,",
                "," + dead + ",特困,,") + "\n";
        byte[] file = csv.getBytes(StandardCharsets.UTF_8);

        JsonNode dry = township.awaitJob("/api/v1/imports/" + start(township, file, "true").get("id").asString());
        assertThat(dry.get("status").asString()).as(dry.toString()).isEqualTo("DONE");
        assertThat(jdbc.sql("select count(*) from registry_household_tag where source = '民政低保名单 2026-11'").query(Long.class).single())
                .as("a dry run changes nothing").isZero();

        JsonNode job = township.awaitJob("/api/v1/imports/" + start(township, file, "false").get("id").asString());
        assertThat(job.get("status").asString()).isEqualTo("DONE");
        List<String> errors = new ArrayList<>();
        job.get("errors").forEach(e -> errors.add(e.get("row").asInt() + " " + e.get("code").asString()));
        assertThat(errors).containsExactlyInAnyOrder("3 NAME_DIFFERS", "4 DUPLICATE_IN_FILE", "6 NOT_IN_YOUR_REGISTER", "7 LIST_STATUS_UNKNOWN",
                "9 NOT_IN_YOUR_REGISTER", "10 DATE_REQUIRED");
        assertThat(job.get("counts").get("applied").asLong()).isEqualTo(4);

        JsonNode tagged = township.get("/api/v1/persons/search".replace("/search", "") + "?tag=DIBAO&regionCode=" + Persons.VILLAGE + "&size=1000").json();
        assertThat(tagged.toString()).contains(dibao.substring(14));
        assertThat(township.get("/api/v1/persons/" + personId(dead, township)).json().get("lifeStatus").asString()).isEqualTo("DECEASED");
        assertThat(township.get("/api/v1/households/" + household).json().get("tags")).isEmpty();
        assertThat(township.get("/api/v1/persons/" + personId(dibao, township) + "/history").body()).contains("TAG_SET").contains("IMPORT");

        JsonNode again = township.awaitJob("/api/v1/imports/" + start(township, file, "false").get("id").asString());
        assertThat(again.get("counts").has("applied")).as("the same list again changes nothing").isFalse();
        assertThat(township.getBytes("/api/v1/imports/" + job.get("id").asString() + "/errors.xlsx").length).isPositive();
    }

    @Test
    void refusesAListWithoutItsSource() {
        Http township = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330122002000L), TestAccounts.PASSWORD);
        Http.Response refused = township.upload("/api/v1/imports/department-lists?dryRun=false", "list.csv", "身份证号,状态\n".getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("source");
    }

    private JsonNode start(Http http, byte[] file, String dryRun) {
        Http.Response started = http.upload("/api/v1/imports/department-lists?dryRun=" + dryRun + "&source="
                + java.net.URLEncoder.encode("民政低保名单 2026-11", StandardCharsets.UTF_8), "低保名单.csv", file);
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json();
    }
}
