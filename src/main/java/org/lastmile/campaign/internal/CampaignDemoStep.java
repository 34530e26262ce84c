package org.lastmile.campaign.internal;

import org.lastmile.access.Accounts;
import org.lastmile.access.CurrentUser;
import org.lastmile.access.Grant;
import org.lastmile.access.Role;
import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.platform.TableStatistics;
import org.lastmile.region.RegionCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The 2020 campaign in the demo county, half done: screened from the template, about three villages in
 * four confirmed (demo-field's among them), about half of their families visited (most met, some not at
 * home or unreachable, a few refused), difficulties recorded by domain and urgency, some still open.
 * Which family gets what follows from a hash, so the demo is the same everywhere.
 */
@Component
class CampaignDemoStep implements DemoStep {

    private static final String[] DIFFICULTIES = {
            "POVERTY_RELIEF|URGENT|家庭收入下降，需要纳入帮扶",
            "LIVING_ASSISTANCE|TEMPORARY|疫情期间缺少米面油",
            "REHABILITATION_MEDICAL|URGENT|康复训练中断，需要送训上门",
            "REHABILITATION_MEDICAL|ONGOING|轮椅损坏，需要更换",
            "EMPLOYMENT|ONGOING|返岗困难，希望介绍就近工作",
            "SCHOOLING|TEMPORARY|孩子网课没有设备",
            "CARE|SUDDEN|照料人住院，无人照看",
            "PRODUCTION|ONGOING|农产品滞销",
            "HOME_ACCESSIBILITY|ONGOING|卫生间需要加装扶手"};

    private final CampaignService campaigns;
    private final Accounts accounts;
    private final JdbcClient jdbc;

    CampaignDemoStep(CampaignService campaigns, Accounts accounts, JdbcClient jdbc) {
        this.campaigns = campaigns;
        this.accounts = accounts;
        this.jdbc = jdbc;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0400-campaign-covid-2020";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        CurrentUser organiser = new CurrentUser(0, "demo-case", "演示", List.of(new Grant(Role.CASE_WORKER, county.value(), null)));
        LocalDate today = LocalDate.now();
        CampaignService.Campaign campaign = campaigns.create(new CampaignService.NewCampaign(null, county.toString(), today.minusDays(30),
                today.plusDays(60), null, "covid-2020", null), organiser);
        campaigns.screenNow(campaign);
        Long fieldVillage = accounts.find("demo-field").flatMap(a -> a.grants().stream().findFirst()).map(Grant::regionCode).orElse(0L);
        jdbc.sql("""
                insert into campaign_village (campaign_id, village_code, confirmed_by, confirmed_at)
                select distinct :campaign, village_code, case when village_code = :field then 'demo-field' else 'demo' end, now() - interval '20 days'
                  from campaign_target where campaign_id = :campaign and (village_code = :field or abs(hashtext(village_code || 'CONFIRM')) % 100 < 75)""")
                .param("campaign", campaign.id()).param("field", fieldVillage).update();
        jdbc.sql("""
                update campaign_target t set assigned_to = v.confirmed_by from campaign_village v
                 where v.campaign_id = t.campaign_id and v.village_code = t.village_code and t.campaign_id = ? and v.confirmed_by = 'demo-field'""")
                .param(campaign.id()).update();
        // About half of the confirmed villages' families visited: the outcome follows from a hash of the target.
        jdbc.sql("""
                insert into campaign_visit (client_id, body_hash, campaign_id, target_id, person_id, village_code, mode, visited_at, visitors,
                       outcome, note, comfort_goods, comfort_cash, next_contact_on, recorded_by)
                select gen_random_uuid(), 'demo', t.campaign_id, t.id, t.person_id, t.village_code,
                       case when abs(hashtext(t.id || 'MODE')) % 100 < 60 then 'HOME' else 'PHONE' end,
                       now() - make_interval(days => 1 + abs(hashtext(t.id || 'DAY')) % 18), v.confirmed_by,
                       case when h < 80 then 'MET' when h < 90 then 'NOT_AT_HOME' when h < 95 then 'UNREACHABLE' else 'REFUSED' end,
                       case when h >= 95 then '本人表示暂不需要' end,
                       case when h < 80 and abs(hashtext(t.id || 'GOODS')) % 100 < 50 then '米、面、油' end,
                       case when h < 80 and abs(hashtext(t.id || 'CASH')) % 100 < 30 then 500 end,
                       current_date + 14 + abs(hashtext(t.id || 'NEXT')) % 30, v.confirmed_by
                  from (select t.*, abs(hashtext(t.id || 'OUTCOME')) % 100 as h from campaign_target t where t.campaign_id = :campaign) t
                  join campaign_village v on v.campaign_id = t.campaign_id and v.village_code = t.village_code
                 where abs(hashtext(t.id || 'VISITED')) % 100 < 50""")
                .param("campaign", campaign.id()).update();
        for (int i = 0; i < DIFFICULTIES.length; i++) {
            String[] d = DIFFICULTIES[i].split("\\|");
            jdbc.sql("""
                    insert into campaign_difficulty (visit_id, person_id, village_code, domain, urgency, description, solved_on_spot)
                    select v.id, v.person_id, v.village_code, ?, ?, ?, abs(hashtext(v.id || 'SOLVED')) % 100 < 40
                      from campaign_visit v where v.campaign_id = ? and v.outcome = 'MET' and abs(hashtext(v.id || 'DIFFICULTY')) % 100 < 35
                       and abs(hashtext(v.id || 'DOMAIN')) % ? = ?""")
                    .params(d[0], d[1], d[2], campaign.id(), DIFFICULTIES.length, i).update();
        }
        jdbc.sql("""
                update campaign_target t set last_outcome = v.outcome, last_visit_at = v.visited_at, next_contact_on = v.next_contact_on,
                       attempts = case when v.outcome in ('NOT_AT_HOME', 'UNREACHABLE') then 1 else 0 end,
                       status = case when v.outcome in ('MET', 'REFUSED') then 'CLOSED' else 'OPEN' end,
                       closure = case when v.outcome in ('MET', 'REFUSED') then v.outcome end
                  from campaign_visit v where v.target_id = t.id and t.campaign_id = ?""").param(campaign.id()).update();
        TableStatistics.refreshIfSmall(jdbc, "campaign_target");
    }
}
