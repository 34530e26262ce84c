package org.lastmile.campaign.internal;

import org.lastmile.access.CurrentUser;
import org.lastmile.region.RegionCode;
import org.springframework.context.ApplicationContext;

import java.util.HashMap;
import java.util.Map;

/** For the benchmark harness: the select a campaign's screening runs, without its insert (the "compiled SQL alone"). */
public final class ScreeningProbe {

    public record Statement(String sql, Map<String, Object> params) {
    }

    private ScreeningProbe() {
    }

    public static Statement select(ApplicationContext context, long campaignId, CurrentUser user) {
        CampaignService campaigns = context.getBean(CampaignService.class);
        CampaignService.Campaign campaign = campaigns.visible(campaignId, user).orElseThrow();
        Map<String, Object> bind = new HashMap<>();
        RegionCode owner = RegionCode.of(campaign.ownerCode());
        String reasons = campaign.rules().reasonsSql(bind, context.getBean(org.lastmile.registry.FlagScreening.class), owner);
        String matches = CampaignService.matchesSql(reasons, owner, campaign.rules().needsTag());
        return new Statement("select count(*) from (" + matches + ") m where " + campaign.rules().matchSql("m.reasons"), bind);
    }
}
