package org.lastmile.web;

import org.junit.jupiter.api.Test;
import org.lastmile.region.RegionKind;
import org.lastmile.region.RegionLevel;
import org.lastmile.region.VillageAssociation;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every user-facing string comes from the message files, in both languages. */
class MessagesTest {

    private static final Path TEMPLATES = Path.of("src/main/jte");
    private static final Pattern KEY_IN_TEMPLATE = Pattern.compile("ui\\.t\\(\"([A-Za-z0-9_.]+)\"\\s*[,)]");
    private static final Pattern LITERAL_ATTRIBUTE = Pattern.compile(
            "\\b(aria-label|title|alt|placeholder)=\"([^\"$]*\\p{L}[^\"$]*)\"");

    private static Properties load(String name) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = MessagesTest.class.getResourceAsStream("/messages/" + name)) {
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }

    @Test
    void bothLanguagesHaveTheSameKeysAndNoEmptyMessage() throws IOException {
        Properties zh = load("messages.properties");
        Properties en = load("messages_en.properties");
        assertThat(en.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(zh.stringPropertyNames());
        zh.forEach((key, value) -> assertThat(value.toString()).as(key.toString()).isNotBlank());
        en.forEach((key, value) -> assertThat(value.toString()).as(key.toString()).isNotBlank());
    }

    @Test
    void chineseMessagesAreInChinese() throws IOException {
        Properties zh = load("messages.properties");
        List<String> notChinese = zh.stringPropertyNames().stream()
                .filter(key -> !key.equals("shell.otherLanguage"))
                .filter(key -> zh.getProperty(key).codePoints().noneMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN))
                .toList();
        assertThat(notChinese).isEmpty();
    }

    @Test
    void everyKeyATemplateUsesExists() throws IOException {
        Properties zh = load("messages.properties");
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher m = KEY_IN_TEMPLATE.matcher(Files.readString(template));
            while (m.find()) {
                if (!zh.containsKey(m.group(1))) {
                    missing.add(template + ": " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void everyCodeShownByItsCodeHasALabel() throws IOException {
        Properties zh = load("messages.properties");
        List<String> keys = new ArrayList<>();
        Stream.of(RegionLevel.values()).forEach(v -> keys.add("region.level." + v.name()));
        Stream.of(RegionKind.values()).forEach(v -> keys.add("region.kind." + v.name()));
        Stream.of(VillageAssociation.Position.values()).forEach(v -> keys.add("region.position." + v.name()));
        Stream.of(VillageAssociation.MemberKind.values()).forEach(v -> keys.add("region.memberKind." + v.name()));
        Stream.of(org.lastmile.access.Role.values()).forEach(v -> keys.add("access.role." + v.name()));
        Stream.of(org.lastmile.registry.DisabilityCategory.values()).forEach(v -> keys.add("registry.category." + v.digit()));
        Stream.of(1, 2, 3, 4).forEach(g -> keys.add("registry.grade." + g));
        Stream.of("CREATED", "UPDATED", "REASSESSED", "TRANSFERRED", "LIFE_STATUS").forEach(c -> keys.add("registry.change." + c));
        Stream.of(org.lastmile.registry.HouseholdTag.values()).forEach(t -> keys.add("registry.tag." + t.name()));
        Stream.of("HEAD", "SPOUSE", "CHILD", "PARENT", "SIBLING", "GRANDCHILD", "GRANDPARENT", "OTHER")
                .forEach(r -> keys.add("registry.relation." + r));
        Stream.of("ACTIVE", "DECEASED", "MOVED_OUT", "CERTIFICATE_CANCELLED").forEach(s -> keys.add("registry.lifeStatus." + s));
        Stream.of(org.lastmile.registry.IdNumber.Problem.values()).forEach(p -> keys.add("registry.error." + p.name()));
        Stream.of(org.lastmile.registry.CertificateNumber.Problem.values()).forEach(p -> keys.add("registry.error." + p.name()));
        Stream.of(org.lastmile.registry.FlagRule.values()).forEach(r -> {
            keys.add("registry.flag.rule." + r.name());
            keys.add("registry.flag.ruleHint." + r.name());
        });
        Stream.of("APPLIED", "NOT_ELIGIBLE", "REFUSED").forEach(o -> keys.add("registry.flag.outcome." + o));
        Stream.of(org.lastmile.registry.StatusNeeds.Source.values()).forEach(source -> keys.add("registry.statusNeeds.source." + source.name()));
        Stream.of("ITEM_UNKNOWN", "ITEM_NOT_ASKED", "OPTION_INVALID", "NUMBER_INVALID", "OUT_OF_RANGE", "DATE_INVALID", "DATE_IN_FUTURE",
                "TEXT_INVALID", "TEXT_TOO_LONG", "BOOLEAN_INVALID").forEach(code -> keys.add("registry.error." + code));
        assertThat(zh.stringPropertyNames()).containsAll(keys);
    }

    @Test
    void templatesHoldNoHardCodedText() throws IOException {
        List<String> found = new ArrayList<>();
        for (Path template : templates()) {
            String source = Files.readString(template);
            Matcher attribute = LITERAL_ATTRIBUTE.matcher(source);
            while (attribute.find()) {
                found.add(template + ": " + attribute.group());
            }
            String text = stripTags(stripJte(source));
            for (String line : text.split("\n")) {
                String visible = line.replace("&nbsp;", " ").strip();
                if (visible.codePoints().anyMatch(Character::isLetter)) {
                    found.add(template + ": " + visible);
                }
            }
        }
        assertThat(found).isEmpty();
    }

    @Test
    void theCheckForHardCodedTextFindsSome() {
        String text = stripTags(stripJte("<p>${ui.t(\"a\")} 欢迎 @if(x)<b>${y}</b>@endif</p>"));
        assertThat(text.strip()).isEqualTo("欢迎");
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(TEMPLATES)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".jte")).toList();
            assertThat(list).isNotEmpty();
            return list;
        }
    }

    /** Removes jte's lines of declarations, its ${...} output and its @keyword(...) control flow. */
    private static String stripJte(String source) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < source.length()) {
            char c = source.charAt(i);
            if (source.startsWith("@import", i) || source.startsWith("@param", i)) {
                int end = source.indexOf('\n', i);
                i = end < 0 ? source.length() : end;
            } else if (source.startsWith("${", i) || source.startsWith("$unsafe{", i) || source.startsWith("!{", i)) {
                i = skipBalanced(source, source.indexOf('{', i), '{', '}');
            } else if (c == '@' && i + 1 < source.length() && Character.isLetter(source.charAt(i + 1))) {
                int j = i + 1;
                while (j < source.length() && (Character.isLetterOrDigit(source.charAt(j)) || source.charAt(j) == '.')) {
                    j++;
                }
                String keyword = source.substring(i + 1, j);
                if (j < source.length() && source.charAt(j) == '(' && !keyword.startsWith("template")) {
                    i = skipBalanced(source, j, '(', ')');
                } else if (keyword.startsWith("template")) {
                    // @template.x(a = b, content = @`...`): drop the call, keep what its content blocks hold.
                    out.append(keepContentBlocks(source.substring(j, skipBalanced(source, j, '(', ')'))));
                    i = skipBalanced(source, j, '(', ')');
                } else {
                    i = j;
                }
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String keepContentBlocks(String call) {
        StringBuilder kept = new StringBuilder();
        int start;
        int from = 0;
        while ((start = call.indexOf("@`", from)) >= 0) {
            int end = call.indexOf('`', start + 2);
            while (end > 0 && call.charAt(end - 1) == '\\') {
                end = call.indexOf('`', end + 1);
            }
            kept.append(stripJte(call.substring(start + 2, end))).append('\n');
            from = end + 1;
        }
        return kept.toString();
    }

    private static int skipBalanced(String s, int open, char opening, char closing) {
        int depth = 0;
        boolean inString = false;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' && s.charAt(i - 1) != '\\') {
                inString = !inString;
            } else if (!inString && c == '`' && i > 0 && s.charAt(i - 1) == '@') {
                i = s.indexOf('`', i + 1);
            } else if (!inString && c == opening) {
                depth++;
            } else if (!inString && c == closing && --depth == 0) {
                return i + 1;
            }
        }
        return s.length();
    }

    private static String stripTags(String html) {
        return html.replaceAll("(?s)<!--.*?-->", "").replaceAll("(?s)<[^>]*>", "\n").replace("·", "");
    }
}
