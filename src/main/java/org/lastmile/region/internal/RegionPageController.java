package org.lastmile.region.internal;

import org.lastmile.platform.AllowAuthenticated;

import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.FederationUnit;
import org.lastmile.region.Organisations;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.lastmile.region.VillageAssociation;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

import java.util.Optional;

/** The region browser: from the nation down to a village, with the path always shown. */
@Controller
@AllowAuthenticated
class RegionPageController {

    private final Regions regions;
    private final Organisations organisations;

    RegionPageController(Regions regions, Organisations organisations) {
        this.regions = regions;
        this.organisations = organisations;
    }

    @GetMapping("/regions")
    String nation(@RequestParam(required = false) Integer page, Model model) {
        model.addAttribute("children", regions.children(Optional.empty(), false, PageRequest.of(page, PageRequest.MAX_SIZE)));
        return "region/nation";
    }

    @GetMapping("/regions/{code}")
    String region(@PathVariable String code, @RequestParam(required = false) Integer page, Model model) {
        RegionCode parsed = RegionCode.parse(code).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        Region region = regions.find(parsed).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        PageResult<Region> children = region.level() == RegionLevel.VILLAGE
                ? new PageResult<>(java.util.List.of(), 0, false, 0, 0)
                : regions.children(Optional.of(parsed), false, PageRequest.of(page, PageRequest.MAX_SIZE));
        FederationUnit unit = organisations.federationUnit(parsed).orElse(null);
        VillageAssociation association = region.level() == RegionLevel.VILLAGE
                ? organisations.association(parsed).orElse(null) : null;
        model.addAttribute("region", region);
        model.addAttribute("children", children);
        model.addAttribute("unit", unit);
        model.addAttribute("association", association);
        return "region/region";
    }

    @GetMapping("/regions/search")
    String search(@RequestParam(required = false) String q, @RequestParam(required = false) Integer page, Model model) {
        String query = q == null ? "" : q.strip();
        if (query.length() > 50) {
            query = query.substring(0, 50);
        }
        PageResult<Region> results = query.isEmpty()
                ? new PageResult<>(java.util.List.of(), 0, false, 0, 0)
                : regions.search(query, Optional.empty(), Optional.empty(), false, PageRequest.of(page, 50));
        model.addAttribute("q", query);
        model.addAttribute("results", results);
        return "region/search";
    }
}
