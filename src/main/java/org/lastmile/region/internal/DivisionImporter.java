package org.lastmile.region.internal;

import org.lastmile.region.EditionReport;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

/**
 * Imports one edition of the division table, the first one and every later one alike: the rows are
 * streamed with COPY into a staging table, then merged in one transaction. New codes are added,
 * renamed ones updated (the old name kept in history), codes the edition no longer lists are marked
 * abolished, never deleted, and abolished codes that come back are reinstated. Every new county,
 * township and higher unit gets its federation unit, every new village its (empty) association.
 */
final class DivisionImporter {

    private final JdbcTemplate jdbcTemplate;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    DivisionImporter(JdbcTemplate jdbcTemplate, TransactionTemplate tx) {
        this.jdbcTemplate = jdbcTemplate;
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.tx = tx;
    }

    EditionReport importEdition(String edition, DivisionFiles files) {
        if (edition == null || !edition.matches("[0-9A-Za-z._-]{1,32}")) {
            throw new IllegalArgumentException("An edition is named by 1-32 letters, digits, '.', '_' or '-': " + edition);
        }
        long started = System.nanoTime();
        return tx.execute(status -> {
            boolean known = jdbc.sql("select exists (select 1 from region_edition where id = ?)")
                    .param(edition).query(Boolean.class).single();
            if (known) {
                throw new IllegalStateException("Edition " + edition + " has already been imported");
            }
            jdbc.sql("insert into region_edition (id, source, duration_ms, added, renamed, abolished, reinstated, unchanged) "
                    + "values (?, ?, 0, 0, 0, 0, 0, 0)").params(edition, files.description()).update();
            jdbc.sql("create temporary table region_staging (code bigint primary key, name text not null, "
                    + "level smallint not null, parent_code bigint, kind text not null) on commit drop").update();
            copyIntoStaging(files);
            jdbc.sql("analyze region_staging").update();

            int reinstated = recordAndApply("""
                    insert into region_division_history (code, change, old_name, new_name, edition)
                    select d.code, 'REINSTATED', d.name, s.name, :edition
                      from region_division d join region_staging s using (code)
                     where d.abolished_edition is not null""", """
                    update region_division d set abolished_edition = null, successor_code = null, updated_at = now()
                      from region_staging s
                     where s.code = d.code and d.abolished_edition is not null""", edition);
            int renamed = recordAndApply("""
                    insert into region_division_history (code, change, old_name, new_name, edition)
                    select d.code, 'RENAMED', d.name, s.name, :edition
                      from region_division d join region_staging s using (code)
                     where d.name <> s.name""", """
                    update region_division d set name = s.name, updated_at = now()
                      from region_staging s
                     where s.code = d.code and d.name <> s.name""", edition);
            // Level, parent and kind follow from the codes present; keep them current without counting them as renames.
            jdbc.sql("""
                    update region_division d set level = s.level, parent_code = s.parent_code, kind = s.kind, updated_at = now()
                      from region_staging s
                     where s.code = d.code
                       and (d.level, d.parent_code, d.kind) is distinct from (s.level, s.parent_code, s.kind)""").update();
            int abolished = recordAndApply("""
                    insert into region_division_history (code, change, old_name, edition)
                    select d.code, 'ABOLISHED', d.name, :edition
                      from region_division d
                     where d.abolished_edition is null
                       and not exists (select 1 from region_staging s where s.code = d.code)""", """
                    update region_division d set abolished_edition = :edition, updated_at = now()
                     where d.abolished_edition is null
                       and not exists (select 1 from region_staging s where s.code = d.code)""", edition);
            int added = jdbc.sql("""
                    insert into region_division (code, name, level, parent_code, kind, since_edition)
                    select s.code, s.name, s.level, s.parent_code, s.kind, :edition
                      from region_staging s
                     where not exists (select 1 from region_division d where d.code = s.code)""")
                    .param("edition", edition).update();
            jdbc.sql("""
                    insert into region_federation_unit (division_code)
                    select d.code from region_division d
                     where d.level <= 4 and d.kind <> 'PLACEHOLDER'
                       and not exists (select 1 from region_federation_unit u where u.division_code = d.code)""").update();
            jdbc.sql("""
                    insert into region_village_association (division_code)
                    select d.code from region_division d
                     where d.level = 5
                       and not exists (select 1 from region_village_association a where a.division_code = d.code)""").update();
            int listed = jdbc.sql("select count(*) from region_staging").query(Integer.class).single();
            int unchanged = listed - added - renamed - reinstated;
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            jdbc.sql("""
                    update region_edition set duration_ms = ?, added = ?, renamed = ?, abolished = ?, reinstated = ?, unchanged = ?
                     where id = ?""").params(millis, added, renamed, abolished, reinstated, unchanged, edition).update();
            return new EditionReport(edition, added, renamed, abolished, reinstated, unchanged, millis);
        });
    }

    private int recordAndApply(String history, String change, String edition) {
        jdbc.sql(history).param("edition", edition).update();
        return jdbc.sql(change).param("edition", edition).update();
    }

    private void copyIntoStaging(DivisionFiles files) {
        jdbcTemplate.execute((ConnectionCallback<Void>) connection -> {
            CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy region_staging (code, name, level, parent_code, kind) from stdin");
            try {
                StringBuilder buffer = new StringBuilder(1 << 17);
                files.read(row -> {
                    buffer.append(row.code()).append('\t')
                            .append(escape(row.name())).append('\t')
                            .append(row.level().number()).append('\t')
                            .append(row.parentCode() == null ? "\\N" : row.parentCode().toString()).append('\t')
                            .append(row.kind().name()).append('\n');
                    if (buffer.length() > 1 << 16) {
                        flush(copy, buffer);
                    }
                });
                flush(copy, buffer);
                copy.endCopy();
            } catch (RuntimeException e) {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
                throw e;
            }
            return null;
        });
    }

    private static void flush(CopyIn copy, StringBuilder buffer) {
        byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
        try {
            copy.writeToCopy(bytes, 0, bytes.length);
        } catch (SQLException e) {
            throw new IllegalStateException("COPY into the staging table failed: " + e.getMessage(), e);
        }
        buffer.setLength(0);
    }

    /** COPY text format: backslash, tab, newline and carriage return must be escaped. */
    private static String escape(String value) {
        if (value.indexOf('\\') < 0 && value.indexOf('\t') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r");
    }
}
