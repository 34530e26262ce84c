package org.lastmile.access.internal;

import org.lastmile.access.AccessException;
import org.lastmile.access.AccessException.Kind;
import org.lastmile.access.AccessException.Problem;
import org.lastmile.access.Accounts;
import org.lastmile.access.AuditLog;
import org.lastmile.access.Grant;
import org.lastmile.access.Masking;
import org.lastmile.access.PersonalData;
import org.lastmile.access.Role;
import org.lastmile.region.Departments;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.Regions;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Accounts and grants, with the rules of separation of duties (三员分立) enforced here, once. */
@Service
@Transactional
class AccountService implements Accounts {

    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789";
    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;
    private final PersonalData personalData;
    private final AuditLog audit;
    private final Regions regions;
    private final SecurityPolicyStore policies;
    private final Departments departments;

    private final org.springframework.context.ApplicationEventPublisher events;

    AccountService(JdbcClient jdbc, PasswordEncoder passwords, PersonalData personalData, AuditLog audit, Regions regions,
                   SecurityPolicyStore policies, Departments departments, org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.departments = departments;
        this.jdbc = jdbc;
        this.passwords = passwords;
        this.personalData = personalData;
        this.audit = audit;
        this.regions = regions;
        this.policies = policies;
    }

    @Override
    public AccountView create(NewAccount account, String actor) {
        List<Problem> problems = new ArrayList<>();
        String username = account.username() == null ? "" : account.username().strip();
        if (!username.matches("[a-z0-9][a-z0-9._-]{2,63}")) {
            problems.add(new Problem("username", "USERNAME_INVALID"));
        }
        if (account.displayName() == null || account.displayName().isBlank() || account.displayName().length() > 100) {
            problems.add(new Problem("displayName", "DISPLAY_NAME_REQUIRED"));
        }
        String phone = account.phone() == null || account.phone().isBlank() ? null : normalisePhone(account.phone());
        if (account.phone() != null && !account.phone().isBlank() && phone == null) {
            problems.add(new Problem("phone", "PHONE_INVALID"));
        }
        problems.addAll(policies.current().check(username, account.password()));
        if (!problems.isEmpty()) {
            throw new AccessException(Kind.INVALID, problems);
        }
        if (find(username).isPresent()) {
            throw new AccessException(Kind.CONFLICT, "username", "USERNAME_TAKEN");
        }
        long id = jdbc.sql("""
                insert into access_account (username, display_name, password_hash, must_change_password, phone, phone_index,
                                            phone_tail_index, created_by)
                values (?, ?, ?, ?, ?, ?, ?, ?) returning id""")
                .params(username, account.displayName().strip(), passwords.encode(account.password()), account.mustChangePassword(),
                        personalData.encrypt(phone),
                        phone == null ? null : personalData.blindIndex(PersonalData.IndexKind.PHONE, phone),
                        phone == null ? null : personalData.blindIndex(PersonalData.IndexKind.PHONE_TAIL4, phone.substring(phone.length() - 4)),
                        actor)
                .query(Long.class).single();
        audit.record("ACCOUNT_CREATE", "account", Long.toString(id), null, AuditLog.Outcome.SUCCESS, username);
        return find(username).orElseThrow();
    }

    @Override
    public AccountView setGrants(String username, List<Grant> grants, String actor) {
        AccountView account = find(username).orElseThrow(() -> new AccessException(Kind.NOT_FOUND, "username", "ACCOUNT_UNKNOWN"));
        if (username.equals(actor)) {
            throw new AccessException(Kind.FORBIDDEN, "username", "GRANT_OWN_ACCOUNT");
        }
        List<Problem> problems = validate(grants);
        if (!problems.isEmpty()) {
            throw new AccessException(Kind.INVALID, problems);
        }
        jdbc.sql("delete from access_grant where account_id = ?").param(account.id()).update();
        for (Grant grant : grants) {
            jdbc.sql("insert into access_grant (account_id, role, region_code, department_id, granted_by) values (?, ?, ?, ?, ?)")
                    .params(account.id(), grant.role().name(), grant.regionCode(), grant.departmentId(), actor).update();
        }
        audit.record("GRANTS_CHANGE", "account", Long.toString(account.id()), null, AuditLog.Outcome.SUCCESS,
                describe(account.grants()) + " -> " + describe(grants));
        return find(username).orElseThrow();
    }

