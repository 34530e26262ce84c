package org.lastmile.casework.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.campaign.DifficultyReported;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.TableStatistics;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Casework in the demo county: every open difficulty of the 2020 campaign becomes a case, and the cases
 * are taken through every state by the county's case worker and the civil-affairs liaison (which case
 * goes where follows from its id, so the demo is the same everywhere): open, in progress, referred
 * (asked, accepted, done, declined), escalated, resolved, closed after verification, reopened, linked
 * to policy issues; a few follow-ups overdue for demo-field, a few cases whose owner left.
 */
@Component
class CaseDemoStep implements DemoStep {

    private static final Map<String, Department.Type> DEPARTMENT_OF_DOMAIN = Map.of(
            "POVERTY_RELIEF", Department.Type.RURAL_REVITALIZATION, "LIVING_ASSISTANCE", Department.Type.CIVIL_AFFAIRS,
            "REHABILITATION_MEDICAL", Department.Type.HEALTH, "EMPLOYMENT", Department.Type.HUMAN_RESOURCES,
            "SCHOOLING", Department.Type.EDUCATION, "CARE", Department.Type.CIVIL_AFFAIRS, "PRODUCTION", Department.Type.RURAL_REVITALIZATION,
            "HOME_ACCESSIBILITY", Department.Type.HOUSING, "OTHER", Department.Type.CIVIL_AFFAIRS);

    private static final Map<String, String> POLICY_TITLES = Map.of("HOME_ACCESSIBILITY", "家庭无障碍改造资金不足",
            "EMPLOYMENT", "就近就业岗位太少", "REHABILITATION_MEDICAL", "康复服务进不了村",
            "CARE", "重度残疾人照护服务缺口");

    private final CaseService cases;
    private final JdbcClient jdbc;
    private final Accounts accounts;
    private final Departments departments;

