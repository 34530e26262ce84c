package org.lastmile.registry.internal;

import org.lastmile.platform.StartupTask;
import org.lastmile.registry.FormDefinition;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The form definitions as data in the database: the versions shipped in {@code forms/*.json} are added
 * at start when missing (a version, once loaded, never changes; a new year's form is a new version),
 * and a year reads the newest version whose year range holds it.
 */
@Component
class FormDefinitions implements StartupTask {

    static final String STATUS_NEEDS = "status-needs";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Map<String, FormDefinition> parsed = new ConcurrentHashMap<>();

    FormDefinitions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public int order() {
        return 600;
    }

    @Override
    public void run() {
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources("classpath:forms/*.json")) {
                FormDefinition form = FormDefinition.read(resource.getInputStream());
                jdbc.sql("""
                        insert into registry_form_definition (code, version, from_year, to_year, definition)
                        values (?, ?, ?, ?, ?::jsonb) on conflict (code, version) do nothing""")
                        .params(form.code(), form.version(), form.fromYear(), form.toYear(), JSON.writeValueAsString(form)).update();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the shipped form definitions", e);
        }
    }

    /** The definition that applies to the year: the newest version whose range holds it. */
    Optional<FormDefinition> forYear(String code, int year) {
        return jdbc.sql("""
                select version, definition::text from registry_form_definition
                 where code = ? and from_year <= ? and (to_year is null or to_year >= ?) order by version desc limit 1""")
                .params(code, year, year)
                .query((rs, n) -> parsed.computeIfAbsent(code + "/" + rs.getInt(1),
                        key -> FormDefinition.read(new java.io.ByteArrayInputStream(text(rs).getBytes(java.nio.charset.StandardCharsets.UTF_8)))))
                .optional();
    }

    private static String text(java.sql.ResultSet rs) {
        try {
            return rs.getString(2);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
