package org.lastmile.region.internal;

import org.lastmile.platform.StartupTask;
import org.lastmile.region.CodeMappingReport;
import org.lastmile.region.EditionReport;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionCodeMoveParticipant;
import org.lastmile.region.RegionEditions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads the shipped edition into a new database before the application serves requests, imports
 * later editions and applies code mappings.
 */
@Service
class RegionEditionService implements RegionEditions, StartupTask {

    private static final Logger log = LoggerFactory.getLogger(RegionEditionService.class);

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final DivisionImporter importer;
    private final ObjectProvider<RegionCodeMoveParticipant> participants;
    private final boolean loadShippedEdition;

    RegionEditionService(JdbcTemplate jdbcTemplate, TransactionTemplate tx,
                         ObjectProvider<RegionCodeMoveParticipant> participants,
                         @Value("${lastmile.regions.load-shipped-edition:true}") boolean loadShippedEdition) {
        this.jdbc = JdbcClient.create(jdbcTemplate);
        this.tx = tx;
        this.importer = new DivisionImporter(jdbcTemplate, tx);
        this.participants = participants;
        this.loadShippedEdition = loadShippedEdition;
    }

    @Override
    public int order() {
        return 100;
    }

    /** On first start, the whole country: 31 provinces down to 620,573 villages. */
    @Override
    public void run() {
        if (!loadShippedEdition) {
            return;
        }
        boolean empty = jdbc.sql("select not exists (select 1 from region_edition)").query(Boolean.class).single();
        if (empty) {
            log.info("Loading the national division table ({}), once", DivisionFiles.SHIPPED_EDITION);
            EditionReport report = importer.importEdition(DivisionFiles.SHIPPED_EDITION, DivisionFiles.shipped());
            log.info("Loaded {} divisions in {} ms", report.added(), report.durationMillis());
        }
    }

    @Override
    public EditionReport importEdition(String edition, Path directory) {
        return importer.importEdition(edition, DivisionFiles.directory(directory));
    }

    @Override
    public CodeMappingReport applyCodeMapping(Path mappingFile) {
        List<CodeMappingReport.RejectedLine> rejected = new ArrayList<>();
        Map<String, Long> moved = new LinkedHashMap<>();
        int applied = 0;
        try (BufferedReader reader = Files.newBufferedReader(mappingFile, StandardCharsets.UTF_8)) {
            int lineNumber = 0;
            for (List<String> fields; (fields = CsvLines.next(reader)) != null; ) {
                lineNumber++;
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                String oldText = fields.get(0).replace("\uFEFF", "").strip();
                String newText = fields.size() > 1 ? fields.get(1).strip() : "";
                if (lineNumber == 1 && !oldText.isEmpty() && !Character.isDigit(oldText.charAt(0))) {
                    continue; // header
                }
                Optional<String> problem = movePair(oldText, newText, moved);
                if (problem.isPresent()) {
                    rejected.add(new CodeMappingReport.RejectedLine(lineNumber, oldText, newText, problem.get()));
                } else {
                    applied++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + mappingFile + ": " + e.getMessage(), e);
        }
        return new CodeMappingReport(applied, moved, rejected);
    }

    /** Moves one pair in its own transaction; returns why it was refused, if it was. */
    private Optional<String> movePair(String oldText, String newText, Map<String, Long> movedTotals) {
        Optional<RegionCode> oldCode = RegionCode.parse(oldText).filter(c -> oldText.length() == 12);
        Optional<RegionCode> newCode = RegionCode.parse(newText).filter(c -> newText.length() == 12);
        if (oldCode.isEmpty() || newCode.isEmpty()) {
            return Optional.of("both codes must have 12 digits");
        }
        if (oldCode.get().equals(newCode.get())) {
            return Optional.of("the old and the new code are the same");
        }
        return tx.execute(status -> {
            Map<String, Object> oldRow = jdbc.sql("select level, abolished_edition from region_division where code = ?")
                    .param(oldCode.get().value()).query().listOfRows().stream().findFirst().orElse(null);
            Map<String, Object> newRow = jdbc.sql("select level, abolished_edition from region_division where code = ?")
                    .param(newCode.get().value()).query().listOfRows().stream().findFirst().orElse(null);
            if (oldRow == null) {
                return Optional.of("the old code is unknown");
            }
            if (newRow == null) {
                return Optional.of("the new code is unknown; import the edition that has it first");
            }
            if (newRow.get("abolished_edition") != null) {
                return Optional.of("the new code is abolished");
            }
            if (!oldRow.get("level").equals(newRow.get("level"))) {
                return Optional.of("the two codes are of different levels");
            }
            Map<String, Long> moved = new LinkedHashMap<>();
            for (RegionCodeMoveParticipant participant : participants.orderedStream().toList()) {
                moved.put(participant.owner(), participant.moveRecords(oldCode.get().value(), newCode.get().value()));
            }
            jdbc.sql("insert into region_code_move (old_code, new_code, moved_rows) values (?, ?, ?::jsonb)")
                    .params(oldCode.get().value(), newCode.get().value(), toJson(moved)).update();
            jdbc.sql("insert into region_division_history (code, change, new_code) values (?, 'MOVED', ?)")
                    .params(oldCode.get().value(), newCode.get().value()).update();
            jdbc.sql("""
                    update region_division
                       set successor_code = :new, updated_at = now(),
                           abolished_edition = coalesce(abolished_edition, (select id from region_edition order by imported_at desc limit 1))
                     where code = :old""")
                    .param("new", newCode.get().value()).param("old", oldCode.get().value()).update();
            moved.forEach((owner, count) -> movedTotals.merge(owner, count, Long::sum));
            return Optional.<String>empty();
        });
    }

    private static String toJson(Map<String, Long> moved) {
        StringBuilder json = new StringBuilder("{");
        moved.forEach((owner, count) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(owner.replace("\\", "\\\\").replace("\"", "\\\"")).append("\":").append(count);
        });
        return json.append('}').toString();
    }
}
