package org.lastmile.registry.internal;

import jakarta.servlet.http.HttpServletRequest;
import org.lastmile.registry.CertificateNumber;
import org.lastmile.registry.DisabilityCategory;
import org.lastmile.registry.IdNumber;
import org.lastmile.access.Action;
import org.lastmile.access.CurrentUser;
import org.lastmile.region.Region;
import org.lastmile.region.RegionCode;
import org.lastmile.region.Regions;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** What the registry's pages share: reading a posted person form, and each field's messages in the page's language. */
@Component
class PageForms {

    private final MessageSource messages;
    private final Regions regions;

    PageForms(MessageSource messages, Regions regions) {
        this.messages = messages;
        this.regions = regions;
    }

    /**
     * The villages the user may edit in, offered in a list: at most 1,000 (a county has up to a few
     * hundred); the API takes any village code for the rare user whose places hold more.
     */
    List<Region> villagesOf(CurrentUser user) {
        List<Region> villages = new ArrayList<>();
        for (var range : user.scope(Action.PERSON_EDIT).ranges()) {
            if (villages.size() >= 1000) {
                break;
            }
            villages.addAll(regions.villagesWithin(RegionCode.of(range.first()), 1000));
        }
        return villages.stream().distinct().limit(1000).toList();
    }

    /** Each field's messages, for the error summary and the fields. */
    Map<String, String> fieldErrors(List<PersonProblem.FieldProblem> problems, HttpServletRequest request) {
        Locale locale = RequestContextUtils.getLocale(request);
        Map<String, String> errors = new LinkedHashMap<>();
        for (PersonProblem.FieldProblem p : problems) {
            errors.merge(p.field(), messages.getMessage("registry.error." + p.code(), p.args(), p.code(), locale), (a, b) -> a + " " + b);
        }
        return errors;
    }

    /** The parts of a multiple disability chosen in the rows component1..3 (a row left empty is no part). */
    static List<PersonForm.Component> components(Map<String, String> fields) {
        List<PersonForm.Component> components = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Integer category = integer(fields.get("component" + i + "Category"));
            Integer grade = integer(fields.get("component" + i + "Grade"));
            if (category != null || grade != null) {
                components.add(new PersonForm.Component(category, grade));
            }
        }
        return components;
    }

    /** The form's values for the component rows of a recorded multiple disability. */
    static void putComponents(Map<String, String> values, List<PersonForm.Component> components) {
        for (int i = 0; i < components.size() && i < 3; i++) {
            values.put("component" + (i + 1) + "Category", String.valueOf(components.get(i).category()));
            values.put("component" + (i + 1) + "Grade", String.valueOf(components.get(i).grade()));
        }
    }

    /**
     * A certificate number left blank is the one the system knows: the ID number, the category digit
     * and the grade digit (the worker does not type what is already known); null when it cannot be made.
     */
    static String certificateOrDerived(String typed, String idNumber, Integer category, Integer grade) {
        if (typed != null && !typed.isBlank()) {
            return typed;
        }
        IdNumber.Parsed id = IdNumber.parse(idNumber);
        if (!id.valid() || category == null || grade == null || DisabilityCategory.ofDigit(category).isEmpty() || grade < 1 || grade > 4) {
            return typed;
        }
        return CertificateNumber.issue(id.number(), DisabilityCategory.ofDigit(category).get(), grade).value();
    }

    static Integer integer(String text) {
        try {
            return text == null || text.isBlank() ? null : Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
