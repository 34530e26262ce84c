package org.lastmile.region.internal;

import org.lastmile.platform.AllowAuthenticated;

import org.lastmile.platform.PageRequest;
import org.lastmile.platform.PageResult;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.Regions;
import org.lastmile.web.ApiProblems;
import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code /api/v1/regions}: the division tree for integrators and the pages' scripts. */
@RestController
@RequestMapping("/api/v1/regions")
@AllowAuthenticated
class RegionApiController {

    private final Regions regions;
    private final MessageSource messages;

    RegionApiController(Regions regions, MessageSource messages) {
        this.regions = regions;
        this.messages = messages;
    }

    /** Codes travel as 12-digit strings; levels and kinds as their codes. */
    record RegionJson(String code, String name, String level, String parentCode, String kind, boolean abolished,
                      String abolishedInEdition, String successorCode, List<PathStepJson> path) {
        static RegionJson of(Region r) {
            return new RegionJson(Long.toString(r.code()), r.name(), r.level().name(),
                    r.parentCode() == null ? null : Long.toString(r.parentCode()), r.kind().name(), r.abolished(),
                    r.abolishedEdition(), r.successorCode() == null ? null : Long.toString(r.successorCode()),
                    r.path().stream().map(p -> new PathStepJson(Long.toString(p.code()), p.name())).toList());
        }
    }

    record PathStepJson(String code, String name) {
    }

    @GetMapping("/{code}")
    RegionJson region(@PathVariable String code) {
        RegionCode parsed = parse(code, "code");
        return regions.find(parsed).map(RegionJson::of)
                .orElseThrow(() -> ApiProblems.notFound(message("region.error.unknown", code)));
    }

    @GetMapping("/{code}/children")
    PageResult<RegionJson> children(@PathVariable String code,
                                    @RequestParam(defaultValue = "false") boolean includeAbolished,
                                    @RequestParam(required = false) Integer page,
                                    @RequestParam(required = false) Integer size) {
        RegionCode parsed = parse(code, "code");
        if (regions.find(parsed).isEmpty()) {
            throw ApiProblems.notFound(message("region.error.unknown", code));
        }
        return regions.children(Optional.of(parsed), includeAbolished, PageRequest.of(page, size)).map(RegionJson::of);
    }

    /** Without {@code q}: the provinces. With it: places whose name contains it, best matches first. */
    @GetMapping
    PageResult<RegionJson> search(@RequestParam(required = false) String q,
                                  @RequestParam(required = false) String regionCode,
                                  @RequestParam(required = false) String level,
                                  @RequestParam(defaultValue = "false") boolean includeAbolished,
                                  @RequestParam(required = false) Integer page,
                                  @RequestParam(required = false) Integer size) {
        Optional<RegionCode> within = regionCode == null || regionCode.isBlank() ? Optional.empty()
                : Optional.of(parse(regionCode, "regionCode"));
        Optional<RegionLevel> levelFilter = Optional.empty();
        if (level != null && !level.isBlank()) {
            try {
                levelFilter = Optional.of(RegionLevel.valueOf(level.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiProblems.badRequest(message("error.badRequest"), List.of(new ApiProblems.FieldError("level",
                        "INVALID_REGION_LEVEL", message("region.error.level", level))));
            }
        }
        if (q != null && q.strip().length() > 50) {
            throw ApiProblems.badRequest(message("error.badRequest"), List.of(new ApiProblems.FieldError("q",
                    "TOO_LONG", message("region.error.queryTooLong", 50))));
        }
        return regions.search(q, within, levelFilter, includeAbolished, PageRequest.of(page, size)).map(RegionJson::of);
    }

    private RegionCode parse(String code, String field) {
        return RegionCode.parse(code).orElseThrow(() -> ApiProblems.badRequest(message("error.badRequest"),
                List.of(new ApiProblems.FieldError(field, "INVALID_REGION_CODE", message("region.error.code", code)))));
    }

    private String message(String key, Object... args) {
        return messages.getMessage(key, args, LocaleContextHolder.getLocale());
    }
}
