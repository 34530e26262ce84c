package org.lastmile.registry.internal;

import org.lastmile.access.Action;
import org.lastmile.access.AuditLog;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Scope;
import org.lastmile.registry.IdNumber;
import org.lastmile.registry.internal.PersonProblem.FieldProblem;
import org.lastmile.registry.internal.PersonProblem.Kind;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Transfer requests between places: asked by the receiving village, decided by the owning place's case workers. */
@Service
@Transactional
public class TransferRequests {

    /** What the requester sees: never where the person is. */
    public record Request(long id, String toVillage, String reason, String status, String requestedBy, OffsetDateTime requestedAt,
                   String decisionReason) {
    }

    /** What the owning place sees: who the person is (masked) and where they would go. */
    public record Incoming(long id, long personId, String personName, String maskedIdNumber, String fromVillage, String toVillage, String reason,
                    String requestedBy, OffsetDateTime requestedAt, String status) {
    }

    private final JdbcClient jdbc;
    private final PersonService persons;
    private final Regions regions;
    private final AuditLog audit;

    TransferRequests(JdbcClient jdbc, PersonService persons, Regions regions, AuditLog audit) {
        this.jdbc = jdbc;
        this.persons = persons;
        this.regions = regions;
        this.audit = audit;
    }

    Request request(String idNumber, String villageCode, String reason, CurrentUser user) {
        List<FieldProblem> problems = new ArrayList<>();
        IdNumber.Parsed id = IdNumber.parse(idNumber);
        if (!id.valid()) {
            problems.add(new FieldProblem("idNumber", id.problem().name()));
        }
        Optional<Long> village = Optional.ofNullable(villageCode).map(IdNumber::normalise).filter(c -> c.length() == 12)
                .flatMap(RegionCode::parse).flatMap(regions::find)
                .filter(r -> r.level() == RegionLevel.VILLAGE && !r.abolished()).map(r -> r.code());
        if (village.isEmpty()) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_UNKNOWN"));
        } else if (!user.scope(Action.PERSON_EDIT).contains(village.get())) {
            problems.add(new FieldProblem("villageCode", "VILLAGE_OUT_OF_SCOPE"));
        }
        if (reason == null || reason.isBlank() || reason.length() > 500) {
            problems.add(new FieldProblem("reason", "REASON_REQUIRED"));
        }
        if (!problems.isEmpty()) {
            throw new PersonProblem(Kind.INVALID, problems, null);
        }
        PersonRecord person = persons.findByIdNumber(id.number()).flatMap(persons::load)
                .orElseThrow(() -> new PersonProblem(Kind.INVALID, List.of(new FieldProblem("idNumber", "NOT_REGISTERED")), null));
        if (user.scope(Action.PERSON_EDIT).contains(person.villageCode())) {
            throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("idNumber", "ALREADY_YOURS")), null);
        }
        boolean open = jdbc.sql("select exists (select 1 from registry_transfer_request where person_id = ? and to_village = ? and status = 'PENDING')")
                .params(person.id(), village.get()).query(Boolean.class).single();
        if (open) {
            throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("idNumber", "TRANSFER_PENDING")), null);
        }
        long requestId = jdbc.sql("""
                insert into registry_transfer_request (person_id, from_village, to_village, reason, requested_by)
                values (?, ?, ?, ?, ?) returning id""")
                .params(person.id(), person.villageCode(), village.get(), reason.strip(), user.username()).query(Long.class).single();
        audit.record("TRANSFER_REQUEST", "transfer", Long.toString(requestId), null, AuditLog.Outcome.SUCCESS, null);
        return mine(requestId, user).orElseThrow();
    }

    /** A request the user made, without saying where the person is. */
    Optional<Request> mine(long id, CurrentUser user) {
        return jdbc.sql("select * from registry_transfer_request where id = ? and requested_by = ?").params(id, user.username())
                .query(TransferRequests::request).optional();
    }

    /** The user's requests, newest first (the last 100). */
    List<Request> mine(CurrentUser user) {
        return jdbc.sql("select * from registry_transfer_request where requested_by = ? order by requested_at desc, id desc limit 100")
                .param(user.username()).query(TransferRequests::request).list();
    }

    private static Request request(java.sql.ResultSet rs, int n) throws java.sql.SQLException {
        return new Request(rs.getLong("id"), Long.toString(rs.getLong("to_village")), rs.getString("reason"),
                rs.getString("status"), rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class),
                rs.getString("decision_reason"));
    }

    /** Pending requests for persons the user's place holds (case workers), oldest first, read in one query. */
    List<Incoming> incoming(CurrentUser user) {
        return incoming(user, null);
    }

    private List<Incoming> incoming(CurrentUser user, Long onlyId) {
        Scope.Condition scope = user.scope(Action.CASE_MANAGE).where("p.village_code");
        return jdbc.sql("select r.id as request_id, r.to_village, r.reason as request_reason, r.requested_by, r.requested_at, r.status as request_status, p.*"
                        + " from registry_transfer_request r join registry_person p on p.id = r.person_id"
                        + " where r.status = 'PENDING' and " + scope.sql() + (onlyId == null ? "" : " and r.id = :onlyId")
                        + " order by r.requested_at limit 500")
                .params(scope.params()).param("onlyId", onlyId)
                .query((rs, n) -> {
                    PersonRecord p = persons.row(rs, n);
                    return new Incoming(rs.getLong("request_id"), p.id(), p.name(), org.lastmile.access.Masking.idNumber(p.idNumber()),
                            Long.toString(p.villageCode()), Long.toString(rs.getLong("to_village")), rs.getString("request_reason"),
                            rs.getString("requested_by"), rs.getObject("requested_at", OffsetDateTime.class), rs.getString("request_status"));
                }).list();
    }

    /** Accepts (the record moves with its history) or declines (with a reason) a pending request of the user's place. */
    Incoming decide(long id, boolean accept, String reason, CurrentUser user) {
        Incoming request = incoming(user, id).stream().findFirst().orElseThrow(() -> PersonProblem.of(Kind.NOT_FOUND));
        if (!accept && (reason == null || reason.isBlank())) {
            throw new PersonProblem(Kind.INVALID, List.of(new FieldProblem("reason", "REASON_REQUIRED")), null);
        }
        int decided = jdbc.sql("update registry_transfer_request set status = ?, decided_by = ?, decided_at = now(), decision_reason = ? where id = ? and status = 'PENDING'")
                .params(accept ? "ACCEPTED" : "DECLINED", user.username(), reason == null ? null : reason.strip(), id).update();
        if (decided == 0) {
            // Decided by a colleague a moment ago: nothing more to do, and the record must not move twice.
            throw PersonProblem.of(Kind.NOT_FOUND);
        }
        if (accept) {
            persons.move(request.personId(), Long.parseLong(request.fromVillage()), Long.parseLong(request.toVillage()), user.username(),
                    "TRANSFER_REQUEST");
        }
        audit.record(accept ? "TRANSFER_ACCEPT" : "TRANSFER_DECLINE", "transfer", Long.toString(id), null, AuditLog.Outcome.SUCCESS, reason);
        return new Incoming(request.id(), request.personId(), request.personName(), request.maskedIdNumber(), request.fromVillage(),
                request.toVillage(), request.reason(), request.requestedBy(), request.requestedAt(), accept ? "ACCEPTED" : "DECLINED");
    }
}
