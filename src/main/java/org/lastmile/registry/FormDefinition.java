package org.lastmile.registry;

import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A versioned questionnaire held as data, such as the status-and-needs form (动态更新): topics, items
 * with their answer type and options, and the skip rule that says when an item is asked (an earlier
 * answer, the person's age, category or grade); an optional item (free text) does not count toward a
 * record's completeness. Forms change between years, so a year picks the
 * definition whose range holds it. Labels are part of the data, in zh and en.
 */
public record FormDefinition(String code, int version, int fromYear, Integer toYear, List<Topic> topics, List<Item> items) {

    public enum Type { SINGLE, MULTIPLE, NUMBER, DATE, TEXT, TAG }

    public record Topic(String code, Map<String, String> label) {
    }

    public record Option(String code, Map<String, String> label) {
    }

    /**
     * When an item is asked: every given part must hold. {@code item}/{@code anyOf}: an earlier answer is one
     * of these options (for a multiple choice: includes one); ages inclusive; {@code categories} matches a
     * multiple disability that includes one of them.
     */
    public record Condition(String item, List<String> anyOf, Integer minAge, Integer maxAge, List<Integer> categories, List<Integer> grades) {
    }

    public record Item(String code, String topic, Type type, Map<String, String> label, List<Option> options, Condition askIf,
                       Double min, Double max, Integer maxLength, String tag, boolean received, boolean needed, boolean optional) {
    }

    /** What the skip rules read about the person. */
    public record Person(int age, List<Integer> categories, int grade) {
    }

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES).build();

    /** Reads a definition shipped as JSON. */
    public static FormDefinition read(InputStream json) {
        try (json) {
            return JSON.readValue(json, FormDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A label in the language asked for: English when it is English, Chinese otherwise. */
    public static String label(Map<String, String> label, java.util.Locale locale) {
        String text = "en".equals(locale.getLanguage()) ? label.get("en") : label.get("zh");
        return text == null ? label.getOrDefault("zh", "") : text;
    }

    public boolean appliesTo(int year) {
        return year >= fromYear && (toYear == null || year <= toYear);
    }

    public Optional<Item> item(String code) {
        return items.stream().filter(i -> i.code().equals(code)).findFirst();
    }

    /** Whether the item is asked of this person given the answers so far (an unanswered earlier item asks nothing that depends on it). */
    public boolean asked(Item item, Map<String, Object> answers, Person person) {
        Condition c = item.askIf();
        if (c == null) {
            return true;
        }
        if (c.minAge() != null && person.age() < c.minAge() || c.maxAge() != null && person.age() > c.maxAge()) {
            return false;
        }
        if (c.categories() != null && c.categories().stream().noneMatch(person.categories()::contains)) {
            return false;
        }
        if (c.grades() != null && !c.grades().contains(person.grade())) {
            return false;
        }
        if (c.item() != null) {
            Object earlier = answers.get(c.item());
            if (earlier instanceof List<?> chosen) {
                return chosen.stream().anyMatch(c.anyOf()::contains);
            }
            return earlier != null && c.anyOf().contains(earlier.toString());
        }
        return true;
    }

    /**
     * Why an answer does not fit its item, as a code ({@code OPTION_INVALID}, {@code NUMBER_INVALID},
     * {@code OUT_OF_RANGE}, {@code DATE_INVALID}, {@code TEXT_TOO_LONG}, {@code BOOLEAN_INVALID}), or empty when it fits.
     */
    public static Optional<String> problem(Item item, Object value) {
        switch (item.type()) {
            case SINGLE -> {
                return value instanceof String s && hasOption(item, s) ? Optional.empty() : Optional.of("OPTION_INVALID");
            }
            case MULTIPLE -> {
                boolean fits = value instanceof List<?> list && !list.isEmpty() && list.stream().distinct().count() == list.size()
                        && list.stream().allMatch(v -> v instanceof String s && hasOption(item, s));
                return fits ? Optional.empty() : Optional.of("OPTION_INVALID");
            }
            case NUMBER -> {
                if (!(value instanceof Number n) || Double.isNaN(n.doubleValue())) {
                    return Optional.of("NUMBER_INVALID");
                }
                boolean inRange = (item.min() == null || n.doubleValue() >= item.min()) && (item.max() == null || n.doubleValue() <= item.max());
                return inRange ? Optional.empty() : Optional.of("OUT_OF_RANGE");
            }
            case DATE -> {
                try {
                    LocalDate date = LocalDate.parse(String.valueOf(value));
                    return date.isAfter(LocalDate.now()) ? Optional.of("DATE_IN_FUTURE") : Optional.empty();
                } catch (DateTimeParseException e) {
                    return Optional.of("DATE_INVALID");
                }
            }
            case TEXT -> {
                if (!(value instanceof String s)) {
                    return Optional.of("TEXT_INVALID");
                }
                return item.maxLength() != null && s.length() > item.maxLength() ? Optional.of("TEXT_TOO_LONG") : Optional.empty();
            }
            case TAG -> {
                return value instanceof Boolean ? Optional.empty() : Optional.of("BOOLEAN_INVALID");
            }
            default -> throw new IllegalStateException(item.type().name());
        }
    }

    private static boolean hasOption(Item item, String code) {
        return item.options() != null && item.options().stream().anyMatch(o -> o.code().equals(code));
    }
}
