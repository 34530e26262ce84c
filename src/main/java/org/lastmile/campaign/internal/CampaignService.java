package org.lastmile.campaign.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Scope;
import org.lastmile.campaign.TargetsChanged;
import org.lastmile.campaign.internal.CampaignProblem.FieldProblem;
import org.lastmile.platform.Jobs;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Campaigns and their targets: creation from rules or a template, screening in one SQL statement over
 * the campaign's place (re-runnable: new matches are added, reviewed targets are kept), and the village
 * worker's review (add a family the rules missed, remove one with a reason, confirm the list).
 */
@Service
@Transactional
public class CampaignService {

    public record Campaign(long id, String name, long ownerCode, LocalDate startsOn, LocalDate endsOn, CampaignRules rules,
                           int attemptsBeforeUnreachable, String template, OffsetDateTime screenedAt) {
    }

    public record Target(long id, long personId, String name, long villageCode, List<String> reasons, String origin, String addedReason,
                         String status, String closure, String removedReason, String removedNote, int attempts, String lastOutcome,
                         OffsetDateTime lastVisitAt, LocalDate nextContactOn, String assignedTo) {
    }

    public record Village(long villageCode, long targets, long open, boolean confirmed, String confirmedBy, OffsetDateTime confirmedAt) {
    }

    record NewCampaign(String name, String ownerCode, LocalDate startsOn, LocalDate endsOn, CampaignRules rules, String template,
                       Integer attemptsBeforeUnreachable) {
    }

    private static final Logger log = LoggerFactory.getLogger(CampaignService.class);
    static final String SCREEN_KIND = "campaign.screen";
    static final Set<String> REMOVE_REASONS = Set.of("DECEASED", "MOVED", "NOT_IN_DIFFICULTY", "DUPLICATE", "OTHER");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Jobs jobs;
    private final AuditLog audit;
    private final org.lastmile.registry.FlagScreening flags;
    private final ApplicationEventPublisher events;
    private final org.springframework.transaction.support.TransactionTemplate transactions;
    private final org.lastmile.region.Regions regions;
    private final int screenThreads;

    CampaignService(JdbcClient jdbc, Jobs jobs, AuditLog audit, org.lastmile.registry.FlagScreening flags, ApplicationEventPublisher events,
                    org.springframework.transaction.support.TransactionTemplate transactions, org.lastmile.region.Regions regions,
                    @org.springframework.beans.factory.annotation.Value("${lastmile.campaign.screen-threads:2}") int screenThreads) {
        this.regions = regions;
        this.screenThreads = Math.max(1, screenThreads);
        this.flags = flags;
        this.events = events;
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.jobs = jobs;
        this.audit = audit;
    }

