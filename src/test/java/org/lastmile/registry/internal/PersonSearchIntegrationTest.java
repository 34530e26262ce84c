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
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@LastmileIntegrationTest
class PersonSearchIntegrationTest {

    @LocalServerPort
    int port;
    @Autowired
    Accounts accounts;
    @Autowired
    NameKeyBackfill backfill;
    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    Http worker;
    String id;
    long personId;
    String name;

    @BeforeEach
    void registerSomeone() {
        // A village of its own for this test class, so that counts are exact.
        long village = 330122101200L;
        worker = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, village), TestAccounts.PASSWORD);
        id = Persons.freshIdNumber();
        name = "曾" + middleCharacter() + "华";
        Map<String, Object> body = Persons.aCertifiedAdult(id);
        body.put("villageCode", Long.toString(village));
        body.put("name", name);
        body.put("phone", "1390000" + id.substring(14, 17) + "7");
        Http.Response created = worker.post("/api/v1/persons", body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        personId = created.json().get("id").asLong();
    }

    private List<Long> find(Http http, String q) {
        Http.Response response = http.post("/api/v1/persons/search", Map.of("q", q));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        response.json().get("items").forEach(p -> ids.add(p.get("id").asLong()));
        return ids;
    }

    @Test
    void aNamesBeginningPagesInNameOrderAndEveryPageTellsTheSameTotal() {
        // A surname of its own in this test's village: 23 namesakes, in two pages of 20.
        String surname = "覃" + middleCharacter();
        for (int i = 0; i < 22; i++) {
            Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
            body.put("villageCode", "330122101200");
            body.put("name", surname + middleCharacter());
            assertThat(worker.post("/api/v1/persons", body).status()).isEqualTo(201);
        }
        Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
        body.put("villageCode", "330122101200");
        body.put("name", surname);
        assertThat(worker.post("/api/v1/persons", body).status()).isEqualTo(201);

        JsonNode first = worker.post("/api/v1/persons/search", Map.of("q", surname, "size", 20)).json();
        JsonNode second = worker.post("/api/v1/persons/search", Map.of("q", surname, "size", 20, "page", 1)).json();
        assertThat(first.get("total").asLong()).isEqualTo(23);
        assertThat(second.get("total").asLong()).as("counted from a page that is not full").isEqualTo(23);
        assertThat(second.get("items")).hasSize(3);
        List<String> names = new ArrayList<>();
        first.get("items").forEach(p -> names.add(p.get("name").asString()));
        second.get("items").forEach(p -> names.add(p.get("name").asString()));
        assertThat(names).hasSize(23).isSorted().startsWith(surname);

        // Province-wide the first page is walked from the name index instead of sorted: the same order, the same total.
        Http province = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330000000000L), TestAccounts.PASSWORD);
        JsonNode wide = province.post("/api/v1/persons/search", Map.of("q", surname, "size", 20)).json();
        List<String> wideNames = new ArrayList<>();
        wide.get("items").forEach(p -> wideNames.add(p.get("name").asString()));
        assertThat(wide.get("total").asLong()).isEqualTo(23);
        assertThat(wideNames).isEqualTo(names.subList(0, 20));
    }

    @Test
    void pinyinPagesInNameOrderCountingEachPersonOnce() {
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
            body.put("villageCode", "330122101200");
            body.put("name", "覃" + middleCharacter() + middleCharacter());
            assertThat(worker.post("/api/v1/persons", body).status()).isEqualTo(201);
        }
        // "q" begins both 覃's initials (q..) and its full pinyin (qin...): each person once, in the name's byte order.
        List<Object[]> everyone = jdbc.sql("select id, name, life_status from registry_person where village_code = 330122101200")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3)}).list();
        List<Long> expected = withKeyBeginning(everyone, "q");
        java.util.Set<Long> active = new java.util.HashSet<>();
        everyone.stream().filter(p -> "ACTIVE".equals(p[2])).forEach(p -> active.add((Long) p[0]));
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);
        List<Long> paged = new ArrayList<>();
        for (int page = 0; page * 4 < expected.size(); page++) {
            JsonNode result = worker.post("/api/v1/persons/search", Map.of("q", "q", "size", 4, "page", page)).json();
            assertThat(result.get("total").asLong()).isEqualTo(expected.size());
            result.get("items").forEach(p -> paged.add(p.get("id").asLong()));
        }
        assertThat(paged).isEqualTo(expected);
        // With another filter the same keys are read through the person rows: the same persons.
        JsonNode filtered = worker.post("/api/v1/persons/search", Map.of("q", "q", "size", 100, "lifeStatus", "ACTIVE")).json();
        List<Long> filteredIds = new ArrayList<>();
        filtered.get("items").forEach(p -> filteredIds.add(p.get("id").asLong()));
        assertThat(filteredIds).containsExactlyInAnyOrderElementsOf(expected.stream().filter(active::contains).toList());
    }

    @Test
    void pinyinOverAProvinceWalksItsFirstTwoLettersInNameOrderWithTheSameTotal() {
        char middle = middleCharacter();
        for (int i = 0; i < 6; i++) {
            Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
            body.put("villageCode", "330122101200");
            body.put("name", "覃" + middle + (i < 3 ? '长' : middleCharacter()));
            assertThat(worker.post("/api/v1/persons", body).status()).isEqualTo(201);
        }
        String q = "q" + initialOf(middle);
        // Everyone of the province with a spelling that begins so. 长 reads cháng and zhǎng: the first three have two keys
        // beginning with q, each person found once.
        List<Object[]> everyone = jdbc.sql("select id, name from registry_person where village_code between 330000000000 and 339999999999")
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getString(2)}).list();
        List<Long> expected = withKeyBeginning(everyone, q);
        assertThat(expected).hasSizeGreaterThanOrEqualTo(6);

        Http province = new Http(port).withToken(TestAccounts.create(accounts, Role.CASE_WORKER, 330000000000L), TestAccounts.PASSWORD);
        List<Long> paged = new ArrayList<>();
        for (int page = 0; page * 4 < expected.size(); page++) {
            JsonNode result = province.post("/api/v1/persons/search", Map.of("q", q, "size", 4, "page", page)).json();
            assertThat(result.get("total").asLong()).as("page " + page).isEqualTo(expected.size());
            result.get("items").forEach(p -> paged.add(p.get("id").asLong()));
        }
        assertThat(paged).isEqualTo(expected);

        // Three letters: the same walk, the third letter a filter on it.
        String q3 = q + "z";
        List<Long> expected3 = withKeyBeginning(everyone, q3);
        assertThat(expected3).hasSizeGreaterThanOrEqualTo(3);
        JsonNode three = province.post("/api/v1/persons/search", Map.of("q", q3, "size", 2)).json();
        assertThat(three.get("total").asLong()).isEqualTo(expected3.size());
        List<Long> firstTwo = new ArrayList<>();
        three.get("items").forEach(p -> firstTwo.add(p.get("id").asLong()));
        assertThat(firstTwo).isEqualTo(expected3.subList(0, 2));
    }

    @Test
    void lastFourCharactersPageInNameOrderFromIdsAndPhones() {
        String tail = String.format("%03d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1000)) + "5";
        List<Long> mine = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = i < 3 ? idEndingWith(tail) : Persons.freshIdNumber();
            Map<String, Object> body = Persons.aCertifiedAdult(id);
            body.put("villageCode", "330122101200");
            body.put("name", "钱" + middleCharacter());
            if (i >= 3) {
                body.put("phone", "137" + String.format("%04d", java.util.concurrent.ThreadLocalRandom.current().nextInt(10000)) + tail);
            }
            Http.Response created = worker.post("/api/v1/persons", body);
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            mine.add(created.json().get("id").asLong());
        }
        List<Long> ids = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long total = -1;
        for (int page = 0; total < 0 || page * 2 < total; page++) {
            JsonNode result = worker.post("/api/v1/persons/search", Map.of("q", tail, "size", 2, "page", page)).json();
            total = result.get("total").asLong();
            result.get("items").forEach(p -> {
                ids.add(p.get("id").asLong());
                names.add(p.get("name").asString());
            });
        }
        assertThat(ids).containsAll(mine).doesNotHaveDuplicates().hasSize((int) total);
        assertThat(names).isSorted();
    }

    /** A valid ID of this test's county whose last four characters are {@code tail} (its check character found by trying birth dates). */
    private static String idEndingWith(String tail) {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        while (true) {
            String first17 = "330122" + java.time.LocalDate.of(1950, 1, 1).plusDays(random.nextInt(20000)).toString().replace("-", "")
                    + tail.substring(0, 3);
            if (String.valueOf(org.lastmile.registry.IdNumber.checkCharacter(first17)).equals(tail.substring(3))) {
                return first17 + tail.substring(3);
            }
        }
    }

    @Test
    void theNameKeysFollowARenameAndAMove() {
        String renamed = "翟" + middleCharacter() + "明";
        jdbc.sql("update registry_person set name = :name, name_keys = :keys where id = :id").param("name", renamed)
                .param("keys", org.lastmile.registry.PersonNames.searchKeys(renamed).toArray(String[]::new)).param("id", personId).update();
        assertThat(find(worker, "zeng")).doesNotContain(personId);
        assertThat(find(worker, "zhai")).contains(personId);

        jdbc.sql("update registry_person set village_code = 330122101010 where id = ?").param(personId).update();
        assertThat(find(worker, "zhai")).as("moved out of the worker's village").doesNotContain(personId);
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, 330122101010L), TestAccounts.PASSWORD);
        assertThat(find(neighbour, "zhai")).contains(personId);
        assertThat(jdbc.sql("select distinct village_code::text || ' ' || name from registry_person_name_key where person_id = ?").param(personId)
                .query(String.class).list()).containsExactly("330122101010 " + renamed);
        jdbc.sql("update registry_person set village_code = 330122101200 where id = ?").param(personId).update();
    }

    @Test
    void aDeletedPersonTakesTheirNameKeysAlong() {
        Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
        body.put("villageCode", "330122101200");
        body.put("name", "臧" + middleCharacter());
        long gone = worker.post("/api/v1/persons", body).json().get("id").asLong();
        String keys = "select count(*) from registry_person_name_key where person_id = ?";
        assertThat(jdbc.sql(keys).param(gone).query(Long.class).single()).isPositive();
        // As the benchmark harness removes the persons its import made: their history, then them.
        jdbc.sql("delete from registry_person_history where person_id = ?").param(gone).update();
        jdbc.sql("delete from registry_person where id = ?").param(gone).update();
        assertThat(jdbc.sql(keys).param(gone).query(Long.class).single()).isZero();
    }

    @Test
    void findsByEveryKindOfQuery() {
        assertThat(find(worker, id)).as("whole ID").containsExactly(personId);
        assertThat(find(worker, id.toLowerCase())).as("lowercase x").containsExactly(personId);
        assertThat(find(worker, id + "42")).as("certificate number").containsExactly(personId);
        assertThat(find(worker, id.substring(12))).as("last 6").contains(personId);
        assertThat(find(worker, id.substring(14))).as("last 4").contains(personId);
        assertThat(find(worker, "1390000" + id.substring(14, 17) + "7")).as("phone").containsExactly(personId);
        assertThat(find(worker, name)).as("name").contains(personId);
        assertThat(find(worker, name.substring(0, 1))).as("surname").contains(personId);
        assertThat(find(worker, "z" + initialOf(name.charAt(1)) + "h")).as("pinyin initials, 曾 as z").contains(personId);
        assertThat(find(worker, "c" + initialOf(name.charAt(1)) + "h")).as("pinyin initials, 曾 as c").contains(personId);
        String middle = org.lastmile.registry.PersonNames.spellingsOf(name.substring(1, 2)).get(0);
        assertThat(find(worker, "zeng" + middle + "hua")).as("full pinyin").contains(personId);
        assertThat(find(worker, "Zeng " + middle)).as("beginning of the full pinyin, capitals and a space").contains(personId);
        assertThat(find(worker, "zeng" + middle.charAt(0))).as("pinyin then an initial").contains(personId);
        assertThat(find(worker, "ceng")).as("the other reading of 曾").contains(personId);
        assertThat(find(worker, name.substring(1))).as("two characters that are not the beginning").doesNotContain(personId);
        assertThat(find(worker, "完全不存在的名字")).isEmpty();
    }

    @Test
    void findsThreeCharactersAnywhereInTheName() {
        String longName = "欧阳" + name.substring(1) + "明";
        Map<String, Object> body = Persons.aCertifiedAdult(Persons.freshIdNumber());
        body.put("villageCode", "330122101200");
        body.put("name", longName);
        long other = worker.post("/api/v1/persons", body).json().get("id").asLong();
        assertThat(find(worker, longName.substring(2, 5))).as("three characters inside a four-character name").contains(other);
        assertThat(find(worker, "欧阳")).as("a two-character surname").contains(other);
    }

    @Test
    void startUpFillsTheKeysOfPersonsStoredBeforeFullPinyin() {
        jdbc.sql("update registry_person set name_keys = '{}' where id = ?").param(personId).update();
        assertThat(find(worker, "zeng")).doesNotContain(personId);
        backfill.run();
        assertThat(find(worker, "zeng")).contains(personId);
    }

    @Test
    void neverFindsAnythingOutsideTheScope() {
        Http neighbour = new Http(port).withToken(TestAccounts.create(accounts, Role.FIELD_WORKER, 330122101010L), TestAccounts.PASSWORD);
        assertThat(find(neighbour, id)).isEmpty();
        assertThat(find(neighbour, name)).isEmpty();
        Http hotline = new Http(port).withToken(TestAccounts.create(accounts, Role.HOTLINE_OPERATOR, 330122000000L), TestAccounts.PASSWORD);
        assertThat(find(hotline, id)).containsExactly(personId);
        Http otherCounty = new Http(port).withToken(TestAccounts.create(accounts, Role.HOTLINE_OPERATOR, 330106000000L), TestAccounts.PASSWORD);
        assertThat(find(otherCounty, id)).isEmpty();
    }

    @Test
    void listsWithFiltersAndPages() {
        JsonNode page = worker.get("/api/v1/persons?regionCode=330122101200&category=4&grade=2&size=1").json();
        assertThat(page.get("total").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(page.get("size").asInt()).isEqualTo(1);
        assertThat(page.get("items").get(0).get("idNumber").asString()).contains("********");
        assertThat(worker.get("/api/v1/persons?category=5&regionCode=330122101200").json().get("items"))
                .noneSatisfy(p -> assertThat(p.get("id").asLong()).isEqualTo(personId));
    }

    /** The ids of the persons ({id, name, ...}) with a spelling that begins with {@code key}, in the name's byte order, then id. */
    private static List<Long> withKeyBeginning(List<Object[]> persons, String key) {
        return persons.stream()
                .filter(p -> org.lastmile.registry.PersonNames.searchKeys((String) p[1]).stream().anyMatch(k -> k.startsWith(key)))
                .sorted(java.util.Comparator.comparing((Object[] p) -> ((String) p[1]).getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        java.util.Arrays::compareUnsigned).thenComparing(p -> (Long) p[0]))
                .map(p -> (Long) p[0]).toList();
    }

    /** A character with a pinyin reading (the block also holds characters used only in Japanese, which have none). */
    private static char middleCharacter() {
        for (int offset = (int) (System.nanoTime() % 500); ; offset = (offset + 1) % 500) {
            char c = (char) ('一' + offset);
            if (org.lastmile.registry.PersonNames.initials(String.valueOf(c)).get(0).matches("[a-z]")) {
                return c;
            }
        }
    }

    private static char initialOf(char c) {
        return org.lastmile.registry.PersonNames.initials(String.valueOf(c)).get(0).charAt(0);
    }
}
