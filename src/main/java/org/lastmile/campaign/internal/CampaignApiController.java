package org.lastmile.campaign.internal;

import org.lastmile.access.Action;
import org.lastmile.access.Allow;
import org.lastmile.access.CurrentUser;
import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.RegionCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * {@code /api/v1/campaigns}: create (from rules or a template), screen (a job), targets with their
 * reasons, the review (add, remove, confirm a village), villages, coverage, hand-over; {@code /api/v1/visits}
 * (idempotent by {@code clientId}) and {@code /api/v1/worklist}.
 */
@RestController
class CampaignApiController {

    record AddTarget(Long personId, String reason) {
    }

    record RemoveTarget(String reason, String note) {
    }

    record HandOver(String from, String to) {
    }

    record Started(String id) {
    }

    private final CampaignService campaigns;
    private final VisitService visits;
    private final Worklists worklists;
    private final org.lastmile.platform.Jobs jobs;

    CampaignApiController(CampaignService campaigns, VisitService visits, Worklists worklists, org.lastmile.platform.Jobs jobs) {
        this.jobs = jobs;
        this.campaigns = campaigns;
        this.visits = visits;
        this.worklists = worklists;
    }

    @PostMapping("/api/v1/campaigns")
    @Allow(Action.CAMPAIGN_MANAGE)
    ResponseEntity<CampaignService.Campaign> create(@RequestBody CampaignService.NewCampaign form, CurrentUser user) {
        CampaignService.Campaign campaign = campaigns.create(form, user);
        return ResponseEntity.created(URI.create("/api/v1/campaigns/" + campaign.id())).body(campaign);
    }

    @GetMapping("/api/v1/campaigns")
    @Allow({Action.CAMPAIGN_MANAGE, Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.REPORT_READ})
    List<CampaignService.Campaign> list(CurrentUser user) {
        return campaigns.list(user);
    }

    @GetMapping("/api/v1/campaigns/{id}")
    @Allow({Action.CAMPAIGN_MANAGE, Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.REPORT_READ})
    CampaignService.Campaign read(@PathVariable long id, CurrentUser user) {
        return campaigns.visible(id, user).orElseThrow(CampaignProblem::notFound);
    }

    @PostMapping("/api/v1/campaigns/{id}/screen")
    @Allow(Action.CAMPAIGN_MANAGE)
    ResponseEntity<Started> screen(@PathVariable long id, CurrentUser user) {
        String job = campaigns.screen(id, user);
        return ResponseEntity.status(HttpStatus.ACCEPTED).header("Location", "/api/v1/campaigns/" + id + "/screenings/" + job).body(new Started(job));
    }

    record Screening(String id, String status, double progress, long added, long updated, String failure) {
    }

    @GetMapping("/api/v1/campaigns/{id}/screenings/{job}")
    @Allow(Action.CAMPAIGN_MANAGE)
    Screening screening(@PathVariable long id, @PathVariable String job, CurrentUser user) {
        campaigns.visible(id, user).orElseThrow(CampaignProblem::notFound);
        org.lastmile.platform.Jobs.JobStatus status = jobs.status(job)
                .filter(s -> s.owner().equals(user.username()) && s.kind().equals(CampaignService.SCREEN_KIND))
                .orElseThrow(CampaignProblem::notFound);
        return new Screening(status.id(), status.status().name(), status.progress(), status.counts().getOrDefault("added", 0L),
                status.counts().getOrDefault("updated", 0L), status.failure());
    }

    @GetMapping("/api/v1/campaigns/{id}/targets")
    @Allow({Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.PERSON_READ})
    PageResult<CampaignService.Target> targets(@PathVariable long id, @RequestParam(required = false) String regionCode,
                                               @RequestParam(required = false) String status, @RequestParam(required = false) Integer page,
                                               @RequestParam(required = false) Integer size, CurrentUser user) {
        return campaigns.targets(id, region(regionCode, id, user), status, user, PageRequest.of(page, size));
    }

    @PostMapping("/api/v1/campaigns/{id}/targets")
    @Allow(Action.TARGET_REVIEW)
    ResponseEntity<CampaignService.Target> add(@PathVariable long id, @RequestBody AddTarget body, CurrentUser user) {
        if (body.personId() == null) {
            throw CampaignProblem.invalid("personId", "PERSON_UNKNOWN");
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(campaigns.add(id, body.personId(), body.reason(), user));
    }

    @PostMapping("/api/v1/campaigns/{id}/targets/{targetId}/remove")
    @Allow(Action.TARGET_REVIEW)
    CampaignService.Target remove(@PathVariable long id, @PathVariable long targetId, @RequestBody RemoveTarget body, CurrentUser user) {
        return campaigns.remove(id, targetId, body.reason(), body.note(), user);
    }

    @PostMapping("/api/v1/campaigns/{id}/villages/{villageCode}/confirm")
    @Allow(Action.TARGET_REVIEW)
    CampaignService.Village confirm(@PathVariable long id, @PathVariable long villageCode, CurrentUser user) {
        return campaigns.confirm(id, villageCode, user);
    }

    @GetMapping("/api/v1/campaigns/{id}/villages")
    @Allow({Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.PERSON_READ})
    List<CampaignService.Village> villages(@PathVariable long id, @RequestParam(required = false) String regionCode, CurrentUser user) {
        return campaigns.villages(id, region(regionCode, id, user), user);
    }

    @GetMapping("/api/v1/campaigns/{id}/coverage")
    @Allow({Action.TARGET_REVIEW, Action.VISIT_RECORD, Action.PERSON_READ, Action.REPORT_READ})
    Map<String, Object> coverage(@PathVariable long id, @RequestParam(required = false) String regionCode, CurrentUser user) {
        campaigns.visible(id, user).orElseThrow(CampaignProblem::notFound);
        Worklists.CoverageReport report = worklists.coverage(id, region(regionCode, id, user), user);
        Worklists.Coverage t = report.total();
        return Map.of("regionCode", Long.toString(t.placeCode()), "targets", t.targets(), "confirmed", t.confirmed(), "visited", t.visited(),
                "closed", t.closed(), "open", t.open(), "refused", t.refused(), "unreachable", t.unreachable(), "byChild", report.byChild());
    }

    @PostMapping("/api/v1/campaigns/{id}/handover")
    @Allow(Action.CAMPAIGN_MANAGE)
    Map<String, Integer> handOver(@PathVariable long id, @RequestBody HandOver body, CurrentUser user) {
        return Map.of("moved", campaigns.handOver(id, body.from(), body.to(), user));
    }

    @PostMapping("/api/v1/visits")
    @Allow(Action.VISIT_RECORD)
    ResponseEntity<VisitService.Visit> visit(@RequestBody VisitService.VisitForm form, CurrentUser user) {
        VisitService.Recorded recorded = visits.record(form, user);
        return ResponseEntity.status(recorded.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .location(URI.create("/api/v1/visits/" + recorded.visit().id())).body(recorded.visit());
    }

    @GetMapping("/api/v1/worklist")
    @Allow(Action.VISIT_RECORD)
    List<Worklists.Item> worklist(CurrentUser user) {
        return worklists.worklist(user);
    }

    /** The place asked for, or the campaign's own place. */
    private RegionCode region(String regionCode, long id, CurrentUser user) {
        if (regionCode == null || regionCode.isBlank()) {
            return RegionCode.of(campaigns.visible(id, user).orElseThrow(CampaignProblem::notFound).ownerCode());
        }
        return RegionCode.parse(regionCode).orElseThrow(() -> CampaignProblem.invalid("regionCode", "REGION_INVALID"));
    }
}
