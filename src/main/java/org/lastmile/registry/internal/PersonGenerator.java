package org.lastmile.registry.internal;

import org.lastmile.access.PersonalData;
import org.lastmile.access.PersonalData.IndexKind;
import org.lastmile.platform.ChineseNames;
import org.lastmile.registry.IdNumber;
import org.lastmile.registry.PersonNames;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Synthetic but realistic certified persons for the demo and for benchmarks: valid ID numbers under
 * the county's address code, ages skewed old as the certified population is, categories and grades
 * in plausible shares, names by surname frequency, mobile numbers. Each village draws from its own
 * seeded random source, so a village's persons do not depend on the others. Loaded with COPY.
 */
@Component
class PersonGenerator {

    // Shares in per cent, by category digit 1..7 (physical disability is about half of certificates).
    private static final int[] CATEGORY_SHARES = {14, 9, 2, 48, 8, 11, 8};
    private static final int[] GRADE_SHARES = {12, 25, 30, 33};
    private static final String[] ROADS = {"中心路", "人民路", "新村", "溪边", "山脚", "桥头", "上村", "下村", "东坞", "西坞"};

    private final JdbcTemplate jdbc;
    private final PersonalData personalData;

    PersonGenerator(JdbcTemplate jdbc, PersonalData personalData) {
        this.jdbc = jdbc;
        this.personalData = personalData;
    }

    /** Generates {@code perVillage} persons (on average) in each village; returns how many. */
    long generate(List<Long> villages, int perVillage, long seed, LocalDate today) {
        return jdbc.execute((ConnectionCallback<Long>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("""
                    copy registry_person (village_code, name, name_keys, id_number, id_index, id_tail6_index, id_tail4_index,
                         certificate_number, sex, birth_date, disability_category, disability_grade, certificate_issued_on,
                         certificate_expires_on, address, phone, phone_index, phone_tail_index, registration_type, marital_status,
                         components, categories)
                    from stdin""");
            long count = 0;
            java.util.Set<String> used = new java.util.HashSet<>();
            StringBuilder buffer = new StringBuilder(1 << 16);
            try {
                for (long village : villages) {
                    SplittableRandom random = new SplittableRandom(seed * 7919 + village);
                    int persons = perVillage / 2 + random.nextInt(perVillage + 1);
                    for (int i = 0; i < persons; i++) {
                        row(buffer, village, i, random, today, used);
                        count++;
                        if (buffer.length() > 1 << 16) {
                            write(copy, buffer);
                        }
                    }
                }
                write(copy, buffer);
                copy.endCopy();
            } catch (RuntimeException | SQLException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
            return count;
        });
    }

    private void row(StringBuilder out, long village, int index, SplittableRandom random, LocalDate today, java.util.Set<String> used) {
        String name = ChineseNames.fullName(random);
        int age = Math.min(95, (int) Math.round(Math.abs(random.nextGaussian()) * 22 + 20 + random.nextInt(10)));
        LocalDate birth = today.minusYears(age).minusDays(random.nextInt(365));
        boolean male = random.nextInt(100) < 55;
        // One person per ID: a taken number moves on to the next sequence of the same sex, then the next day.
        String first17;
        int sequence = random.nextInt(500) * 2 + (male ? 1 : 0);
        do {
            if (sequence > 999) {
                sequence = male ? 1 : 0;
                birth = birth.minusDays(1);
            }
            first17 = Long.toString(village / 1_000_000) + birth.toString().replace("-", "") + String.format("%03d", sequence);
            sequence += 2;
        } while (!used.add(first17));
        IdNumber id = IdNumber.of(first17 + IdNumber.checkCharacter(first17));
        int category = pick(CATEGORY_SHARES, random) + 1;
        int grade = pick(GRADE_SHARES, random) + 1;
        String certificate = id.value() + category + grade;
        LocalDate issued = today.minusDays(random.nextInt(3650));
        String phone = random.nextInt(10) < 8 ? "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000)) : null;
        String address = ROADS[random.nextInt(ROADS.length)] + (1 + random.nextInt(200)) + "号";
        String[] keys = PersonNames.searchKeys(name).toArray(String[]::new);
        out.append(village).append('\t').append(name).append('\t').append('{').append(String.join(",", keys)).append('}').append('\t')
                .append(personalData.encrypt(id.value())).append('\t')
                .append(bytea(personalData.blindIndex(IndexKind.ID_NUMBER, id.value()))).append('\t')
                .append(bytea(personalData.blindIndex(IndexKind.ID_TAIL6, id.lastSix()))).append('\t')
                .append(bytea(personalData.blindIndex(IndexKind.ID_TAIL4, id.lastFour()))).append('\t')
                .append(personalData.encrypt(certificate)).append('\t')
                .append(id.sex().name()).append('\t').append(birth).append('\t').append(category).append('\t').append(grade).append('\t')
                .append(issued).append('\t').append(issued.plusYears(10)).append('\t').append(address).append('\t')
                .append(phone == null ? "\\N" : personalData.encrypt(phone)).append('\t')
                .append(phone == null ? "\\N" : bytea(personalData.blindIndex(IndexKind.PHONE, phone))).append('\t')
                .append(phone == null ? "\\N" : bytea(personalData.blindIndex(IndexKind.PHONE_TAIL4, phone.substring(7)))).append('\t')
                .append(random.nextInt(10) < 7 ? "AGRICULTURAL" : "NON_AGRICULTURAL").append('\t')
                .append(age < 22 ? "UNMARRIED" : random.nextInt(10) < 7 ? "MARRIED" : random.nextBoolean() ? "WIDOWED" : "UNMARRIED")
                .append('\t');
        if (category == 7) {
            // Two parts, e.g. physical and speech, the overall grade that of the most severe part.
            int first = 1 + random.nextInt(6);
            int second = 1 + (first + random.nextInt(5)) % 6;
            int low = Math.min(first, second);
            int high = Math.max(first, second);
            out.append("[{\"category\":").append(low).append(",\"grade\":").append(grade).append("},{\"category\":").append(high)
                    .append(",\"grade\":").append(Math.min(4, grade + random.nextInt(2))).append("}]").append('\t')
                    .append("{7,").append(low).append(',').append(high).append("}\n");
        } else {
            out.append("[]").append('\t').append('{').append(category).append("}\n");
        }
    }

    private static int pick(int[] shares, SplittableRandom random) {
        int roll = random.nextInt(100);
        for (int i = 0; i < shares.length; i++) {
            roll -= shares[i];
            if (roll < 0) {
                return i;
            }
        }
        return shares.length - 1;
    }

    /** bytea in COPY text format: \\x followed by hex (the backslash itself escaped). */
    private static String bytea(byte[] value) {
        return "\\\\x" + HexFormat.of().formatHex(value);
    }

    private static void write(CopyIn copy, StringBuilder buffer) {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY of generated persons failed: " + e.getMessage(), e);
        }
        buffer.setLength(0);
    }
}
