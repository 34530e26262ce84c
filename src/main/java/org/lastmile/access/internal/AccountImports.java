package org.lastmile.access.internal;

import org.lastmile.access.AccessException;
import org.lastmile.access.Accounts;
import org.lastmile.access.AuditLog;
import org.lastmile.access.Grant;
import org.lastmile.access.PersonalData;
import org.lastmile.access.Role;
import org.lastmile.access.Uploads;
import org.lastmile.platform.Jobs;
import org.lastmile.platform.SpreadsheetRows;
import org.lastmile.platform.SpreadsheetRows.Column;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Accounts in bulk from a spreadsheet: SYSTEM_ADMIN creates a county's committee members from
 * (name, phone, village), SECURITY_ADMIN grants roles from (username, role, place). Every bad row is
 * reported with its reason and the good ones are kept; each row is stored whole or not at all; the
 * same file again changes nothing (a committee member is known by phone).
 */
@Service
class AccountImports {

    static final String ACCOUNTS = "access.accounts";
    static final String GRANTS = "access.grants";

    static final List<Column> ACCOUNT_COLUMNS = List.of(
            new Column("name", true, List.of("姓名", "名字", "委员姓名", "name")),
            new Column("phone", true, List.of("联系电话", "手机号码", "手机号", "手机", "电话", "phone")),
            new Column("village", true, List.of("村(社区)代码", "村社区代码", "村代码", "社区代码", "区划代码", "village", "villagecode")));
    static final List<Column> GRANT_COLUMNS = List.of(
            new Column("username", true, List.of("用户名", "账号", "username")),
            new Column("role", true, List.of("角色", "role")),
            new Column("region", false, List.of("区划代码", "村(社区)代码", "regioncode", "region")),
            new Column("department", false, List.of("部门编号", "departmentid", "department")));

    private final Jobs jobs;
    private final Uploads uploads;
    private final AccountService accounts;
    private final PersonalData personalData;
    private final Regions regions;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final AuditLog audit;
    private final MessageSource messages;

    AccountImports(Jobs jobs, Uploads uploads, AccountService accounts, PersonalData personalData, Regions regions, JdbcClient jdbc,
                   TransactionTemplate tx, AuditLog audit, MessageSource messages) {
        this.jobs = jobs;
        this.uploads = uploads;
        this.accounts = accounts;
        this.personalData = personalData;
        this.regions = regions;
        this.jdbc = jdbc;
        this.tx = tx;
        this.audit = audit;
        this.messages = messages;
    }

    String importAccounts(Uploads.Upload upload, String owner, boolean dryRun, Locale locale) {
        audit.record("IMPORT_START", "upload", upload.id(), null, AuditLog.Outcome.SUCCESS, ACCOUNTS + (dryRun ? " dry run" : ""));
        return jobs.start(ACCOUNTS, owner, progress -> {
            List<String[]> created = new ArrayList<>();
            Map<String, Integer> phonesSeen = new HashMap<>();
            try {
                SpreadsheetRows.read(() -> uploads.open(upload.id()), upload.filename(), ACCOUNT_COLUMNS, row -> {
                    progress.processed(row.number());
                    List<Jobs.RowError> errors = new ArrayList<>();
                    String name = row.cell("name").text();
                    if (name.isEmpty() || name.length() > 100) {
                        errors.add(error(row.number(), "姓名", "NAME_REQUIRED", locale));
                    }
                    String phone = AccountService.normalisePhone(row.cell("phone").text());
                    if (phone == null) {
                        errors.add(error(row.number(), "联系电话", "PHONE_INVALID", locale));
                    }
                    Optional<Region> village = RegionCode.parse(row.cell("village").text())
                            .filter(c -> row.cell("village").text().length() == 12).flatMap(regions::find);
                    if (village.isEmpty() || village.get().abolished() || village.get().level() != RegionLevel.VILLAGE) {
                        errors.add(error(row.number(), "村(社区)代码", "VILLAGE_UNKNOWN", locale));
                    }
                    if (phone != null && errors.isEmpty()) {
                        Integer first = phonesSeen.putIfAbsent(phone, row.number());
                        if (first != null) {
                            errors.add(new Jobs.RowError(row.number(), "联系电话", "DUPLICATE_IN_FILE",
                                    message("access.error.DUPLICATE_IN_FILE", locale, first)));
                        }
                    }
                    if (!errors.isEmpty()) {
                        errors.forEach(progress::rowError);
                        progress.count("rejected", 1);
                        return;
                    }
                    if (existingAccountWithPhone(phone)) {
                        progress.count("unchanged", 1);
                        return;
                    }
                    if (dryRun) {
                        progress.count("imported", 1);
                        return;
                    }
                    String username = tx.execute(status -> {
                        String candidate = nextUsername(village.get().code());
                        String password = AccountService.randomPassword();
                        accounts.create(new Accounts.NewAccount(candidate, name, password, phone, true), owner);
                        created.add(new String[] {Integer.toString(row.number()), candidate, name, Long.toString(village.get().code()), password});
                        return candidate;
                    });
                    progress.count("imported", 1);
                });
            } catch (SpreadsheetRows.UnreadableFile e) {
                throw new IllegalArgumentException(message("access.error." + e.code(), locale, e.getMessage()), e);
            } finally {
                uploads.release(upload.id());
            }
            if (!created.isEmpty()) {
                StringBuilder csv = new StringBuilder("\uFEFF").append(message("access.import.resultHeader", locale)).append('\n');
                for (String[] line : created) {
                    csv.append(String.join(",", line)).append('\n');
                }
                Uploads.Upload result = uploads.store(new ByteArrayInputStream(csv.toString().getBytes(StandardCharsets.UTF_8)),
                        "accounts.csv", owner);
                jdbc.sql("insert into access_import_result (job_id, upload_id) values (?::uuid, ?::uuid)")
                        .params(progress.jobId(), result.id()).update();
            }
        });
    }

