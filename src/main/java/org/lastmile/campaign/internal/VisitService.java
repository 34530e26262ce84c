package org.lastmile.campaign.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Scope;
import org.lastmile.campaign.DifficultyReported;
import org.lastmile.campaign.TargetsChanged;
import org.lastmile.campaign.internal.CampaignProblem.FieldProblem;
import org.lastmile.registry.RegistryRefusal;
import org.lastmile.registry.StatusNeeds;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Visits: recorded once per client-generated id (the same visit sent again returns the stored one; the
 * same id with another body is a conflict), closing the target on a final outcome or counting attempts
 * until it is unreachable, updating status-and-needs items learnt on the visit, and publishing each
 * difficulty not solved on the spot for casework.
 */
@Service
@Transactional
public class VisitService {

    public record Difficulty(String domain, String urgency, String description, Boolean solvedOnSpot) {
    }

    public record VisitForm(String clientId, Long targetId, String mode, OffsetDateTime visitedAt, String visitors, String outcome, String note,
                            List<Difficulty> difficulties, String comfortGoods, BigDecimal comfortCash, LocalDate nextContactOn,
                            Map<String, Object> statusNeeds) {
    }

    public record Visit(long id, String clientId, long campaignId, long targetId, long personId, String mode, OffsetDateTime visitedAt,
                        String visitors, String outcome, String note, String comfortGoods, BigDecimal comfortCash, LocalDate nextContactOn,
                        String recordedBy, List<Difficulty> difficulties, String targetStatus) {

        Visit with(List<Difficulty> storedDifficulties, String status) {
            return new Visit(id, clientId, campaignId, targetId, personId, mode, visitedAt, visitors, outcome, note, comfortGoods, comfortCash,
                    nextContactOn, recordedBy, List.copyOf(storedDifficulties), status);
        }
    }

    static final Set<String> MODES = Set.of("HOME", "PHONE", "OTHER");
    static final Set<String> OUTCOMES = Set.of("MET", "NOT_AT_HOME", "UNREACHABLE", "REFUSED", "DECEASED", "MOVED");
    static final Set<String> DOMAINS = Set.of("POVERTY_RELIEF", "LIVING_ASSISTANCE", "REHABILITATION_MEDICAL", "EMPLOYMENT", "SCHOOLING", "CARE",
            "PRODUCTION", "HOME_ACCESSIBILITY", "OTHER");
    static final Set<String> URGENCIES = Set.of("SUDDEN", "URGENT", "TEMPORARY", "ONGOING");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final CampaignService campaigns;
    private final StatusNeeds statusNeeds;
    private final ApplicationEventPublisher events;
    private final AuditLog audit;

    VisitService(JdbcClient jdbc, CampaignService campaigns, StatusNeeds statusNeeds, ApplicationEventPublisher events, AuditLog audit) {
        this.jdbc = jdbc;
        this.campaigns = campaigns;
        this.statusNeeds = statusNeeds;
        this.events = events;
        this.audit = audit;
    }

    /** Records a visit; {@code created} is false when the same visit had been sent before (nothing new is made). */
    record Recorded(Visit visit, boolean created) {
    }

    /**
     * A visit recorded on a phone, perhaps offline, and sent later: unless {@code force}, refused as a conflict when the
     * family's target changed on the server after the phone read it ({@code seenAt}): visited by someone else, or removed.
     * A visit already stored under its client id is returned as it is.
     */
    Recorded recordFromPhone(VisitForm form, OffsetDateTime seenAt, boolean force, CurrentUser user) {
        Optional<Stored> stored = stored(clientId(form.clientId()));
        if (stored.isEmpty() && !force && seenAt != null) {
            // Changed by someone else after the phone read it: removed, reviewed, or visited (by when it reached the server).
            boolean changed = jdbc.sql("select exists (select 1 from campaign_target where id = :target and (status = 'REMOVED'"
                            + " or (changed_at > :seen and changed_by <> :me)))"
                            + " or exists (select 1 from campaign_visit where target_id = :target and recorded_at > :seen and recorded_by <> :me)")
                    .param("target", form.targetId() == null ? -1 : form.targetId()).param("seen", seenAt).param("me", user.username())
                    .query(Boolean.class).single();
            if (changed) {
                throw new CampaignProblem(CampaignProblem.Kind.CONFLICT, List.of(new FieldProblem("targetId", "TARGET_CHANGED")));
            }
        }
        return record(form, user, stored);
    }

