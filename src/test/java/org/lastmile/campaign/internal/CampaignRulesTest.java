package org.lastmile.campaign.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CampaignRulesTest {

    private static CampaignRules.Condition tag(String tag) {
        return new CampaignRules.Condition("tag", "has", tag, null);
    }

    private static final CampaignRules.Condition LACKS_TAG = new CampaignRules.Condition("tag", "lacks", "MONITORED", null);
    private static final CampaignRules.Condition OLD = new CampaignRules.Condition("age", "gte", 60, null);

    private static CampaignRules.Criterion criterion(String match, CampaignRules.Condition... conditions) {
        return new CampaignRules.Criterion("c", match, List.of(conditions));
    }

    @Test
    void rulesMatchedOnlyThroughHouseholdTagsNeedATag() {
        assertThat(new CampaignRules("ANY", List.of(criterion("ANY", tag("BEREAVED"), tag("SICK_DISABLED")), criterion("ALL", tag("MONITORED"))))
                .needsTag()).isTrue();
        assertThat(new CampaignRules("ANY", List.of(criterion("ALL", tag("MONITORED"), OLD))).needsTag()).as("a tag and an age").isTrue();
        assertThat(new CampaignRules("ALL", List.of(criterion("ANY", OLD), criterion("ANY", tag("MONITORED"))))).as("all criteria, one a tag")
                .extracting(CampaignRules::needsTag).isEqualTo(true);
    }

    @Test
    void rulesAPersonWithoutTagsCanMeetDoNotNeedATag() {
        assertThat(new CampaignRules("ANY", List.of(criterion("ANY", tag("BEREAVED")), criterion("ANY", OLD))).needsTag())
                .as("any criterion, one without a tag").isFalse();
        assertThat(new CampaignRules("ANY", List.of(criterion("ANY", tag("BEREAVED"), OLD))).needsTag()).as("a tag or an age").isFalse();
        assertThat(new CampaignRules("ANY", List.of(criterion("ALL", LACKS_TAG))).needsTag()).as("lacking a tag").isFalse();
    }
}
