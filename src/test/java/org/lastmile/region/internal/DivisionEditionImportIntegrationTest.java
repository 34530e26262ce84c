package org.lastmile.region.internal;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.region.CodeMappingReport;
import org.lastmile.region.EditionReport;
import org.lastmile.region.RegionCodeMoveParticipant;
import org.lastmile.support.LastmileIntegrationTest;
import org.lastmile.support.ScratchDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Later editions and code mappings, on a scratch database of their own: an edition lists the whole
 * country, so importing a small one into the shared test database would abolish everything else.
 */
@LastmileIntegrationTest
class DivisionEditionImportIntegrationTest {

    @Autowired
    DataSource mainDataSource;
    @TempDir
    Path dir;

    ScratchDatabase db;
    JdbcClient jdbc;
    RegionEditionService service;
    final List<String> movesSeenByOtherModule = new ArrayList<>();

    @BeforeEach
    void setUp() {
        db = ScratchDatabase.migrated(mainDataSource);
        JdbcTemplate template = new JdbcTemplate(db.dataSource());
        jdbc = JdbcClient.create(template);
        StaticListableBeanFactory beans = new StaticListableBeanFactory();
        beans.addBean("associations", new AssociationCodeMoves(jdbc));
        beans.addBean("otherModule", new RegionCodeMoveParticipant() {
            @Override
            public String owner() {
                return "test.records";
            }

            @Override
            public long moveRecords(long oldCode, long newCode) {
                movesSeenByOtherModule.add(oldCode + "->" + newCode);
                return 2;
            }
        });
        service = new RegionEditionService(template, new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
                beans.getBeanProvider(RegionCodeMoveParticipant.class), false);
    }

    @AfterEach
    void tearDown() {
        db.close();
    }

    @Test
    void aNewerEditionAddsRenamesAndAbolishesNeverDeleting() {
        EditionReport first = service.importEdition("2023", new EditionFixture().writeTo(dir.resolve("2023")));
        assertThat(first.added()).isEqualTo(24);

        EditionFixture next = new EditionFixture();
        next.villages.replaceAll(line -> line.replace("\"白云源村\"", "\"白云村\""));          // renamed
        next.villages.removeIf(line -> line.startsWith("330122100202"));                    // dropped
        next.villages.add("330122100203,\"新合村\",330122100,33,3301,330122");               // added
        EditionReport report = service.importEdition("2024", next.writeTo(dir.resolve("2024")));

        assertThat(report.added()).isEqualTo(1);
        assertThat(report.renamed()).isEqualTo(1);
        assertThat(report.abolished()).isEqualTo(1);
        assertThat(report.reinstated()).isZero();
        assertThat(report.unchanged()).isEqualTo(22);
        assertThat(name(330122001002L)).isEqualTo("白云村");
        assertThat(jdbc.sql("select abolished_edition from region_division where code = 330122100202").query(String.class).single())
                .isEqualTo("2024");
        assertThat(jdbc.sql("select old_name || '>' || new_name from region_division_history where code = 330122001002 and change = 'RENAMED'")
                .query(String.class).single()).isEqualTo("白云源村>白云村");
        assertThat(jdbc.sql("select count(*) from region_village_association where division_code = 330122100203").query(Long.class).single())
                .isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from region_village_association where division_code = 330122100202").query(Long.class).single())
                .as("the abolished village keeps its association record").isEqualTo(1L);
    }

    @Test
    void aCodeThatComesBackIsReinstated() {
        service.importEdition("2023", new EditionFixture().writeTo(dir.resolve("2023")));
        EditionFixture without = new EditionFixture();
        without.villages.removeIf(line -> line.startsWith("330122100202"));
        service.importEdition("2024", without.writeTo(dir.resolve("2024")));
        EditionReport back = service.importEdition("2025", new EditionFixture().writeTo(dir.resolve("2025")));
        assertThat(back.reinstated()).isEqualTo(1);
        assertThat(jdbc.sql("select abolished_edition from region_division where code = 330122100202").query(String.class).optional())
                .isEmpty();
    }

    @Test
    void refusesToImportTheSameEditionTwice() {
        Path folder = new EditionFixture().writeTo(dir.resolve("2023"));
        service.importEdition("2023", folder);
        assertThatThrownBy(() -> service.importEdition("2023", folder)).hasMessageContaining("already been imported");
    }

    @Test
    void aBadFileChangesNothing() {
        service.importEdition("2023", new EditionFixture().writeTo(dir.resolve("2023")));
        EditionFixture bad = new EditionFixture();
        bad.villages.remove(0);
        bad.villages.add("33012210020,\"短码村\",330122100,33,3301,330122");
        assertThatThrownBy(() -> service.importEdition("2024", bad.writeTo(dir.resolve("2024"))))
                .hasMessageContaining("villages.csv");
        assertThat(jdbc.sql("select count(*) from region_edition").query(Long.class).single()).isEqualTo(1L);
        assertThat(jdbc.sql("select count(*) from region_division where abolished_edition is not null").query(Long.class).single()).isZero();
    }

    @Test
    void aCodeMappingMovesEveryRegisteredRecordAndReportsBadLines() throws Exception {
        service.importEdition("2023", new EditionFixture().writeTo(dir.resolve("2023")));
        EditionFixture merged = new EditionFixture();
        merged.villages.removeIf(line -> line.startsWith("330122100202"));
        service.importEdition("2024", merged.writeTo(dir.resolve("2024")));
        jdbc.sql("update region_village_association set established_on = date '2020-05-01' where division_code = 330122100202").update();
        jdbc.sql("""
                insert into region_committee_member (association_code, name, position, member_kind, since)
                values (330122100202, '王芳', 'FULL_TIME_MEMBER', 'DISABLED_PERSON', date '2020-05-01')""").update();

        Path mapping = dir.resolve("mapping.csv");
        Files.writeString(mapping, String.join("\n",
                "oldCode,newCode",
                "330122100202,330122100201",   // merged into its neighbour
                "330122100202,999999999999",   // unknown new code
                "3301221002,330122100201",     // malformed
                "330122100201,330122100000",   // different levels
                ""));
        CodeMappingReport report = service.applyCodeMapping(mapping);

        assertThat(report.applied()).isEqualTo(1);
        assertThat(report.movedByOwner()).containsEntry("region.associations", 1L).containsEntry("test.records", 2L);
        assertThat(report.rejected()).extracting(CodeMappingReport.RejectedLine::line).containsExactly(3, 4, 5);
        assertThat(report.rejected()).extracting(CodeMappingReport.RejectedLine::reason)
                .allSatisfy(reason -> assertThat(reason).isNotBlank());
        assertThat(movesSeenByOtherModule).containsExactly("330122100202->330122100201");
        assertThat(jdbc.sql("select association_code from region_committee_member where name = '王芳'").query(Long.class).single())
                .isEqualTo(330122100201L);
        assertThat(jdbc.sql("select established_on::text from region_village_association where division_code = 330122100201")
                .query(String.class).single()).isEqualTo("2020-05-01");
        assertThat(jdbc.sql("select successor_code from region_division where code = 330122100202").query(Long.class).single())
                .isEqualTo(330122100201L);
        assertThat(jdbc.sql("select count(*) from region_code_move where old_code = 330122100202").query(Long.class).single())
                .isEqualTo(1L);
    }

    private String name(long code) {
        return jdbc.sql("select name from region_division where code = ?").param(code).query(String.class).single();
    }
}
