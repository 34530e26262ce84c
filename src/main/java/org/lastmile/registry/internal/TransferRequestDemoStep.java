package org.lastmile.registry.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.Grant;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One pending transfer request in the demo county, so that {@code demo-case} has one to decide on
 * {@code /transfer-requests} and {@code demo-field} sees it among their own: demo-field's village asks
 * for a person registered in another village of the county (someone who married into the village).
 */
@Component
class TransferRequestDemoStep implements DemoStep {

    private final JdbcClient jdbc;
    private final Accounts accounts;

    TransferRequestDemoStep(JdbcClient jdbc, Accounts accounts) {
        this.jdbc = jdbc;
        this.accounts = accounts;
    }

    @Override
    public String id() {
        return "0320-registry-transfer-request";
    }

    @Override
    public void apply(DemoSettings settings) {
        Long village = accounts.find("demo-field").flatMap(a -> a.grants().stream().findFirst()).map(Grant::regionCode).orElse(null);
        if (village == null) {
            return;
        }
        RegionCode county = RegionCode.of(settings.countyCode());
        jdbc.sql("""
                insert into registry_transfer_request (person_id, from_village, to_village, reason, requested_by, requested_at)
                select id, village_code, :to, '婚后随配偶落户本村，户口已迁入', 'demo-field', now() - interval '2 days'
                  from registry_person
                 where village_code between :first and :last and village_code <> :to and life_status = 'ACTIVE' and sex = 'FEMALE'
                 order by id desc limit 1""")
                .param("to", village).param("first", county.subtreeFirst()).param("last", county.subtreeLast()).update();
    }
}