    CaseDemoStep(CaseService cases, JdbcClient jdbc, Accounts accounts, Departments departments) {
        this.cases = cases;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.departments = departments;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0500-casework";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        // The campaign's demo wrote its difficulties directly; open their cases as the event would have.
        jdbc.sql("""
                        select difficulty_id, campaign_id, person_id, village_code, domain, urgency, description, reported_by, visited_at
                          from campaign_v_difficulty where not solved_on_spot and village_code between ? and ? order by difficulty_id""")
                .params(county.subtreeFirst(), county.subtreeLast())
                .query((rs, n) -> new DifficultyReported(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getString(8), rs.getObject(9, OffsetDateTime.class)))
                .list().forEach(cases::openFromDifficulty);
        CurrentUser worker = new CurrentUser(0, "demo-case", "演示", List.of(new Grant(Role.CASE_WORKER, county.value(), null)));
        Optional<CurrentUser> liaison = accounts.find("demo-liaison")
                .map(a -> new CurrentUser(a.id(), a.username(), a.displayName(), a.grants()));
        Map<Department.Type, Department> byType = new java.util.EnumMap<>(Department.Type.class);
        departments.of(county).forEach(d -> byType.putIfAbsent(d.type(), d));
        Map<Long, Long> issueOfUnit = new java.util.HashMap<>();
        List<Object[]> all = jdbc.sql("select id, domain, urgency, unit_code from casework_case where village_code between ? and ? and status = 'OPEN' order by id")
                .params(county.subtreeFirst(), county.subtreeLast())
                .query((rs, n) -> new Object[]{rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4)}).list();
        for (Object[] row : all) {
            long id = (Long) row[0];
            String domain = (String) row[1];
            int h = Math.floorMod(Long.hashCode(id * 2654435761L), 100);
            Department department = byType.getOrDefault(DEPARTMENT_OF_DOMAIN.get(domain), byType.get(Department.Type.CIVIL_AFFAIRS));
            if (h < 15) {
                continue;
            }
            step(id, CaseAction.START, worker);
            if (h < 35) {
                continue;
            }
            if (h < 60 && department != null) {
                CaseService.Transition refer = new CaseService.Transition(CaseAction.REFER, null, department.id(), ask(domain), null, null, null, null, null);
                cases.transition(id, refer, worker);
                CurrentUser answering = department.type() == Department.Type.CIVIL_AFFAIRS && liaison.isPresent() ? liaison.get() : worker;
                if (h >= 40 && h < 45) {
                    answer(id, CaseRules.Answer.ACCEPTED, null, answering);
                } else if (h >= 45 && h < 57) {
                    answer(id, CaseRules.Answer.DONE, "已按政策办理，相关补助下月起发放。", answering);
                } else if (h >= 57) {
                    answer(id, CaseRules.Answer.DECLINED, "不符合现行政策条件，建议通过临时救助解决。", answering);
                }
                continue;
            }
            if (h < 68) {
                cases.transition(id, new CaseService.Transition(CaseAction.ESCALATE, "乡镇无力解决，需要县里协调。", null, null, null, null, null, null, null), worker);
                continue;
            }
            if (h < 72) {
                Long issue = issueOfUnit.get((Long) row[3]);
                if (issue == null) {
                    cases.transition(id, new CaseService.Transition(CaseAction.RAISE_POLICY, null, null, null, null, null,
                            "许多家庭的困难相同，现有政策和资金只能解决少数。", null, POLICY_TITLES.getOrDefault(domain, "帮扶政策覆盖不足")), worker);
                    issueOfUnit.put((Long) row[3], jdbc.sql("select policy_issue_id from casework_case where id = ?").param(id).query(Long.class).single());
                } else {
                    cases.transition(id, new CaseService.Transition(CaseAction.RAISE_POLICY, null, null, null, null, null, null, issue, null), worker);
                }
                continue;
            }
            cases.transition(id, new CaseService.Transition(CaseAction.RESOLVE, null, null, null, null, null, "已协调解决。", null, null), worker);
            if (h < 80) {
                continue;
            }
            cases.addContact(id, new CaseService.NewContact(null, "PHONE", null, "本人", "电话回访，问题已解决。", true, true, null), worker);
            step(id, CaseAction.CLOSE, worker);
            if (h >= 96) {
                cases.transition(id, new CaseService.Transition(CaseAction.REOPEN, "家属反映问题再次出现。", null, null, null, null, null, null, null), worker);
            }
        }
        // demo-field's own village: a few cases opened by hand, so that the worker's list has follow-ups of its own.
        accounts.find("demo-field").ifPresent(field -> {
            CurrentUser fieldWorker = new CurrentUser(field.id(), field.username(), field.displayName(), field.grants());
            Long fieldVillage = field.grants().stream().map(Grant::regionCode).filter(java.util.Objects::nonNull).findFirst().orElse(null);
            if (fieldVillage == null || !county.contains(fieldVillage)) {
                return;
            }
            List<Long> persons = jdbc.sql("select person_id from registry_v_person where village_code = ? order by person_id limit 3")
                    .param(fieldVillage).query(Long.class).list();
            String[][] difficulties = {{"HOME_ACCESSIBILITY", "ONGOING", "门口台阶太高，轮椅进出困难"}, {"CARE", "URGENT", "独居，近来行动不便，需要有人照看"},
                    {"EMPLOYMENT", "ONGOING", "想在村里找份能做的活"}};
            for (int i = 0; i < persons.size(); i++) {
                cases.open(new CaseService.NewCase(null, persons.get(i), "MANUAL", null, difficulties[i][0], difficulties[i][1], difficulties[i][2], null),
                        fieldWorker);
            }
        });
        // The village worker's list shows what is late: a few follow-ups past their date.
        jdbc.sql("""
                update casework_follow_up f set due_on = current_date - 2 from casework_case c
                 where c.id = f.case_id and f.status = 'DUE' and f.assigned_to = 'demo-field' and c.id % 2 = 0
                   and c.village_code between ? and ?""").params(county.subtreeFirst(), county.subtreeLast()).update();
        // Two cases whose owner's account has gone: they wait on the reassignment list.
        jdbc.sql("""
                update casework_case set owner = 'demo-former', owner_left = true
                 where id in (select id from casework_case where status = 'IN_PROGRESS' and village_code between ? and ? order by id limit 2)""")
                .params(county.subtreeFirst(), county.subtreeLast()).update();
        TableStatistics.refreshIfSmall(jdbc, "casework_case", "casework_event");
    }

    private void step(long id, CaseAction action, CurrentUser user) {
        cases.transition(id, new CaseService.Transition(action, null, null, null, null, null, null, null, null), user);
    }

    private void answer(long id, CaseRules.Answer answer, String text, CurrentUser user) {
        cases.transition(id, new CaseService.Transition(CaseAction.ANSWER, null, null, null, null, answer, text, null, null), user);
    }

    private static String ask(String domain) {
        return switch (domain) {
            case "POVERTY_RELIEF" -> "请核实家庭收入，符合条件的纳入防止返贫监测帮扶。";
            case "LIVING_ASSISTANCE", "CARE", "OTHER" -> "请评估是否符合临时救助或低保条件。";
            case "REHABILITATION_MEDICAL" -> "请安排家庭医生上门，衔接康复服务。";
            case "EMPLOYMENT" -> "请推荐就近就业岗位或公益性岗位。";
            case "SCHOOLING" -> "请协调学校解决上网课的设备。";
            case "HOME_ACCESSIBILITY" -> "请纳入今年的农村危房和适老化改造计划。";
            default -> "请协助解决农产品销路。";
        };
    }
}
