package org.lastmile.registry.internal;

import org.lastmile.registry.FormDefinition;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The status-and-needs form as its page shows it: the asked items by topic, each value ready for its inputs. */
public final class StatusNeedsView {

    private StatusNeedsView() {
    }

    public record OptionView(String code, String label, boolean chosen) {
    }

    public record ItemView(String code, String label, FormDefinition.Type type, List<OptionView> options, String text, boolean carried,
                           Integer answerYear, String source, LocalDate answeredOn, String answeredBy, boolean received, boolean needed) {
    }

    public record TopicView(String code, String label, List<ItemView> items) {
    }

    /** The asked items by topic, each with its value as shown: what the user just typed (after a refusal), else the record's. */
    static List<TopicView> topics(FormDefinition form, StatusNeedsService.Record record, Map<String, List<String>> typed,
                                  Locale locale) {
        Map<String, StatusNeedsService.ItemState> states = new HashMap<>();
        record.items().forEach(i -> states.put(i.code(), i));
        List<TopicView> topics = new ArrayList<>();
        for (FormDefinition.Topic topic : form.topics()) {
            List<ItemView> items = new ArrayList<>();
            for (FormDefinition.Item item : form.items()) {
                StatusNeedsService.ItemState state = states.get(item.code());
                if (!item.topic().equals(topic.code()) || !state.asked()) {
                    continue;
                }
                boolean retyped = typed.containsKey("topic") && typed.get("topic").contains(topic.code());
                List<String> given = typed.getOrDefault("item." + item.code(), List.of());
                Object value = !retyped ? state.value() : item.type() == FormDefinition.Type.MULTIPLE ? given : given.isEmpty() ? null : given.get(0);
                List<OptionView> options = new ArrayList<>();
                if (item.type() == FormDefinition.Type.TAG) {
                    options.add(new OptionView("true", "", Boolean.TRUE.equals(value) || "true".equals(value)));
                    options.add(new OptionView("false", "", Boolean.FALSE.equals(value) || "false".equals(value)));
                } else if (item.options() != null) {
                    for (FormDefinition.Option option : item.options()) {
                        boolean chosen = value instanceof List<?> list ? list.contains(option.code()) : option.code().equals(value);
                        options.add(new OptionView(option.code(), FormDefinition.label(option.label(), locale), chosen));
                    }
                }
                String text = value == null || value instanceof List<?> ? "" : value instanceof Double d && d == Math.rint(d)
                        ? Long.toString(d.longValue()) : value.toString();
                items.add(new ItemView(item.code(), FormDefinition.label(item.label(), locale), item.type(), options, text, state.carried(),
                        state.answerYear(), state.source(), state.answeredOn(), state.answeredBy(), item.received(), item.needed()));
            }
            if (!items.isEmpty()) {
                topics.add(new TopicView(topic.code(), FormDefinition.label(topic.label(), locale), items));
            }
        }
        return topics;
    }

}