    /** The shipped templates by code (the 2020 campaign is {@code covid-2020}). */
    static Optional<NewCampaign> template(String code) {
        if (code == null || !code.matches("[a-z0-9-]{1,40}")) {
            return Optional.empty();
        }
        ClassPathResource resource = new ClassPathResource("campaign-templates/" + code + ".json");
        if (!resource.exists()) {
            return Optional.empty();
        }
        try (InputStream in = resource.getInputStream()) {
            Map<?, ?> t = JSON.readValue(in, Map.class);
            return Optional.of(new NewCampaign((String) t.get("name"), null, null, null, JSON.convertValue(t.get("rules"), CampaignRules.class),
                    code, (Integer) t.get("attemptsBeforeUnreachable")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Campaign create(NewCampaign form, CurrentUser user) {
        NewCampaign base = form.template() == null ? null
                : template(form.template()).orElseThrow(() -> CampaignProblem.invalid("template", "TEMPLATE_UNKNOWN"));
        String name = form.name() != null && !form.name().isBlank() ? form.name().strip() : base == null ? null : base.name();
        CampaignRules rules = form.rules() != null ? form.rules() : base == null ? null : base.rules();
        int attempts = form.attemptsBeforeUnreachable() != null ? form.attemptsBeforeUnreachable()
                : base != null && base.attemptsBeforeUnreachable() != null ? base.attemptsBeforeUnreachable() : 3;
        List<FieldProblem> problems = new ArrayList<>();
        if (name == null || name.length() > 100) {
            problems.add(new FieldProblem("name", "NAME_REQUIRED"));
        }
        Optional<RegionCode> owner = Optional.ofNullable(form.ownerCode()).flatMap(RegionCode::parse);
        if (owner.isEmpty() || owner.get().levelByDigits().ordinal() > RegionLevel.COUNTY.ordinal()) {
            problems.add(new FieldProblem("ownerCode", "OWNER_INVALID"));
        } else if (!user.scope(Action.CAMPAIGN_MANAGE).covers(owner.get())) {
            problems.add(new FieldProblem("ownerCode", "OWNER_OUT_OF_SCOPE"));
        }
        if (form.startsOn() == null || form.endsOn() == null || form.endsOn().isBefore(form.startsOn())) {
            problems.add(new FieldProblem("endsOn", "PERIOD_INVALID"));
        }
        if (attempts < 1 || attempts > 10) {
            problems.add(new FieldProblem("attemptsBeforeUnreachable", "ATTEMPTS_INVALID"));
        }
        if (rules == null) {
            problems.add(new FieldProblem("rules", "CRITERIA_REQUIRED"));
        } else {
            problems.addAll(rules.problems());
        }
        if (!problems.isEmpty()) {
            throw new CampaignProblem(CampaignProblem.Kind.INVALID, problems);
        }
        long id = jdbc.sql("""
                insert into campaign (name, owner_code, starts_on, ends_on, rules, attempts_before_unreachable, template, created_by)
                values (?, ?, ?, ?, ?::jsonb, ?, ?, ?) returning id""")
                .params(name, owner.get().value(), form.startsOn(), form.endsOn(), JSON.writeValueAsString(rules), attempts, form.template(),
                        user.username())
                .query(Long.class).single();
        audit.record("CAMPAIGN_CREATE", "campaign", Long.toString(id), null, AuditLog.Outcome.SUCCESS, name);
        return load(id).orElseThrow();
    }

    Optional<Campaign> load(long id) {
        return jdbc.sql("select * from campaign where id = ?").param(id).query(CampaignService::campaign).optional();
    }

    /** A campaign the user works in: its place overlaps one of the user's places. */
    Optional<Campaign> visible(long id, CurrentUser user) {
        return load(id).filter(c -> overlaps(c, user));
    }

    List<Campaign> list(CurrentUser user) {
        // Campaigns are few (a handful a year per county): filter them all, then keep the newest 200.
        return jdbc.sql("select * from campaign order by starts_on desc, id desc").query(CampaignService::campaign).list()
                .stream().filter(c -> overlaps(c, user)).limit(200).toList();
    }

    private static boolean overlaps(Campaign c, CurrentUser user) {
        RegionCode owner = RegionCode.of(c.ownerCode());
        return user.grants().stream().anyMatch(g -> g.regionCode() != null
                && (owner.contains(g.regionCode()) || RegionCode.of(g.regionCode()).contains(owner.value())));
    }

    /**
     * Screens as a job; returns the job's id. The place is screened part by part (see {@link #parts}), {@code screen-threads}
     * parts at a time, each part's targets committed with its coverage mark (TargetsChanged): a province keeps both cores
     * busy and no transaction holds 900,000 rows. A part that fails fails the job; the parts done stay, and screening again
     * completes the rest (a screening is idempotent).
     */
    String screen(long id, CurrentUser user) {
        Campaign campaign = load(id).filter(c -> user.scope(Action.CAMPAIGN_MANAGE).covers(RegionCode.of(c.ownerCode())))
                .orElseThrow(CampaignProblem::notFound);
        audit.record("CAMPAIGN_SCREEN", "campaign", Long.toString(id), null, AuditLog.Outcome.SUCCESS, null);
        return jobs.start(SCREEN_KIND, user.username(), progress -> {
            List<RegionCode> parts = parts(RegionCode.of(campaign.ownerCode()));
            progress.total(parts.size());
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.min(screenThreads, parts.size()));
            try {
                // The workers only screen; progress is written from this thread as each part finishes.
                java.util.concurrent.CompletionService<int[]> done = new java.util.concurrent.ExecutorCompletionService<>(pool);
                for (RegionCode part : parts) {
                    done.submit(() -> screenPart(campaign, part));
                }
                for (int i = 0; i < parts.size(); i++) {
                    int[] counts = done.take().get();
                    progress.count("added", counts[0]);
                    progress.count("updated", counts[1]);
                    progress.processed(i + 1);
                }
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } finally {
                // A failed part fails the job only once no other part can still commit (an interrupt does not stop a statement).
                pool.shutdownNow();
                try {
                    pool.awaitTermination(1, java.util.concurrent.TimeUnit.HOURS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            jdbc.sql("update campaign set screened_at = now() where id = ?").param(campaign.id()).update();
        });
    }

    /**
     * The places a screening is split into: the places directly below the campaign's (a province's cities, a city's
     * counties), or the place itself when it is a county or smaller (or a city whose children are not counties). One level
     * down, not to the counties: every part reads the household tags of its range once, which for a small part costs more
     * than its persons (a province's 90 counties took longer than its 11 cities).
     */
    List<RegionCode> parts(RegionCode place) {
        if (place.levelByDigits().ordinal() >= RegionLevel.COUNTY.ordinal()) {
            return List.of(place);
        }
        // Abolished places too: together the parts must cover every village of the place, as one statement over it did. A
        // placeholder (市辖区, 省直辖县级行政区划) is no part: its counties are the place's children themselves, and its range
        // would screen them twice.
        List<org.lastmile.region.Region> children = regions.children(Optional.of(place), true, new PageRequest(0, PageRequest.MAX_SIZE)).items()
                .stream().filter(c -> c.kind() != org.lastmile.region.RegionKind.PLACEHOLDER).toList();
        if (children.isEmpty() || children.stream().anyMatch(c -> c.level().ordinal() > RegionLevel.COUNTY.ordinal())) {
            return List.of(place);
        }
        List<RegionCode> parts = children.stream().map(c -> RegionCode.of(c.code())).sorted(java.util.Comparator.comparingLong(RegionCode::subtreeFirst)).toList();
        for (int i = 1; i < parts.size(); i++) {
            if (parts.get(i).subtreeFirst() <= parts.get(i - 1).subtreeLast()) {
                return List.of(place);   // overlapping places: one statement, never a village twice
            }
        }
        return parts;
    }

    /**
     * The persons of the place with the names of the criteria they meet. Their household tags are gathered once,
     * by a range over the place, and joined: probing each person's tags per condition made the planner hash every
     * tagged person of the country for each tag. When the rules need a tag ({@link CampaignRules#needsTag}), only the
     * tagged persons are joined.
     */
    static String matchesSql(String reasons, RegionCode place, boolean needsTag) {
        return "select p.person_id, p.village_code, " + reasons + " as reasons from registry_v_person p"
                + (needsTag ? " join" : " left join") + " (select person_id, array_agg(tag) as tags from registry_v_household_tag"
                + " where " + place.subtreeSql("village_code") + " group by person_id) pt on pt.person_id = p.person_id"
                + " where p.life_status = 'ACTIVE' and " + place.subtreeSql("p.village_code");
    }

    /** The screening itself, in the caller's transaction, part by part: new matches added, the reasons of screened open targets refreshed, nobody reviewed dropped. */
    int[] screenNow(Campaign campaign) {
        int[] total = {0, 0};
        for (RegionCode part : parts(RegionCode.of(campaign.ownerCode()))) {
            int[] counts = screenPlace(campaign, part, false);
            total[0] += counts[0];
            total[1] += counts[1];
        }
        jdbc.sql("update campaign set screened_at = now() where id = ?").param(campaign.id()).update();
        return total;
    }

    /**
     * One part of a screening job in a transaction of its own. A place where the campaign has no target yet (its first
     * screening) takes a plain insert: checking each row for a conflict cost about a sixth of a province's screening. Should
     * a target have appeared there meanwhile (a worker's addition, a person moved in with a target), the part runs again
     * with the conflicts handled.
     */
    private int[] screenPart(Campaign campaign, RegionCode part) {
        boolean fresh = !jdbc.sql("select exists (select 1 from campaign_target where campaign_id = ? and " + part.subtreeSql("village_code") + ")")
                .param(campaign.id()).query(Boolean.class).single();
        if (fresh) {
            try {
                return transactions.execute(status -> screenPlace(campaign, part, true));
            } catch (DuplicateKeyException e) {
                log.info("Campaign {}: a target appeared in {} while it was screened; screening it again", campaign.id(), part);
            }
        }
        return transactions.execute(status -> screenPlace(campaign, part, false));
    }

    /**
     * One statement over one place of the campaign, in the caller's transaction: how many targets it added and how many it
     * updated. {@code fresh}: the place has no target of the campaign, so every match is inserted without a conflict check.
     */
    private int[] screenPlace(Campaign campaign, RegionCode place, boolean fresh) {
        Map<String, Object> bind = new HashMap<>();
        String reasons = campaign.rules().reasonsSql(bind, flags, place);
        bind.put("campaign", campaign.id());
        String insert = "insert into campaign_target (campaign_id, person_id, village_code, reasons, origin)"
                + " select :campaign, m.person_id, m.village_code, m.reasons, 'SCREENED' from ("
                + CampaignService.matchesSql(reasons, place, campaign.rules().needsTag()) + ") m where " + campaign.rules().matchSql("m.reasons");
        int[] counts = fresh
                ? new int[] {jdbc.sql(insert).params(bind).update(), 0}
                // xmax = 0: the row was inserted, not updated by the conflict clause.
                : jdbc.sql("with touched as (" + insert
                        + " on conflict (campaign_id, person_id) do update set reasons = excluded.reasons"
                        + " where campaign_target.origin = 'SCREENED' and campaign_target.status = 'OPEN'"
                        + " and campaign_target.reasons is distinct from excluded.reasons"
                        + " returning xmax = 0 as inserted)"
                        + " select count(*) filter (where inserted), count(*) filter (where not inserted) from touched")
                .params(bind).query((rs, n) -> new int[] {rs.getInt(1), rs.getInt(2)}).single();
        events.publishEvent(new TargetsChanged(campaign.id(), place.value()));
        return counts;
    }

    PageResult<Target> targets(long id, RegionCode region, String status, CurrentUser user, PageRequest page) {
        visible(id, user).orElseThrow(CampaignProblem::notFound);
        Scope.Condition scope = readable(user).where("p.village_code");
        Map<String, Object> bind = new HashMap<>(scope.params());
        bind.put("campaign", id);
        String where = " from campaign_target t join registry_v_person p on p.person_id = t.person_id where t.campaign_id = :campaign"
                + " and " + region.subtreeSql("t.village_code") + " and " + scope.sql();
        if (status != null && !status.isBlank()) {
            if (!Set.of("OPEN", "CLOSED", "REMOVED").contains(status)) {
                throw CampaignProblem.invalid("status", "CHOICE_INVALID");
            }
            where += " and t.status = :status";
            bind.put("status", status);
        }
        List<Target> items = jdbc.sql("select t.*, p.name, p.village_code as current_village" + where + " order by t.village_code, p.name, t.id limit :limit offset :offset")
                .params(bind).param("limit", page.size()).param("offset", page.offset()).query(CampaignService::target).list();
        long total = jdbc.sql("select count(*) from (select 1" + where + " limit " + (PageResult.COUNT_LIMIT + 1) + ") c").params(bind)
                .query(Long.class).single();
        audit.record("CAMPAIGN_TARGETS", "campaign", Long.toString(id), null, AuditLog.Outcome.SUCCESS, region + ", " + total + " found");
        return PageResult.of(items, total, page.page(), page.size());
    }

    /** Families closed as unreachable after repeated attempts, for the township to act on (names only for who may read them). */
    List<Target> unreachable(long id, RegionCode region, CurrentUser user) {
        Scope.Condition scope = readable(user).where("p.village_code");
        return jdbc.sql("select t.*, p.name, p.village_code as current_village from campaign_target t join registry_v_person p on p.person_id = t.person_id"
                        + " where t.campaign_id = :campaign and t.closure = 'UNREACHABLE' and " + region.subtreeSql("t.village_code") + " and "
                        + scope.sql() + " order by t.village_code, p.name limit 500")
                .params(scope.params()).param("campaign", id)
                .query(CampaignService::target).list();
    }

    /** Where the user may review or read targets: review, visits or person reading. */
    static Scope readable(CurrentUser user) {
        List<Scope.Range> ranges = new ArrayList<>(user.scope(Action.TARGET_REVIEW).ranges());
        ranges.addAll(user.scope(Action.VISIT_RECORD).ranges());
        ranges.addAll(user.scope(Action.PERSON_READ).ranges());
        return new Scope(Action.TARGET_REVIEW, ranges, Set.of());
    }

    Optional<Target> target(long campaignId, long targetId) {
        return jdbc.sql("select t.*, p.name, p.village_code as current_village from campaign_target t join registry_v_person p on p.person_id = t.person_id"
                        + " where t.campaign_id = ? and t.id = ?").params(campaignId, targetId).query(CampaignService::target).optional();
    }

    /** A family the rules missed, added by the worker with the reason. */
    Target add(long id, long personId, String reason, CurrentUser user) {
        Campaign campaign = visible(id, user).orElseThrow(CampaignProblem::notFound);
        if (reason == null || reason.isBlank() || reason.length() > 200) {
            throw CampaignProblem.invalid("reason", "REASON_REQUIRED");
        }
        Long village = jdbc.sql("select village_code from registry_v_person where person_id = ? and life_status = 'ACTIVE'").param(personId)
                .query(Long.class).optional()
                .filter(v -> user.scope(Action.TARGET_REVIEW).contains(v) && RegionCode.of(campaign.ownerCode()).contains(v))
                .orElseThrow(() -> CampaignProblem.invalid("personId", "PERSON_UNKNOWN"));
        int added = jdbc.sql("""
                insert into campaign_target (campaign_id, person_id, village_code, reasons, origin, added_reason, changed_by, changed_at)
                values (?, ?, ?, '{}', 'ADDED', ?, ?, now()) on conflict (campaign_id, person_id) do nothing""")
                .params(id, personId, village, reason.strip(), user.username()).update();
        if (added == 0) {
            throw new CampaignProblem(CampaignProblem.Kind.CONFLICT, List.of(new FieldProblem("personId", "ALREADY_TARGET")));
        }
        events.publishEvent(new TargetsChanged(id, village));
        audit.record("CAMPAIGN_TARGET_ADD", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, "campaign " + id);
        return jdbc.sql("select t.*, p.name, p.village_code as current_village from campaign_target t join registry_v_person p on p.person_id = t.person_id"
                + " where t.campaign_id = ? and t.person_id = ?").params(id, personId).query(CampaignService::target).single();
    }

    /** Removes a target with a reason code (and a note for OTHER); it is kept, closed as removed. */
    Target remove(long id, long targetId, String reason, String note, CurrentUser user) {
        Target target = target(id, targetId).filter(t -> user.scope(Action.TARGET_REVIEW).contains(t.villageCode()))
                .orElseThrow(CampaignProblem::notFound);
        if (reason == null || !REMOVE_REASONS.contains(reason)) {
            throw CampaignProblem.invalid("reason", "CHOICE_INVALID");
        }
        if ("OTHER".equals(reason) && (note == null || note.isBlank())) {
            throw CampaignProblem.invalid("note", "NOTE_REQUIRED");
        }
        if (!"OPEN".equals(target.status())) {
            throw new CampaignProblem(CampaignProblem.Kind.CONFLICT, List.of(new FieldProblem("targetId", "TARGET_NOT_OPEN")));
        }
        int removed = jdbc.sql("update campaign_target set status = 'REMOVED', removed_reason = ?, removed_note = ?, changed_by = ?,"
                        + " changed_at = now() where id = ? and status = 'OPEN'")
                .params(reason, note == null || note.isBlank() ? null : note.strip(), user.username(), targetId).update();
        if (removed == 0) {
            throw new CampaignProblem(CampaignProblem.Kind.CONFLICT, List.of(new FieldProblem("targetId", "TARGET_NOT_OPEN")));
        }
        events.publishEvent(new TargetsChanged(id, target.villageCode()));
        audit.record("CAMPAIGN_TARGET_REMOVE", "person", Long.toString(target.personId()), null, AuditLog.Outcome.SUCCESS, reason);
        return target(id, targetId).orElseThrow();
    }

    /** The worker confirms the village's list; its open targets without a worker become theirs to visit. */
    Village confirm(long id, long villageCode, CurrentUser user) {
        Campaign campaign = visible(id, user).orElseThrow(CampaignProblem::notFound);
        if (!user.scope(Action.TARGET_REVIEW).contains(villageCode) || !RegionCode.of(campaign.ownerCode()).contains(villageCode)
                || RegionCode.of(villageCode).levelByDigits() != RegionLevel.VILLAGE) {
            throw CampaignProblem.notFound();
        }
        jdbc.sql("insert into campaign_village (campaign_id, village_code, confirmed_by) values (?, ?, ?) on conflict do nothing")
                .params(id, villageCode, user.username()).update();
        if (user.may(Action.VISIT_RECORD) && user.scope(Action.VISIT_RECORD).contains(villageCode)) {
            jdbc.sql("update campaign_target set assigned_to = ? where campaign_id = ? and village_code = ? and status = 'OPEN' and assigned_to is null")
                    .params(user.username(), id, villageCode).update();
        }
        events.publishEvent(new TargetsChanged(id, villageCode));
        audit.record("CAMPAIGN_CONFIRM", "campaign", Long.toString(id), null, AuditLog.Outcome.SUCCESS, Long.toString(villageCode));
        // A village whose list is empty is confirmed too: "nobody in difficulty here" is an answer.
        return villages(id, RegionCode.of(villageCode), user).stream().findFirst()
                .orElseGet(() -> new Village(villageCode, 0, 0, true, user.username(), OffsetDateTime.now()));
    }

    /** The villages of a place with targets, and which confirmed their list. */
    List<Village> villages(long id, RegionCode region, CurrentUser user) {
        visible(id, user).orElseThrow(CampaignProblem::notFound);
        Scope.Condition scope = readable(user).where("t.village_code");
        return jdbc.sql("select t.village_code, count(*), count(*) filter (where t.status = 'OPEN'), v.confirmed_by, v.confirmed_at"
                        + " from campaign_target t left join campaign_village v on v.campaign_id = t.campaign_id and v.village_code = t.village_code"
                        + " where t.campaign_id = :campaign and " + region.subtreeSql("t.village_code") + " and " + scope.sql()
                        + " group by t.village_code, v.confirmed_by, v.confirmed_at order by t.village_code")
                .params(scope.params()).param("campaign", id)
                .query((rs, n) -> new Village(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4) != null, rs.getString(4),
                        rs.getObject(5, OffsetDateTime.class)))
                .list();
    }

    /** Hands a worker's open targets of the campaign to another worker (an account disabled, a worker changed). */
    int handOver(long id, String from, String to, CurrentUser user) {
        Campaign campaign = load(id).filter(c -> user.scope(Action.CAMPAIGN_MANAGE).covers(RegionCode.of(c.ownerCode())))
                .orElseThrow(CampaignProblem::notFound);
        if (from == null || to == null || from.isBlank() || to.isBlank() || from.equals(to)) {
            throw CampaignProblem.invalid("to", "WORKER_INVALID");
        }
        Scope.Condition scope = user.scope(Action.CAMPAIGN_MANAGE).where("village_code");
        int moved = jdbc.sql("update campaign_target set assigned_to = :to where campaign_id = :campaign and assigned_to = :from"
                        + " and status = 'OPEN' and " + scope.sql())
                .params(scope.params()).param("to", to.strip()).param("campaign", campaign.id()).param("from", from.strip()).update();
        audit.record("CAMPAIGN_HANDOVER", "campaign", Long.toString(id), null, AuditLog.Outcome.SUCCESS, from + " -> " + to + ": " + moved);
        return moved;
    }

    private static Campaign campaign(ResultSet rs, int n) throws SQLException {
        return new Campaign(rs.getLong("id"), rs.getString("name"), rs.getLong("owner_code"), rs.getObject("starts_on", LocalDate.class),
                rs.getObject("ends_on", LocalDate.class), JSON.readValue(rs.getString("rules"), CampaignRules.class),
                rs.getInt("attempts_before_unreachable"), rs.getString("template"), rs.getObject("screened_at", OffsetDateTime.class));
    }

    static Target target(ResultSet rs, int n) throws SQLException {
        // The person's village now: scope decisions follow a transfer in the registry.
        return new Target(rs.getLong("id"), rs.getLong("person_id"), rs.getString("name"), rs.getLong("current_village"),
                List.of((String[]) rs.getArray("reasons").getArray()), rs.getString("origin"), rs.getString("added_reason"), rs.getString("status"),
                rs.getString("closure"), rs.getString("removed_reason"), rs.getString("removed_note"), rs.getInt("attempts"),
                rs.getString("last_outcome"), rs.getObject("last_visit_at", OffsetDateTime.class), rs.getObject("next_contact_on", LocalDate.class),
                rs.getString("assigned_to"));
    }
}
