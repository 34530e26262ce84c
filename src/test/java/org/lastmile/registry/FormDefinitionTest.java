package org.lastmile.registry;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class FormDefinitionTest {

    static final FormDefinition FORM = FormDefinition.read(FormDefinitionTest.class.getResourceAsStream("/forms/status-needs-v1.json"));
    static final FormDefinition.Person ADULT = new FormDefinition.Person(40, List.of(4), 2);

    private static FormDefinition.Item item(String code) {
        return FORM.item(code).orElseThrow();
    }

    @Test
    void theShippedFormCoversTheEightTopicsWithReceivedAndNeeded() {
        assertThat(FORM.topics().stream().map(FormDefinition.Topic::code).toList())
                .containsExactly("BASIC", "ECONOMY", "EDUCATION", "EMPLOYMENT", "SECURITY", "HEALTH", "ACCESSIBILITY", "CULTURE");
        Set<String> topicsOfItems = FORM.items().stream().map(FormDefinition.Item::topic).collect(Collectors.toSet());
        assertThat(topicsOfItems).hasSize(8);
        for (String topic : List.of("EMPLOYMENT", "SECURITY", "HEALTH", "ACCESSIBILITY")) {
            assertThat(FORM.items().stream().filter(i -> i.topic().equals(topic))).as(topic)
                    .anyMatch(FormDefinition.Item::received).anyMatch(FormDefinition.Item::needed);
        }
        assertThat(FORM.items()).allSatisfy(i -> assertThat(i.label()).containsKeys("zh", "en"));
        assertThat(FORM.items().stream().filter(i -> i.type() == FormDefinition.Type.TAG).map(FormDefinition.Item::tag))
                .allSatisfy(tag -> HouseholdTag.valueOf(tag));
        assertThat(FORM.appliesTo(2024)).isTrue();
        assertThat(FORM.appliesTo(2023)).isFalse();
    }

    @Test
    void anItemFollowingAnEarlierAnswerIsAskedOnlyWhenThatAnswerSaysSo() {
        Map<String, Object> answers = new HashMap<>();
        assertThat(FORM.asked(item("J02"), answers, ADULT)).as("the earlier item unanswered").isFalse();
        answers.put("J01", "FARMING");
        assertThat(FORM.asked(item("J02"), answers, ADULT)).isFalse();
        answers.put("J01", "NOT_EMPLOYED");
        assertThat(FORM.asked(item("J02"), answers, ADULT)).isTrue();
    }

    @Test
    void ageCategoryAndGradeDecideWhoIsAsked() {
        assertThat(FORM.asked(item("D01"), Map.of(), ADULT)).as("schooling of an adult").isFalse();
        assertThat(FORM.asked(item("D01"), Map.of(), new FormDefinition.Person(10, List.of(2), 3))).isTrue();
        assertThat(FORM.asked(item("J01"), Map.of(), new FormDefinition.Person(60, List.of(4), 2))).as("past working age").isFalse();
        assertThat(FORM.asked(item("S07"), Map.of(), new FormDefinition.Person(30, List.of(2), 1))).as("custodial care, hearing").isFalse();
        assertThat(FORM.asked(item("S07"), Map.of(), new FormDefinition.Person(30, List.of(7, 2, 5), 1)))
                .as("a multiple disability that includes an intellectual one").isTrue();
    }

    @Test
    void answersMustFitTheirItem() {
        assertThat(FormDefinition.problem(item("J01"), "FARMING")).isEmpty();
        assertThat(FormDefinition.problem(item("J01"), "GOLFING")).contains("OPTION_INVALID");
        assertThat(FormDefinition.problem(item("H03"), List.of("THERAPY", "DEVICE"))).isEmpty();
        assertThat(FormDefinition.problem(item("H03"), List.of("THERAPY", "THERAPY"))).contains("OPTION_INVALID");
        assertThat(FormDefinition.problem(item("H03"), List.of())).contains("OPTION_INVALID");
        assertThat(FormDefinition.problem(item("E01"), 12000)).isEmpty();
        assertThat(FormDefinition.problem(item("E01"), -1)).contains("OUT_OF_RANGE");
        assertThat(FormDefinition.problem(item("E01"), "many")).contains("NUMBER_INVALID");
        assertThat(FormDefinition.problem(item("C02"), "2024-05-01")).isEmpty();
        assertThat(FormDefinition.problem(item("C02"), "2024-02-30")).contains("DATE_INVALID");
        assertThat(FormDefinition.problem(item("C02"), "2999-01-01")).contains("DATE_IN_FUTURE");
        assertThat(FormDefinition.problem(item("C03"), "x".repeat(201))).contains("TEXT_TOO_LONG");
        assertThat(FormDefinition.problem(item("S01"), true)).isEmpty();
        assertThat(FormDefinition.problem(item("S01"), "yes")).contains("BOOLEAN_INVALID");
    }
}
