package org.lastmile.platform.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.flywaydb.core.Flyway;
import org.lastmile.platform.DemoStep;
import org.lastmile.support.LastmileIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@LastmileIntegrationTest
class DatasetIndexesIntegrationTest {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    DatasetIndexes indexes;
    @Autowired
    List<DemoStep> steps;
    @Autowired
    Flyway flyway;

    @BeforeEach
    void aTableWithASearchIndex() {
        jdbc.sql("drop table if exists platform_test_load").update();
        jdbc.sql("create table platform_test_load (id integer primary key, name text)").update();
        jdbc.sql("create index platform_test_load_name on platform_test_load (name text_pattern_ops, id) include (id) where name <> ''").update();
    }

    @AfterEach
    void dropIt() {
        jdbc.sql("delete from platform_dataset_index where name like 'platform_test_load%'").update();
        jdbc.sql("drop table if exists platform_test_load").update();
    }

    @Test
    void dropsAnIndexForALoadAndBuildsItAgainAsItWas() {
        String definition = definition("platform_test_load_name").orElseThrow();
        assertThat(indexes.drop(List.of("platform_test_load_name", "platform_test_load_absent"))).as("only the one that exists").isEqualTo(1);
        assertThat(definition("platform_test_load_name")).isEmpty();
        jdbc.sql("insert into platform_test_load select n, 'n' || n from generate_series(1, 1000) n").update();

        assertThat(indexes.restore()).isEqualTo(1);
        assertThat(definition("platform_test_load_name")).contains(definition);
        assertThat(jdbc.sql("select count(*) from platform_dataset_index").query(Long.class).single()).isZero();
        assertThat(indexes.restore()).as("nothing left to build").isZero();
    }

    @Test
    void anInterruptedLoadsIndexesAreBuiltAgainBeforeTheNextStartMigrates() {
        indexes.drop(List.of("platform_test_load_name"));
        FlywayMigrationStrategy atStart = new DatasetIndexes.AtStart().restoreDatasetIndexesThenMigrate("generate-data");
        atStart.migrate(flyway);
        assertThat(definition("platform_test_load_name")).as("a generate-data run decides itself").isEmpty();

        new DatasetIndexes.AtStart().restoreDatasetIndexesThenMigrate("").migrate(flyway);
        assertThat(definition("platform_test_load_name")).isPresent();
        assertThat(jdbc.sql("select count(*) from platform_dataset_index").query(Long.class).single()).isZero();
    }

    @Test
    void anIndexThatExistsAgainIsOnlyTakenOffTheRecord() {
        String definition = definition("platform_test_load_name").orElseThrow();
        indexes.drop(List.of("platform_test_load_name"));
        jdbc.sql(definition).update();
        assertThat(indexes.restore()).as("nothing built").isZero();
        assertThat(jdbc.sql("select count(*) from platform_dataset_index").query(Long.class).single()).isZero();
    }

    @Test
    void everyDeclaredSearchIndexExistsAndIsNoConstraint() {
        List<String> declared = steps.stream().flatMap(step -> step.searchIndexes().stream()).toList();
        assertThat(declared).isNotEmpty();
        for (String name : declared) {
            assertThat(definition(name)).as(name).isPresent();
            assertThat(jdbc.sql("select count(*) from pg_constraint where conname = ?").param(name).query(Long.class).single()).as(name).isZero();
            assertThat(jdbc.sql("select i.indisunique from pg_index i join pg_class c on c.oid = i.indexrelid where c.relname = ?").param(name)
                    .query(Boolean.class).single()).as(name + " is unique: a conflict clause may need it").isFalse();
        }
    }

    @Test
    void refusesAnythingButAnIndexName() {
        jdbc.sql("create index \"platform_test_load_Odd\" on platform_test_load (id)").update();
        assertThatThrownBy(() -> indexes.drop(List.of("platform_test_load_Odd"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(definition("platform_test_load_Odd")).as("kept, and not recorded").isPresent();
        assertThat(jdbc.sql("select count(*) from platform_dataset_index").query(Long.class).single()).isZero();
    }

    @Test
    void dropsOnlyForALoadBigAgainstWhatIsThere() {
        assertThat(DatasetIndexes.worthDropping(20_000, 0)).as("a county: the indexes cost little").isFalse();
        assertThat(DatasetIndexes.worthDropping(4_000_000, 0)).as("a province into an empty database").isTrue();
        assertThat(DatasetIndexes.worthDropping(4_000_000, 4_700_000)).as("a second province").isTrue();
        assertThat(DatasetIndexes.worthDropping(200_000, 40_000_000)).as("a few counties more on the nation").isFalse();
    }

    private Optional<String> definition(String index) {
        return jdbc.sql("select indexdef from pg_indexes where indexname = ?").param(index).query(String.class).optional();
    }
}
