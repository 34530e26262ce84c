package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Role;
import org.lastmile.access.Scope;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.registry.FlagRule;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;
import org.lastmile.registry.internal.PersonProblem.Kind;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Precise identification: each {@link FlagRule} is one SQL query over the persons of a place in the
 * user's scope (nothing is loaded into memory to decide), with the province's parameters or the
 * national defaults; a flag shows the evidence that raised it, and stays open until someone records
 * what was done (applied, not eligible because..., refused), which is kept.
 */
@Service
@Transactional
public class FlagService implements org.lastmile.registry.FlagScreening {

    public record Flag(FlagRule rule, long personId, String name, long villageCode, Map<String, Object> evidence, String outcome,
                       String reason, String decidedBy, OffsetDateTime decidedAt) {
    }

    public record PlaceCount(long placeCode, Map<FlagRule, Long> counts) {
    }

    public record RuleParams(FlagRule rule, long provinceCode, Map<String, Object> params, boolean overridden) {
    }

    static final Set<String> OUTCOMES = Set.of("APPLIED", "NOT_ELIGIBLE", "REFUSED");
    static final Set<String> STATUSES = Set.of("open", "decided", "all");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final PersonService persons;
    private final AuditLog audit;

    FlagService(JdbcClient jdbc, PersonService persons, AuditLog audit) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.audit = audit;
    }

    /** The flags of a place (province level or below), open ones by default, a page at a time. */
    PageResult<Flag> list(FlagRule rule, RegionCode region, String status, CurrentUser user, PageRequest page) {
        Map<String, Object> bind = new HashMap<>();
        String flags = flagsSql(rule, region, user, bind);
        String where = statusPredicate(status);
        List<Flag> items = jdbc.sql(flags + " select f.rule, f.person_id, f.name, f.village_code, f.evidence::text, o.outcome, o.reason,"
                        + " o.decided_by, o.decided_at from flags f" + LATEST_OUTCOME + where
                        + " order by f.village_code, f.name, f.person_id, f.rule limit :limit offset :offset")
                .params(bind).param("limit", page.size()).param("offset", page.offset())
                .query((rs, n) -> new Flag(FlagRule.valueOf(rs.getString(1)), rs.getLong(2), rs.getString(3), rs.getLong(4),
                        JSON.readValue(rs.getString(5), MAP), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getObject(9, OffsetDateTime.class)))
                .list();
        long total = jdbc.sql(flags + " select count(*) from (select 1 from flags f" + LATEST_OUTCOME + where + " limit "
                + (PageResult.COUNT_LIMIT + 1) + ") c").params(bind).query(Long.class).single();
        audit.record("FLAG_LIST", "flag", rule == null ? null : rule.name(), null, AuditLog.Outcome.SUCCESS,
                region + " " + status + ", " + total + " found");
        return PageResult.of(items, total, page.page(), page.size());
    }

    /** Open flags by rule for each place one level below {@code region} (each village, for a village or township). */
    List<PlaceCount> counts(RegionCode region, String status, CurrentUser user) {
        Map<String, Object> bind = new HashMap<>();
        String flags = flagsSql(null, region, user, bind);
        RegionLevel level = region.levelByDigits();
        RegionLevel child = level == RegionLevel.VILLAGE ? level : RegionLevel.values()[level.ordinal() + 1];
        long unit = (long) Math.pow(10, 12 - child.significantDigits());
        Map<Long, Map<FlagRule, Long>> places = new java.util.TreeMap<>();
        jdbc.sql(flags + " select f.village_code / :unit * :unit as place, f.rule, count(*) from flags f" + LATEST_OUTCOME
                        + statusPredicate(status) + " group by 1, 2")
                .params(bind).param("unit", unit)
                .query((rs, n) -> places.computeIfAbsent(rs.getLong(1), k -> new EnumMap<>(FlagRule.class))
                        .put(FlagRule.valueOf(rs.getString(2)), rs.getLong(3)))
                .list();
        return places.entrySet().stream().map(e -> new PlaceCount(e.getKey(), e.getValue())).toList();
    }

    /** Records what was done about a flag; the flag is then decided (and the decision kept). */
    void decide(FlagRule rule, long personId, String outcome, String reason, CurrentUser user) {
        persons.load(personId).filter(p -> user.scope(Action.PERSON_EDIT).contains(p.villageCode()))
                .orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        List<FieldProblem> problems = new ArrayList<>();
        if (outcome == null || !OUTCOMES.contains(outcome)) {
            problems.add(new FieldProblem("outcome", "CHOICE_INVALID"));
        }
        if (!"APPLIED".equals(outcome) && (reason == null || reason.isBlank() || reason.length() > 500)) {
            problems.add(new FieldProblem("reason", "REASON_REQUIRED"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        jdbc.sql("insert into registry_flag_outcome (rule, person_id, outcome, reason, decided_by) values (?, ?, ?, ?, ?)")
                .params(rule.name(), personId, outcome, reason == null || reason.isBlank() ? null : reason.strip(), user.username()).update();
        audit.record("FLAG_DECIDE", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, rule + " " + outcome);
    }

    /** Each rule's parameters for a province: its own where it has overridden them, else the national defaults. */
    List<RuleParams> rules(long provinceCode) {
        Map<FlagRule, Map<String, Object>> overrides = new EnumMap<>(FlagRule.class);
        jdbc.sql("select rule, params::text from registry_flag_rule where province_code = ?").param(provinceCode)
                .query((rs, n) -> overrides.put(FlagRule.valueOf(rs.getString(1)), JSON.readValue(rs.getString(2), MAP))).list();
        List<RuleParams> rules = new ArrayList<>();
        for (FlagRule rule : FlagRule.values()) {
            Map<String, Object> own = overrides.get(rule);
            rules.add(new RuleParams(rule, provinceCode, own == null ? defaults(rule) : own, own != null));
        }
        return rules;
    }

    /** A province's own parameters for a rule, by a case worker of that province; null params go back to the national defaults. */
    RuleParams setParams(FlagRule rule, long provinceCode, Map<String, Object> params, CurrentUser user) {
        // Only case workers granted at the province itself set its parameters; anyone else is told it does not exist.
        boolean provincial = RegionCode.of(provinceCode).levelByDigits() == RegionLevel.PROVINCE && user.grants().stream()
                .anyMatch(g -> g.role() == Role.CASE_WORKER && g.regionCode() != null && g.regionCode() == provinceCode);
        if (!provincial) {
            throw PersonProblem.of(Kind.NOT_FOUND);
        }
        if (params == null) {
            jdbc.sql("delete from registry_flag_rule where rule = ? and province_code = ?").params(rule.name(), provinceCode).update();
        } else {
            List<FieldProblem> problems = FlagParams.check(rule, params);
            if (!problems.isEmpty()) {
                throw new PersonProblem(Kind.INVALID, problems, null);
            }
            jdbc.sql("""
                    insert into registry_flag_rule (rule, province_code, params, updated_by) values (?, ?, ?::jsonb, ?)
                    on conflict (rule, province_code) do update set params = excluded.params, updated_by = excluded.updated_by,
                           updated_at = now()""")
                    .params(rule.name(), provinceCode, JSON.writeValueAsString(params), user.username()).update();
        }
        audit.record("FLAG_RULE_SET", "flag-rule", rule.name(), null, AuditLog.Outcome.SUCCESS,
                provinceCode + (params == null ? " reset to national" : " " + JSON.writeValueAsString(params)));
        return rules(provinceCode).stream().filter(r -> r.rule() == rule).findFirst().orElseThrow();
    }

    @Override
    public String personsFlagged(FlagRule rule, RegionCode place, Map<String, Object> bind) {
        String base = "p.life_status = 'ACTIVE' and " + place.subtreeSql("p.village_code");
        Map<String, Object> params = rules(place.prefixAt(RegionLevel.PROVINCE)).stream().filter(r -> r.rule() == rule).findFirst()
                .orElseThrow().params();
        return "select f.person_id from (" + FlagQueries.sql(rule, params, base, bind) + ") f"
                + " where not exists (select 1 from registry_flag_outcome o where o.person_id = f.person_id and o.rule = f.rule)";
    }

    static Map<String, Object> defaults(FlagRule rule) {
        return JSON.readValue(rule.defaults(), MAP);
    }

    private static final String LATEST_OUTCOME = " left join lateral (select o.outcome, o.reason, o.decided_by, o.decided_at"
            + " from registry_flag_outcome o where o.person_id = f.person_id and o.rule = f.rule order by o.id desc limit 1) o on true";

    private static String statusPredicate(String status) {
        return switch (status == null ? "open" : status) {
            case "decided" -> " where o.outcome is not null";
            case "all" -> "";
            case "open" -> " where o.outcome is null";
            default -> throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("status", "CHOICE_INVALID")), null);
        };
    }

    /** {@code with flags as (...)}: every rule asked for, over the persons of the place in the user's scope, with the province's parameters. */
    private String flagsSql(FlagRule only, RegionCode region, CurrentUser user, Map<String, Object> bind) {
        Scope.Condition scope = user.scope(Action.PERSON_READ).where("p.village_code");
        bind.putAll(scope.params());
        String base = "p.life_status = 'ACTIVE' and " + region.subtreeSql("p.village_code") + " and " + scope.sql();
        long province = region.prefixAt(RegionLevel.PROVINCE);
        Map<FlagRule, Map<String, Object>> params = new EnumMap<>(FlagRule.class);
        rules(province).forEach(r -> params.put(r.rule(), r.params()));
        List<String> parts = new ArrayList<>();
        for (FlagRule rule : FlagRule.values()) {
            if (only == null || only == rule) {
                parts.add(FlagQueries.sql(rule, params.get(rule), base, bind));
            }
        }
        return "with flags as (" + String.join(" union all ", parts) + ")";
    }
}
