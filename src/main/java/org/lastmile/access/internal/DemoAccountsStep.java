package org.lastmile.access.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * One account per working role in the demo county, printed once when created: a field worker of
 * the first village that has an association, a case worker and a leader of the county, a hotline
 * operator, and the liaison of the county's civil affairs bureau.
 */
@Component
class DemoAccountsStep implements DemoStep {

    private final AccountService accounts;
    private final JdbcClient jdbc;
    private final Departments departments;

    DemoAccountsStep(AccountService accounts, JdbcClient jdbc, Departments departments) {
        this.accounts = accounts;
        this.jdbc = jdbc;
        this.departments = departments;
    }

    @Override
    public String id() {
        return "0200-access-demo-accounts";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        Long village = jdbc.sql("""
                select division_code from region_village_association
                 where established_on is not null and division_code between ? and ? order by division_code limit 1""")
                .params(county.subtreeFirst(), county.subtreeLast()).query(Long.class).optional().orElse(null);
        Map<String, Grant> demo = new LinkedHashMap<>();
        if (village != null) {
            demo.put("demo-field", new Grant(Role.FIELD_WORKER, village, null));
        }
        demo.put("demo-case", new Grant(Role.CASE_WORKER, county.value(), null));
        demo.put("demo-leader", new Grant(Role.LEADER, county.value(), null));
        demo.put("demo-hotline", new Grant(Role.HOTLINE_OPERATOR, county.value(), null));
        departments.of(county).stream().filter(d -> d.type() == Department.Type.CIVIL_AFFAIRS).findFirst()
                .ifPresent(civilAffairs -> demo.put("demo-liaison", new Grant(Role.DEPARTMENT_LIAISON, county.value(), civilAffairs.id())));
        SplittableRandom random = new SplittableRandom(settings.seed());
        StringBuilder banner = new StringBuilder("\n================ Lastmile demo accounts (shown once) ================\n");
        for (var entry : demo.entrySet()) {
            if (accounts.find(entry.getKey()).isPresent()) {
                continue;
            }
            String password = AccountService.randomPassword();
            accounts.create(new Accounts.NewAccount(entry.getKey(), displayName(entry.getValue().role(), random), password, null, false),
                    "demo");
            accounts.setGrants(entry.getKey(), List.of(entry.getValue()), "demo");
            banner.append(String.format("  %-14s %-16s %s at %d%n", entry.getKey(), password, entry.getValue().role(),
                    entry.getValue().regionCode()));
        }
        banner.append("======================================================================");
        System.out.println(banner);
    }

    private static String displayName(Role role, SplittableRandom random) {
        return org.lastmile.platform.ChineseNames.fullName(random);
    }
}