    Recorded record(VisitForm form, CurrentUser user) {
        return record(form, user, stored(clientId(form.clientId())));
    }

    /** A visit already stored under a client id: what the same visit sent again is checked against. */
    private record Stored(long id, String hash, String recordedBy) {
    }

    private Optional<Stored> stored(UUID clientId) {
        return jdbc.sql("select id, body_hash, recorded_by from campaign_visit where client_id = ?").param(clientId)
                .query((rs, n) -> new Stored(rs.getLong(1), rs.getString(2), rs.getString(3))).optional();
    }

    private Recorded record(VisitForm form, CurrentUser user, Optional<Stored> stored) {
        UUID clientId = clientId(form.clientId());
        String hash = hash(form);
        if (stored.isPresent()) {
            if (!stored.get().hash().equals(hash) || !stored.get().recordedBy().equals(user.username())) {
                throw new CampaignProblem(CampaignProblem.Kind.CONFLICT, List.of(new FieldProblem("clientId", "CLIENT_ID_REUSED")));
            }
            return new Recorded(load(stored.get().id()), false);
        }
        // The person's village now, for the scope; the row locked so that concurrent visits count attempts one after the other.
        Object[] target = jdbc.sql("select t.id, t.campaign_id, t.person_id, p.village_code, t.status, t.attempts, c.attempts_before_unreachable, t.village_code"
                        + " from campaign_target t join campaign c on c.id = t.campaign_id join registry_v_person p on p.person_id = t.person_id"
                        + " where t.id = ? for update of t")
                .param(form.targetId() == null ? -1 : form.targetId())
                .query((rs, n) -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getInt(6), rs.getInt(7),
                        rs.getLong(8)})
                .optional().filter(t -> user.scope(Action.VISIT_RECORD).contains((Long) t[3]))
                .orElseThrow(CampaignProblem::notFound);
        List<FieldProblem> problems = check(form);
        if ("REMOVED".equals(target[4])) {
            problems.add(new FieldProblem("targetId", "TARGET_NOT_OPEN"));
        }
        if (!problems.isEmpty()) {
            throw new CampaignProblem(CampaignProblem.Kind.INVALID, problems);
        }
        long campaignId = (Long) target[1];
        long personId = (Long) target[2];
        long village = (Long) target[3];
        // The row as stored (the time and amount as the database keeps them), so that the answer equals a retry's.
        var inserted = jdbc.sql("""
                insert into campaign_visit (client_id, body_hash, campaign_id, target_id, person_id, village_code, mode, visited_at, visitors,
                       outcome, note, comfort_goods, comfort_cash, next_contact_on, recorded_by)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (client_id) do nothing returning *""")
                .params(clientId, hash, campaignId, target[0], personId, village, form.mode(), form.visitedAt(), blank(form.visitors()),
                        form.outcome(), blank(form.note()), blank(form.comfortGoods()), form.comfortCash(), form.nextContactOn(), user.username())
                .query((rs, n) -> visit(rs, List.of(), null)).optional();
        if (inserted.isEmpty()) {
            // The same visit arrived twice at once (a retry racing the first send): the first one stands.
            return record(form, user);
        }
        long visitId = inserted.get().id();
        List<Difficulty> difficulties = new ArrayList<>();
        for (Difficulty d : form.difficulties() == null ? List.<Difficulty>of() : form.difficulties()) {
            difficulties.add(new Difficulty(d.domain(), d.urgency(), d.description().strip(), Boolean.TRUE.equals(d.solvedOnSpot())));
            long difficultyId = jdbc.sql("""
                    insert into campaign_difficulty (visit_id, person_id, village_code, domain, urgency, description, solved_on_spot)
                    values (?, ?, ?, ?, ?, ?, ?) returning id""")
                    .params(visitId, personId, village, d.domain(), d.urgency(), d.description().strip(), Boolean.TRUE.equals(d.solvedOnSpot()))
                    .query(Long.class).single();
            if (!Boolean.TRUE.equals(d.solvedOnSpot())) {
                events.publishEvent(new DifficultyReported(difficultyId, campaignId, personId, village, d.domain(), d.urgency(),
                        d.description().strip(), user.username(), form.visitedAt()));
            }
        }
        String targetStatus = close((Long) target[0], form, "OPEN".equals(target[4]) ? (Integer) target[5] : -1, (Integer) target[6]);
        events.publishEvent(new TargetsChanged(campaignId, (Long) target[7]));
        if (form.statusNeeds() != null && !form.statusNeeds().isEmpty()) {
            try {
                statusNeeds.record(personId, form.statusNeeds(), form.visitedAt().toLocalDate(), StatusNeeds.Source.VISIT, user);
            } catch (RegistryRefusal e) {
                if (e.notFound()) {
                    throw CampaignProblem.notFound();
                }
                // The whole visit rolls back: the worker fixes the answer and sends it again with the same client id.
                throw new CampaignProblem(CampaignProblem.Kind.INVALID, e.problems().stream()
                        .map(p -> new FieldProblem("statusNeeds." + p.field(), p.code())).toList());
            }
        }
        audit.record("VISIT_RECORD", "person", Long.toString(personId), null, AuditLog.Outcome.SUCCESS, form.mode() + " " + form.outcome());
        // The visit, its difficulties and its target's status as stored, without reading them back.
        return new Recorded(inserted.get().with(difficulties, targetStatus), true);
    }

    /**
     * A final outcome closes the target; not at home or unreachable counts an attempt, the last one closing it as unreachable.
     * Returns the target's status after.
     */
    private String close(long targetId, VisitForm form, int attempts, int attemptsBeforeUnreachable) {
        String closure = switch (form.outcome()) {
            case "MET", "REFUSED", "DECEASED", "MOVED" -> form.outcome();
            default -> attempts >= 0 && attempts + 1 >= attemptsBeforeUnreachable ? "UNREACHABLE" : null;
        };
        boolean attempt = "NOT_AT_HOME".equals(form.outcome()) || "UNREACHABLE".equals(form.outcome());
        return jdbc.sql("""
                update campaign_target set attempts = attempts + ?, last_outcome = ?, last_visit_at = ?, next_contact_on = ?,
                       status = case when status = 'OPEN' and cast(? as text) is not null then 'CLOSED' else status end,
                       closure = case when status = 'OPEN' and cast(? as text) is not null then ? else closure end
                 where id = ? returning status""")
                .params(attempt ? 1 : 0, form.outcome(), form.visitedAt(), form.nextContactOn(), closure, closure, closure, targetId)
                .query(String.class).single();
    }

    private static List<FieldProblem> check(VisitForm form) {
        List<FieldProblem> problems = new ArrayList<>();
        if (form.mode() == null || !MODES.contains(form.mode())) {
            problems.add(new FieldProblem("mode", "CHOICE_INVALID"));
        }
        if (form.outcome() == null || !OUTCOMES.contains(form.outcome())) {
            problems.add(new FieldProblem("outcome", "CHOICE_INVALID"));
        }
        if ("REFUSED".equals(form.outcome()) && (form.note() == null || form.note().isBlank())) {
            problems.add(new FieldProblem("note", "NOTE_REQUIRED"));
        }
        if (form.visitedAt() == null || form.visitedAt().isAfter(OffsetDateTime.now().plusMinutes(10))) {
            problems.add(new FieldProblem("visitedAt", "DATE_INVALID"));
        }
        if (form.nextContactOn() != null && form.visitedAt() != null && form.nextContactOn().isBefore(form.visitedAt().toLocalDate())) {
            problems.add(new FieldProblem("nextContactOn", "DATE_INVALID"));
        }
        if (form.comfortCash() != null && (form.comfortCash().signum() < 0 || form.comfortCash().compareTo(new BigDecimal("100000")) > 0)) {
            problems.add(new FieldProblem("comfortCash", "AMOUNT_INVALID"));
        }
        List<Difficulty> difficulties = form.difficulties() == null ? List.of() : form.difficulties();
        for (int i = 0; i < difficulties.size(); i++) {
            Difficulty d = difficulties.get(i);
            if (d.domain() == null || !DOMAINS.contains(d.domain())) {
                problems.add(new FieldProblem("difficulties[" + i + "].domain", "CHOICE_INVALID"));
            }
            if (d.urgency() == null || !URGENCIES.contains(d.urgency())) {
                problems.add(new FieldProblem("difficulties[" + i + "].urgency", "CHOICE_INVALID"));
            }
            if (d.description() == null || d.description().isBlank() || d.description().length() > 500) {
                problems.add(new FieldProblem("difficulties[" + i + "].description", "DESCRIPTION_REQUIRED"));
            }
        }
        if (!difficulties.isEmpty() && !"MET".equals(form.outcome())) {
            problems.add(new FieldProblem("difficulties", "DIFFICULTIES_NEED_CONTACT"));
        }
        return problems;
    }

    Visit load(long id) {
        return load(id, jdbc.sql("select domain, urgency, description, solved_on_spot from campaign_difficulty where visit_id = ? order by id")
                .param(id).query((rs, n) -> new Difficulty(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBoolean(4))).list());
    }

    private Visit load(long id, List<Difficulty> difficulties) {
        return jdbc.sql("select v.*, t.status as target_status from campaign_visit v join campaign_target t on t.id = v.target_id where v.id = ?")
                .param(id).query((rs, n) -> visit(rs, difficulties, rs.getString("target_status"))).single();
    }

    private static Visit visit(java.sql.ResultSet rs, List<Difficulty> difficulties, String targetStatus) throws java.sql.SQLException {
        return new Visit(rs.getLong("id"), rs.getString("client_id"), rs.getLong("campaign_id"), rs.getLong("target_id"),
                rs.getLong("person_id"), rs.getString("mode"), rs.getObject("visited_at", OffsetDateTime.class), rs.getString("visitors"),
                rs.getString("outcome"), rs.getString("note"), rs.getString("comfort_goods"), rs.getBigDecimal("comfort_cash"),
                rs.getObject("next_contact_on", LocalDate.class), rs.getString("recorded_by"), difficulties, targetStatus);
    }

    /** The visits of a family, newest first, in the user's places. */
    List<Visit> ofPerson(long personId, CurrentUser user) {
        Scope.Condition scope = CampaignService.readable(user).where("village_code");
        return jdbc.sql("select id from campaign_visit where person_id = :person and " + scope.sql() + " order by visited_at desc, id desc limit 50")
                .params(scope.params()).param("person", personId).query(Long.class).list().stream().map(this::load).toList();
    }

    private static UUID clientId(String text) {
        try {
            return UUID.fromString(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw CampaignProblem.invalid("clientId", "CLIENT_ID_INVALID");
        }
    }

    /** The visit as sent, in one canonical form, so that a retry is recognised and a changed body is not. */
    private static String hash(VisitForm form) {
        VisitForm canonical = new VisitForm(form.clientId(), form.targetId(), form.mode(), form.visitedAt() == null ? null
                : form.visitedAt().toInstant().atOffset(java.time.ZoneOffset.UTC), form.visitors(), form.outcome(), form.note(), form.difficulties(),
                form.comfortGoods(), form.comfortCash() == null ? null : form.comfortCash().stripTrailingZeros(), form.nextContactOn(),
                form.statusNeeds() == null ? null : new TreeMap<>(form.statusNeeds()));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(JSON.writeValueAsString(canonical).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