    /** Each grant placed at a level its role allows; admin roles alone and placeless; liaisons with a department. */
    List<Problem> validate(List<Grant> grants) {
        List<Problem> problems = new ArrayList<>();
        boolean anyAdmin = grants.stream().anyMatch(g -> g.role() != null && g.role().administrator());
        if (anyAdmin && grants.size() > 1) {
            problems.add(new Problem("grants", "ADMIN_ROLE_EXCLUSIVE"));
        }
        for (int i = 0; i < grants.size(); i++) {
            Grant grant = grants.get(i);
            String field = "grants[" + i + "]";
            if (grant.role() == null) {
                problems.add(new Problem(field + ".role", "ROLE_REQUIRED"));
                continue;
            }
            if (grant.role().administrator()) {
                if (grant.regionCode() != null) {
                    problems.add(new Problem(field + ".regionCode", "ADMIN_ROLE_HAS_NO_PLACE"));
                }
                continue;
            }
            if (grant.regionCode() == null) {
                problems.add(new Problem(field + ".regionCode", "REGION_REQUIRED"));
                continue;
            }
            Optional<Region> region = RegionCode.parse(Long.toString(grant.regionCode())).flatMap(regions::find);
            if (region.isEmpty() || region.get().abolished()) {
                problems.add(new Problem(field + ".regionCode", "REGION_UNKNOWN"));
            } else if (!grant.role().placedAt().contains(region.get().level())) {
                problems.add(new Problem(field + ".regionCode", "REGION_LEVEL_NOT_ALLOWED"));
            }
            if (grant.role().needsDepartment() && grant.departmentId() == null) {
                problems.add(new Problem(field + ".departmentId", "DEPARTMENT_REQUIRED"));
            } else if (grant.role().needsDepartment()
                    && departments.find(grant.departmentId()).map(d -> d.divisionCode() != grant.regionCode()).orElse(true)) {
                problems.add(new Problem(field + ".departmentId", "DEPARTMENT_UNKNOWN"));
            }
            if (!grant.role().needsDepartment() && grant.departmentId() != null) {
                problems.add(new Problem(field + ".departmentId", "DEPARTMENT_NOT_ALLOWED"));
            }
        }
        return problems;
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<AccountView> find(String username) {
        return jdbc.sql("select id, username, display_name, enabled, locked_until, must_change_password, phone from access_account where username = ?")
                .param(username)
                .query((rs, n) -> {
                    OffsetDateTime lockedUntil = rs.getObject("locked_until", OffsetDateTime.class);
                    long id = rs.getLong("id");
                    String phone = rs.getString("phone");
                    return new AccountView(id, rs.getString("username"), rs.getString("display_name"), rs.getBoolean("enabled"),
                            lockedUntil != null && lockedUntil.isAfter(OffsetDateTime.now()), rs.getBoolean("must_change_password"),
                            phone == null ? null : Masking.phone(personalData.decrypt(phone)), grants(id));
                }).optional();
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> holders(Role role, List<Long> places) {
        Map<Long, java.util.SortedSet<String>> byPlace = new HashMap<>();
        jdbc.sql("""
                select a.username, g.region_code from access_account a join access_grant g on g.account_id = a.id
                 where a.enabled and g.role = ? and g.region_code = any(?)""")
                .params(role.name(), places.toArray(Long[]::new))
                .query(rs -> {
                    byPlace.computeIfAbsent(rs.getLong(2), k -> new java.util.TreeSet<>()).add(rs.getString(1));
                });
        return places.stream().filter(byPlace::containsKey).findFirst().map(p -> List.copyOf(byPlace.get(p))).orElse(List.of());
    }

    @Override
    @Transactional(readOnly = true)
    public List<String> liaisons(long departmentId) {
        return jdbc.sql("""
                select distinct a.username from access_account a join access_grant g on g.account_id = a.id
                 where a.enabled and g.role = 'DEPARTMENT_LIAISON' and g.department_id = ? order by a.username""")
                .param(departmentId).query(String.class).list();
    }

    @Transactional(readOnly = true)
    List<AccountView> list(String query, int limit) {
        String like = "%" + (query == null ? "" : query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")) + "%";
        return jdbc.sql("select username from access_account where username like ? or display_name like ? order by username limit ?")
                .params(like, like, limit).query(String.class).list().stream()
                .map(u -> find(u).orElseThrow()).toList();
    }

    List<Grant> grants(long accountId) {
        return jdbc.sql("select role, region_code, department_id from access_grant where account_id = ? order by id")
                .param(accountId)
                .query((rs, n) -> new Grant(Role.valueOf(rs.getString(1)), (Long) rs.getObject(2), (Long) rs.getObject(3)))
                .list();
    }

    void disable(String username, String actor) {
        AccountView account = require(username);
        if (username.equals(actor)) {
            throw new AccessException(Kind.FORBIDDEN, "username", "DISABLE_OWN_ACCOUNT");
        }
        jdbc.sql("update access_account set enabled = false where id = ?").param(account.id()).update();
        jdbc.sql("update access_api_token set revoked_at = now() where account_id = ? and revoked_at is null").param(account.id()).update();
        jdbc.sql("delete from spring_session where principal_name = ?").param(username).update();
        audit.record("ACCOUNT_DISABLE", "account", Long.toString(account.id()), null, AuditLog.Outcome.SUCCESS, username);
        events.publishEvent(new org.lastmile.access.AccountDisabled(username));
    }

    void enable(String username) {
        AccountView account = require(username);
        jdbc.sql("update access_account set enabled = true where id = ?").param(account.id()).update();
        audit.record("ACCOUNT_ENABLE", "account", Long.toString(account.id()), null, AuditLog.Outcome.SUCCESS, username);
    }

    void unlock(String username) {
        AccountView account = require(username);
        jdbc.sql("update access_account set failed_attempts = 0, locked_until = null where id = ?").param(account.id()).update();
        audit.record("ACCOUNT_UNLOCK", "account", Long.toString(account.id()), null, AuditLog.Outcome.SUCCESS, username);
    }

    /** Sets a random temporary password that must be changed at the next login; returns it once. */
    String resetPassword(String username, String actor) {
        AccountView account = require(username);
        if (username.equals(actor)) {
            throw new AccessException(Kind.FORBIDDEN, "username", "RESET_OWN_PASSWORD");
        }
        String temporary = randomPassword();
        jdbc.sql("""
                update access_account set password_hash = ?, must_change_password = true, failed_attempts = 0, locked_until = null,
                       password_changed_at = now() where id = ?""")
                .params(passwords.encode(temporary), account.id()).update();
        jdbc.sql("update access_api_token set revoked_at = now() where account_id = ? and revoked_at is null").param(account.id()).update();
        audit.record("PASSWORD_RESET", "account", Long.toString(account.id()), null, AuditLog.Outcome.SUCCESS, username);
        return temporary;
    }

    /** The user's own change: the current password proves it is them. */
    void changePassword(String username, String current, String next) {
        String hash = jdbc.sql("select password_hash from access_account where username = ? and enabled")
                .param(username).query(String.class).optional()
                .orElseThrow(() -> new AccessException(Kind.INVALID, "currentPassword", "PASSWORD_WRONG"));
        if (!passwords.matches(current == null ? "" : current, hash)) {
            audit.recordFor(username, "PASSWORD_CHANGE", "account", null, AuditLog.Outcome.FAILURE, "wrong current password");
            throw new AccessException(Kind.INVALID, "currentPassword", "PASSWORD_WRONG");
        }
        List<Problem> problems = new ArrayList<>(policies.current().check(username, next).stream()
                .map(p -> new Problem("newPassword", p.code(), p.args())).toList());
        if (next != null && next.equals(current)) {
            problems.add(new Problem("newPassword", "PASSWORD_UNCHANGED"));
        }
        if (!problems.isEmpty()) {
            throw new AccessException(Kind.INVALID, problems);
        }
        jdbc.sql("update access_account set password_hash = ?, must_change_password = false, password_changed_at = now() where username = ?")
                .params(passwords.encode(next), username).update();
        audit.recordFor(username, "PASSWORD_CHANGE", "account", null, AuditLog.Outcome.SUCCESS, null);
    }

    private AccountView require(String username) {
        return find(username).orElseThrow(() -> new AccessException(Kind.NOT_FOUND, "username", "ACCOUNT_UNKNOWN"));
    }

    static String randomPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 14; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        // Always three classes: an upper, a lower and a digit at fixed places among random ones.
        password.setCharAt(0, "ABCDEFGHJKLMNPQRSTUVWXYZ".charAt(random.nextInt(24)));
        password.setCharAt(5, "abcdefghijkmnpqrstuvwxyz".charAt(random.nextInt(24)));
        password.setCharAt(9, "23456789".charAt(random.nextInt(8)));
        return password.toString();
    }

    /** Mainland mobile numbers (11 digits from 1) or landlines of digits and a hyphen; full-width digits accepted. */
    static String normalisePhone(String phone) {
        StringBuilder digits = new StringBuilder();
        for (char c : phone.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                digits.append((char) (c - '０' + '0'));
            } else if (Character.isDigit(c)) {
                digits.append(c);
            } else if (c != '-' && c != ' ' && c != '\u00A0') {
                return null;
            }
        }
        return digits.length() >= 7 && digits.length() <= 12 ? digits.toString() : null;
    }

    private static String describe(List<Grant> grants) {
        return grants.stream().map(g -> g.role() + (g.regionCode() == null ? "" : "@" + g.regionCode())
                + (g.departmentId() == null ? "" : "#" + g.departmentId())).toList().toString();
    }
}