    String importGrants(Uploads.Upload upload, String owner, boolean dryRun, Locale locale) {
        audit.record("IMPORT_START", "upload", upload.id(), null, AuditLog.Outcome.SUCCESS, GRANTS + (dryRun ? " dry run" : ""));
        return jobs.start(GRANTS, owner, progress -> {
            try {
                SpreadsheetRows.read(() -> uploads.open(upload.id()), upload.filename(), GRANT_COLUMNS, row -> {
                    progress.processed(row.number());
                    String username = row.cell("username").text().toLowerCase(Locale.ROOT);
                    Optional<Accounts.AccountView> account = accounts.find(username);
                    Role role = role(row.cell("role").text());
                    List<Jobs.RowError> errors = new ArrayList<>();
                    if (account.isEmpty()) {
                        errors.add(error(row.number(), "用户名", "ACCOUNT_UNKNOWN", locale));
                    }
                    if (role == null) {
                        errors.add(error(row.number(), "角色", "ROLE_UNKNOWN", locale));
                    }
                    Long region = null;
                    if (!row.cell("region").blank()) {
                        region = RegionCode.parse(row.cell("region").text()).map(RegionCode::value).orElse(null);
                        if (region == null) {
                            errors.add(error(row.number(), "区划代码", "REGION_UNKNOWN", locale));
                        }
                    }
                    Long department = null;
                    if (!row.cell("department").blank()) {
                        try {
                            department = Long.parseLong(row.cell("department").text());
                        } catch (NumberFormatException e) {
                            errors.add(error(row.number(), "部门编号", "DEPARTMENT_REQUIRED", locale));
                        }
                    }
                    if (errors.isEmpty()) {
                        Grant grant = new Grant(role, region, department);
                        if (account.get().grants().contains(grant)) {
                            progress.count("unchanged", 1);
                            return;
                        }
                        List<Grant> grants = new ArrayList<>(account.get().grants());
                        grants.add(grant);
                        try {
                            if (dryRun) {
                                List<AccessException.Problem> problems = accounts.validate(grants);
                                if (!problems.isEmpty()) {
                                    throw new AccessException(AccessException.Kind.INVALID, problems);
                                }
                                if (username.equals(owner)) {
                                    throw new AccessException(AccessException.Kind.FORBIDDEN, "username", "GRANT_OWN_ACCOUNT");
                                }
                            } else {
                                accounts.setGrants(username, grants, owner);
                            }
                            progress.count("imported", 1);
                            return;
                        } catch (AccessException e) {
                            for (AccessException.Problem p : e.problems()) {
                                errors.add(new Jobs.RowError(row.number(), null, p.code(),
                                        message("access.error." + p.code(), locale, p.args())));
                            }
                        }
                    }
                    errors.forEach(progress::rowError);
                    progress.count("rejected", 1);
                });
            } catch (SpreadsheetRows.UnreadableFile e) {
                throw new IllegalArgumentException(message("access.error." + e.code(), locale, e.getMessage()), e);
            } finally {
                uploads.release(upload.id());
            }
        });
    }

    /** The temporary passwords of the accounts a job created, for their owner to hand out. */
    Optional<InputStream> result(String jobId) {
        return jdbc.sql("select upload_id::text from access_import_result where job_id = ?::uuid").param(jobId)
                .query(String.class).optional().map(uploads::open);
    }

    private boolean existingAccountWithPhone(String phone) {
        List<byte[]> candidates = personalData.blindIndexCandidates(PersonalData.IndexKind.PHONE, phone);
        return jdbc.sql("select exists (select 1 from access_account where phone_index = any(?))")
                .param(candidates.toArray(byte[][]::new)).query(Boolean.class).single();
    }

    private String nextUsername(long villageCode) {
        String prefix = "c" + villageCode + "-";
        int n = jdbc.sql("select count(*) from access_account where username like ?").param(prefix + "%").query(Integer.class).single() + 1;
        while (accounts.find(prefix + n).isPresent()) {
            n++;
        }
        return prefix + n;
    }

    /** A role by its code or its Chinese name. */
    static Role role(String text) {
        String value = SpreadsheetRows.normalise(text);
        for (Role role : Role.values()) {
            if (role.name().equalsIgnoreCase(value)) {
                return role;
            }
        }
        return switch (value) {
            case "专职委员" -> Role.FIELD_WORKER;
            case "工作人员", "残联工作人员", "乡镇残联工作人员", "县残联工作人员", "乡镇/县残联工作人员" -> Role.CASE_WORKER;
            case "领导" -> Role.LEADER;
            case "话务员", "12385话务员", "12385 话务员" -> Role.HOTLINE_OPERATOR;
            case "部门联络员", "联络员" -> Role.DEPARTMENT_LIAISON;
            default -> null;
        };
    }

    private Jobs.RowError error(int row, String column, String code, Locale locale) {
        return new Jobs.RowError(row, column, code, message("access.error." + code, locale));
    }

    private String message(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
