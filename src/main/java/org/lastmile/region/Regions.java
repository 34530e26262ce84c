package org.lastmile.region;

import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reading the division tree: one place, its children, and name search. */
@Service
@Transactional(readOnly = true)
public class Regions {

    private static final String COLUMNS =
            "code, name, level, parent_code, kind, since_edition, abolished_edition, successor_code";

    private final JdbcClient jdbc;

    Regions(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Region> find(RegionCode code) {
        return jdbc.sql("select " + COLUMNS + " from region_division where code = ?")
                .param(code.value())
                .query(Regions::row).optional()
                .map(row -> withPaths(List.of(row)).get(0));
    }

    /** The provinces when {@code parent} is empty, else the places directly below it, by code. */
    public PageResult<Region> children(Optional<RegionCode> parent, boolean includeAbolished, PageRequest page) {
        String where = parent.isPresent() ? "parent_code = :parent" : "level = 1";
        if (!includeAbolished) {
            where += " and abolished_edition is null";
        }
        Map<String, Object> params = new HashMap<>();
        parent.ifPresent(p -> params.put("parent", p.value()));
        return list(where, params, "code", page);
    }

    /** The current villages within a place (itself, when it is a village), by code, at most {@code limit}. */
    public List<Region> villagesWithin(RegionCode place, int limit) {
        return list("level = 5 and abolished_edition is null and " + place.subtreeSql("code"), new HashMap<>(), "code",
                new PageRequest(0, Math.min(limit, PageRequest.MAX_SIZE))).items();
    }

    /**
     * Places whose name equals, starts with or contains {@code q}, exact matches first, then prefix
     * matches, higher levels first. Prefix matches use a B-tree, longer substrings the trigram index.
     */
    public PageResult<Region> search(String q, Optional<RegionCode> within, Optional<RegionLevel> level,
                                     boolean includeAbolished, PageRequest page) {
        String text = q == null ? "" : q.strip();
        if (text.isEmpty()) {
            return children(within, includeAbolished, page);
        }
        // A pattern's best plan depends on its value (a beginning walks the B-tree, a longer part reads the trigrams): this
        // transaction never takes the generic plan the driver's prepared statement would get after 5 runs.
        jdbc.sql("set local plan_cache_mode = force_custom_plan").update();
        Map<String, Object> params = new HashMap<>();
        String escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        params.put("exact", text);
        params.put("prefix", escaped + "%");
        params.put("contains", "%" + escaped + "%");
        String where = "(name like :prefix or name like :contains)";
        if (within.isPresent()) {
            where += " and " + within.get().subtreeSql("code");
        }
        if (level.isPresent()) {
            where += " and level = :level";
            params.put("level", level.get().number());
        }
        if (!includeAbolished) {
            where += " and abolished_edition is null";
        }
        return list(where, params, "(name = :exact) desc, (name like :prefix) desc, level, code", page);
    }

    private PageResult<Region> list(String where, Map<String, Object> params, String orderBy, PageRequest page) {
        List<Row> rows = jdbc.sql("select " + COLUMNS + " from region_division where " + where
                        + " order by " + orderBy + " limit :limit offset :offset")
                .params(params).param("limit", page.size()).param("offset", page.offset())
                .query(Regions::row).list();
        long counted = jdbc.sql("select count(*) from (select 1 from region_division where " + where
                        + " limit " + (PageResult.COUNT_LIMIT + 1) + ") c")
                .params(params).query(Long.class).single();
        return PageResult.of(withPaths(rows), counted, page.page(), page.size());
    }

    /** Adds to each row its path, with one query for all the ancestors of the whole list. */
    private List<Region> withPaths(List<Row> rows) {
        Set<Long> ancestors = new LinkedHashSet<>();
        for (Row row : rows) {
            ancestors.addAll(ancestorCodes(row));
        }
        Map<Long, Row> byCode = new HashMap<>();
        if (!ancestors.isEmpty()) {
            jdbc.sql("select " + COLUMNS + " from region_division where code = any(?)")
                    .param(ancestors.toArray(Long[]::new))
                    .query(Regions::row).list()
                    .forEach(a -> byCode.put(a.code, a));
        }
        List<Region> regions = new ArrayList<>(rows.size());
        for (Row row : rows) {
            List<Region.PathStep> path = new ArrayList<>();
            for (long code : ancestorCodes(row)) {
                Row ancestor = byCode.get(code);
                if (ancestor != null && !ancestor.kind.equals(RegionKind.PLACEHOLDER.name())) {
                    path.add(new Region.PathStep(ancestor.code, ancestor.name));
                }
            }
            path.add(new Region.PathStep(row.code, row.name));
            regions.add(row.toRegion(path));
        }
        return regions;
    }

    /** Prefix codes above the row, from the province down (a city without counties is its own county prefix). */
    private static Collection<Long> ancestorCodes(Row row) {
        RegionCode code = RegionCode.of(row.code);
        Set<Long> codes = new LinkedHashSet<>();
        for (RegionLevel level : RegionLevel.values()) {
            if (level.number() >= row.level) {
                break;
            }
            long prefix = code.prefixAt(level);
            if (prefix != row.code) {
                codes.add(prefix);
            }
        }
        return codes;
    }

    private static Row row(ResultSet rs, int rowNum) throws SQLException {
        return new Row(rs.getLong("code"), rs.getString("name"), rs.getInt("level"),
                (Long) rs.getObject("parent_code"), rs.getString("kind"), rs.getString("since_edition"),
                rs.getString("abolished_edition"), (Long) rs.getObject("successor_code"));
    }

    private record Row(long code, String name, int level, Long parentCode, String kind, String sinceEdition,
                       String abolishedEdition, Long successorCode) {
        Region toRegion(List<Region.PathStep> path) {
            return new Region(code, name, RegionLevel.ofNumber(level), parentCode, RegionKind.valueOf(kind),
                    sinceEdition, abolishedEdition, successorCode, List.copyOf(path));
        }
    }
}
