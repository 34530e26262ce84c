package org.lastmile.registry.internal;

import org.junit.jupiter.api.BeforeEach;
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

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry's pages do what the API does: forms posted as a browser posts them, answers read as HTML. */
@LastmileIntegrationTest
class RegistryPagesIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    Http page;
    Http api;
    String worker;

    @BeforeEach
    void logIn() {
        worker = TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.VILLAGE));
        page = new Http(port);
        assertThat(page.loginPage(worker, TestAccounts.PASSWORD).header("Location")).endsWith("/");
        api = new Http(port).withToken(worker, TestAccounts.PASSWORD);
    }

    private long register(String idNumber) {
        Http.Response created = api.post("/api/v1/persons", Persons.aCertifiedAdult(idNumber));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").asLong();
    }

    private static String path(Http.Response redirect) {
        return java.net.URI.create(redirect.header("Location")).getPath();
    }

    private Map<String, String> editFields(long id) {
        String form = page.get("/persons/" + id + "/edit").body();
        Map<String, String> fields = new HashMap<>();
        fields.put("version", form.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1"));
        fields.put("name", "张三");
        fields.put("disabilityCategory", "4");
        fields.put("disabilityGrade", "2");
        fields.put("address", "桐庐县城南街道 1 号");
        return fields;
    }

    @Test
    void registersAMultipleDisabilityWithoutTypingTheCertificateNumber() {
        String id = Persons.freshIdNumber();
        Map<String, String> fields = new HashMap<>(Map.of("name", "李四", "idNumber", id, "disabilityCategory", "7", "disabilityGrade", "2",
                "villageCode", Persons.VILLAGE, "component1Category", "4", "component1Grade", "2", "component2Category", "3",
                "component2Grade", "3"));
        Http.Response registered = page.postForm("/persons/new", "/persons/new", fields);
        assertThat(registered.status()).as(registered.body()).isEqualTo(302);
        JsonNode person = api.get(path(registered).replace("/persons/", "/api/v1/persons/")).json();
        assertThat(person.get("disabilityCategory").asInt()).isEqualTo(7);
        assertThat(person.get("disabilityComponents")).hasSize(2);
        assertThat(person.get("certificateNumber").asString()).endsWith("72");
        assertThat(page.get(path(registered)).body()).contains("言语残疾 · 三级");

        Map<String, String> oneComponent = new HashMap<>(fields);
        oneComponent.put("idNumber", Persons.freshIdNumber());
        oneComponent.remove("component2Category");
        oneComponent.remove("component2Grade");
        Http.Response refused = page.postForm("/persons/new", "/persons/new", oneComponent);
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.body()).contains("href=\"#disabilityComponents\"").contains("至少两种");
    }

    @Test
    void offersATransferRequestWhenTheIdIsRegisteredElsewhereAndTheOwnerAcceptsIt() {
        String id = Persons.freshIdNumber();
        Map<String, Object> elsewhere = Persons.aCertifiedAdult(id);
        elsewhere.put("villageCode", Persons.NEIGHBOUR);
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, Long.parseLong(Persons.NEIGHBOUR)),
                TestAccounts.PASSWORD);
        long personId = neighbour.post("/api/v1/persons", elsewhere).json().get("id").asLong();

        Http.Response refused = page.postForm("/persons/new", "/persons/new", Map.of("name", "张三", "idNumber", id,
                "disabilityCategory", "4", "disabilityGrade", "2", "villageCode", Persons.VILLAGE));
        assertThat(refused.body()).contains("已在其他地方登记").contains("action=\"/transfer-requests/new\"")
                .doesNotContain(Persons.NEIGHBOUR);
        Http.Response prefilled = page.postForm("/persons/new", "/transfer-requests/new", Map.of("idNumber", id, "villageCode", Persons.VILLAGE));
        assertThat(prefilled.body()).contains("value=\"" + id + "\"");
        Http.Response noReason = page.postForm("/transfer-requests/new", "/transfer-requests",
                Map.of("idNumber", id, "villageCode", Persons.VILLAGE, "reason", ""));
        assertThat(noReason.body()).contains("href=\"#reason\"");
        Http.Response sent = page.postForm("/transfer-requests/new", "/transfer-requests",
                Map.of("idNumber", id, "villageCode", Persons.VILLAGE, "reason", "婚后随配偶落户"));
        assertThat(sent.header("Location")).endsWith("/transfer-requests");
        assertThat(page.get("/transfer-requests").body()).contains("婚后随配偶落户").contains("等待审核").doesNotContain(Persons.NEIGHBOUR);

        Http owner = new Http(port);
        owner.loginPage(TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L), TestAccounts.PASSWORD);
        String inbox = owner.get("/transfer-requests").body();
        assertThat(inbox).contains("婚后随配偶落户").contains("/persons/" + personId);
        long requestId = Long.parseLong(inbox.replaceAll("(?s).*action=\"/transfer-requests/(\\d+)/accept\".*", "$1"));
        Http.Response declineWithoutReason = owner.postForm("/transfer-requests", "/transfer-requests/" + requestId + "/decline", Map.of());
        assertThat(owner.get(path(declineWithoutReason)).body()).contains("href=\"#reason-" + requestId + "\"");
        assertThat(owner.postForm("/transfer-requests", "/transfer-requests/" + requestId + "/accept", Map.of()).status()).isEqualTo(302);
        assertThat(owner.postForm("/transfer-requests", "/transfer-requests/" + requestId + "/accept", Map.of()).status())
                .as("decided already").isEqualTo(404);

        assertThat(api.get("/api/v1/persons/" + personId).json().get("villageCode").asString()).isEqualTo(Persons.VILLAGE);
        assertThat(page.get("/transfer-requests").body()).contains("已同意");
    }

    @Test
    void editsAPersonAndShowsAChangeMadeMeanwhileInsteadOfOverwritingIt() {
        long id = register(Persons.freshIdNumber());
        Map<String, String> mine = editFields(id);
        Map<String, String> theirs = editFields(id);

        theirs.put("address", "桐庐县城南街道 9 号");
        assertThat(page.postForm("/persons/" + id + "/edit", "/persons/" + id + "/edit", theirs).status()).isEqualTo(302);

        mine.put("name", "张三丰");
        Http.Response conflict = page.postForm("/persons/" + id + "/edit", "/persons/" + id + "/edit", mine);
        assertThat(conflict.status()).isEqualTo(200);
        assertThat(conflict.body()).contains("已被他人保存").contains("桐庐县城南街道 9 号").contains("value=\"张三丰\"");
        assertThat(api.get("/api/v1/persons/" + id).json().get("name").asString()).as("nothing overwritten").isEqualTo("张三");

        Map<String, String> again = new HashMap<>(mine);
        again.put("version", conflict.body().replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1"));
        assertThat(page.postForm("/persons/" + id + "/edit", "/persons/" + id + "/edit", again).status()).isEqualTo(302);
        assertThat(api.get("/api/v1/persons/" + id).json().get("name").asString()).isEqualTo("张三丰");
    }

    @Test
    void aReassessmentOnThePageMakesTheNewCertificateNumberFromTheId() {
        String idNumber = Persons.freshIdNumber();
        long id = register(idNumber);
        Map<String, String> fields = editFields(id);
        fields.put("disabilityGrade", "1");
        Http.Response saved = page.postForm("/persons/" + id + "/edit", "/persons/" + id + "/edit", fields);
        assertThat(saved.status()).as(saved.body()).isEqualTo(302);
        String stored = jdbc.sql("select certificate_number from registry_person where id = ?").param(id).query(String.class).single();
        assertThat(stored).doesNotContain(idNumber);
        assertThat(api.get("/api/v1/persons/" + id).json().get("certificateNumber").asString()).endsWith("41");
        assertThat(api.get("/api/v1/persons/" + id + "/history").body()).contains("REASSESSED");
    }

    @Test
    void keepsTheHouseholdOnItsPage() {
        long head = register(Persons.freshIdNumber());
        long spouse = register(Persons.freshIdNumber());
        String path = "/persons/" + head + "/household";
        assertThat(page.get(path).body()).contains("还没有登记这个人的家庭");
        assertThat(page.postForm(path, path, Map.of()).status()).isEqualTo(302);
        String household = page.get(path).body();
        assertThat(household).contains("户主").contains("<option value=\"" + spouse + "\">");

        page.postForm(path, path + "/members", Map.of("personId", Long.toString(spouse), "relation", "SPOUSE"));
        page.postForm(path, path + "/members", Map.of("personId", "", "name", "张小明", "relation", "CHILD", "disabledUncertified", "true"));
        Http.Response secondHead = page.postForm(path, path + "/members", Map.of("personId", "", "name", "王五", "relation", "HEAD"));
        assertThat(page.get(path(secondHead)).body()).contains("一户只有一个户主");
        household = page.get(path).body();
        assertThat(household).contains("张小明").contains("有残疾未办证").doesNotContain("<option value=\"" + spouse + "\">");

        String version = household.replaceAll("(?s).*name=\"version\" value=\"(\\d+)\".*", "$1");
        Map<String, String> carer = Map.of("version", version, "address", "城南 3 号", "livingAlone", "false", "carerName", "李梅",
                "carerRelation", "女儿", "carerPhone", "13912345678");
        page.postForm(path, path + "/details", carer);
        assertThat(page.get(path).body()).contains("value=\"李梅\"").contains("139****5678");
        Http.Response stale = page.postForm(path, path + "/details", Map.of("version", version, "carerName", "赵强"));
        assertThat(page.get(path(stale)).body()).contains("已被他人保存").contains("value=\"赵强\"");
        assertThat(page.get("/persons/" + head).body()).as("the person page shows the carer").contains("李梅");

        String withMembers = page.get(path).body();
        String childMember = withMembers.replaceAll("(?s).*张小明.*?action=\"" + path + "/members/(\\d+)/remove\".*", "$1");
        page.postForm(path, path + "/members/" + childMember + "/remove", Map.of());
        assertThat(page.get(path).body()).doesNotContain("张小明");
    }

    @Test
    void movesAPersonWithinThePlacesTheUserServes() {
        Http countyPage = new Http(port);
        String caseWorker = TestAccounts.create(accounts, Role.CASE_WORKER, 330122000000L);
        countyPage.loginPage(caseWorker, TestAccounts.PASSWORD);
        long id = register(Persons.freshIdNumber());
        String form = countyPage.get("/persons/" + id + "/transfer").body();
        assertThat(form).contains("value=\"" + Persons.NEIGHBOUR + "\"").doesNotContain("value=\"" + Persons.VILLAGE + "\"");
        assertThat(countyPage.postForm("/persons/" + id + "/transfer", "/persons/" + id + "/transfer",
                Map.of("villageCode", Persons.NEIGHBOUR)).status()).isEqualTo(302);
        assertThat(new Http(port).withToken(caseWorker, TestAccounts.PASSWORD).get("/api/v1/persons/" + id).json().get("villageCode").asString())
                .isEqualTo(Persons.NEIGHBOUR);
        assertThat(page.get("/persons/" + id + "/edit").status()).as("no longer the village worker's").isEqualTo(404);
    }
}
