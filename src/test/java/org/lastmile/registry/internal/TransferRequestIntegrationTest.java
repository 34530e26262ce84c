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

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person registered elsewhere comes over by a request the owning place decides; the requester never learns where. */
@LastmileIntegrationTest
class TransferRequestIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    JdbcClient jdbc;

    private Http as(Role role, long place) {
        return new Http(port).withToken(TestAccounts.create(accounts, role, place), TestAccounts.PASSWORD);
    }

    @Test
    void theOwningPlaceAcceptsAndTheRecordMovesWithItsHistory() {
        Http owner = as(Role.FIELD_WORKER, 330122002200L);
        String id = Persons.freshIdNumber();
        long personId = owner.post("/api/v1/persons", Persons.aCertifiedAdult(id)).json().get("id").asLong();

        Http newcomer = as(Role.FIELD_WORKER, 330106002051L);
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("villageCode", "330106002051");
        assertThat(newcomer.post("/api/v1/persons", body).json().get("errors").get(0).get("code").asString()).isEqualTo("REGISTERED_ELSEWHERE");

        Http.Response requested = newcomer.post("/api/v1/transfer-requests", Map.of("idNumber", id, "villageCode", "330106002051",
                "reason", "随子女迁居西湖区"));
        assertThat(requested.status()).isEqualTo(201);
        assertThat(requested.body()).doesNotContain("330122").doesNotContain(Long.toString(personId) + ",");
        long requestId = requested.json().get("id").asLong();
        assertThat(newcomer.post("/api/v1/transfer-requests", Map.of("idNumber", id, "villageCode", "330106002051", "reason", "再次"))
                .json().get("errors").get(0).get("code").asString()).isEqualTo("TRANSFER_PENDING");

        Http otherCounty = as(Role.CASE_WORKER, 330106000000L);
        assertThat(otherCounty.get("/api/v1/transfer-requests/incoming").json()).noneSatisfy(r ->
                assertThat(r.get("id").asLong()).isEqualTo(requestId));
        Http county = as(Role.CASE_WORKER, 330122000000L);
        JsonNode incoming = county.get("/api/v1/transfer-requests/incoming").json();
        assertThat(incoming).anySatisfy(r -> {
            assertThat(r.get("id").asLong()).isEqualTo(requestId);
            assertThat(r.get("maskedIdNumber").asString()).contains("********");
            assertThat(r.get("toVillage").asString()).isEqualTo("330106002051");
        });
        assertThat(otherCounty.post("/api/v1/transfer-requests/" + requestId + "/accept", Map.of()).status())
                .as("only the owning place decides").isEqualTo(404);

        Http.Response accepted = county.post("/api/v1/transfer-requests/" + requestId + "/accept", Map.of("reason", "同意"));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(newcomer.get("/api/v1/persons/" + personId).status()).isEqualTo(200);
        assertThat(owner.get("/api/v1/persons/" + personId).status()).isEqualTo(404);
        assertThat(newcomer.get("/api/v1/transfer-requests/" + requestId).json().get("status").asString()).isEqualTo("ACCEPTED");
        assertThat(jdbc.sql("select source from registry_person_history where person_id = ? and change = 'TRANSFERRED'")
                .param(personId).query(String.class).single()).isEqualTo("TRANSFER_REQUEST");
    }

    @Test
    void aDeclineNeedsAReason() {
        Http owner = as(Role.FIELD_WORKER, 330122002200L);
        String id = Persons.freshIdNumber();
        owner.post("/api/v1/persons", Persons.aCertifiedAdult(id));
        Http newcomer = as(Role.FIELD_WORKER, 330106002051L);
        long requestId = newcomer.post("/api/v1/transfer-requests", Map.of("idNumber", id, "villageCode", "330106002051", "reason", "迁居"))
                .json().get("id").asLong();
        Http county = as(Role.CASE_WORKER, 330122000000L);
        assertThat(county.post("/api/v1/transfer-requests/" + requestId + "/decline", Map.of()).status()).isEqualTo(400);
        assertThat(county.post("/api/v1/transfer-requests/" + requestId + "/decline", Map.of("reason", "本人仍住本村")).status()).isEqualTo(200);
        assertThat(newcomer.get("/api/v1/transfer-requests/" + requestId).json().get("decisionReason").asString()).isEqualTo("本人仍住本村");
    }
}
