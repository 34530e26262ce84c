package org.lastmile.registry.internal;

import org.lastmile.registry.IdNumber;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** Fixtures of the registry: valid, fresh ID numbers and the request bodies built on them. */
final class Persons {

    static final String VILLAGE = "330122002200";
    static final String NEIGHBOUR = "330122002201";

    private Persons() {
    }

    /**
     * A valid ID number nobody has used yet in this run: under an address code (339901) that the demo's
     * generated persons never use, so a test never collides with them.
     */
    static String freshIdNumber() {
        return freshIdNumber(LocalDate.of(1940, 1, 1).plusDays(ThreadLocalRandom.current().nextInt(365 * 70)));
    }

    /** A fresh ID number of someone born on that day (for rules that read the age). */
    static String freshIdNumber(LocalDate birth) {
        String first17 = "339901" + birth.toString().replace("-", "") + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
        return first17 + IdNumber.checkCharacter(first17);
    }

    /** A fresh ID number of someone aged {@code years} today. */
    static String freshIdNumberAged(int years) {
        return freshIdNumber(LocalDate.now().minusYears(years).minusDays(1 + ThreadLocalRandom.current().nextInt(300)));
    }

    /** A certified adult with a physical disability of grade 2 in the test village. */
    static Map<String, Object> aCertifiedAdult(String idNumber) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", "张三");
        body.put("idNumber", idNumber);
        body.put("certificateNumber", idNumber + "42");
        body.put("disabilityCategory", 4);
        body.put("disabilityGrade", 2);
        body.put("villageCode", VILLAGE);
        body.put("phone", "13812341234");
        body.put("address", "桐庐县城南街道 1 号");
        body.put("certificateIssuedOn", "2020-05-19");
        return body;
    }
}
