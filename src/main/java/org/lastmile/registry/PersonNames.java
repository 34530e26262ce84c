package org.lastmile.registry;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.HanyuPinyinVCharType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names as people type them: a Chinese name, a minority name with the middle dot (·), and the pinyin
 * that finds it: initials ({@code zs} finds 张三), full pinyin ({@code zhangsan}) or the beginning of
 * either ({@code zhang} finds every 张). A polyphonic character gives one spelling per reading (曾 is
 * zeng and ceng), capped so that a name of many polyphonic characters stays small.
 */
public final class PersonNames {

    private static final int MAX_VARIANTS = 16;
    private static final int MAX_SPELLINGS = 8;
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
        FORMAT.setVCharType(HanyuPinyinVCharType.WITH_V);
    }

    private PersonNames() {
    }

    /** Trims, unifies the middle dot of minority names (·, •, ・, ．) and removes inner spaces between Chinese characters. */
    public static String normalise(String raw) {
        if (raw == null) {
            return "";
        }
        String name = raw.strip().replace('\u2022', '·').replace('\u30FB', '·').replace('\uFF0E', '·').replace('\u2027', '·')
                .replace('.', '·');
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u200B') {
                continue;
            }
            out.append(c);
        }
        return out.toString();
    }

    /** A name is 2-30 characters of Chinese (or Latin letters) with middle dots only between parts. */
    public static boolean valid(String name) {
        if (name.length() < 2 || name.length() > 30 || name.startsWith("·") || name.endsWith("·") || name.contains("··")) {
            return false;
        }
        return name.codePoints().allMatch(c -> c == '·' || Character.isLetter(c));
    }

    /**
     * The search keys of a name: every spelling of its initials ({@code zs}) and of its full pinyin
     * ({@code zhangsan}). A typed key matches a name when it begins one of them ({@code z}, {@code zh},
     * {@code zhangs}), which the registry reads as one range of a B-tree in name order.
     */
    public static List<String> searchKeys(String name) {
        Set<String> keys = new LinkedHashSet<>(initials(name));
        keys.addAll(spellingsOf(name));
        return new ArrayList<>(keys);
    }

    /** The search key a typed query is looked up by (lower case, spaces and apostrophes dropped: {@code Xi'an} is xian). */
    public static String searchKey(String typed) {
        return typed == null ? "" : typed.toLowerCase(java.util.Locale.ROOT).replaceAll("[\\s'’·]", "").replace("u:", "v").replace('ü', 'v');
    }

    /** Every combination of the full pinyin of the readings of each character, at most 8. */
    public static List<String> spellingsOf(String name) {
        return combinations(name, MAX_SPELLINGS, false);
    }

    /** Every combination of the initials of the readings of each character, at most 16. */
    public static List<String> initials(String name) {
        return combinations(name, MAX_VARIANTS, true);
    }

    private static List<String> combinations(String name, int limit, boolean initialsOnly) {
        Set<String> variants = new LinkedHashSet<>(List.of(""));
        for (char c : name.toCharArray()) {
            if (c == '·') {
                continue;
            }
            Set<String> readings = new LinkedHashSet<>();
            try {
                String[] all = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
                if (all != null) {
                    for (String reading : all) {
                        if (!reading.isEmpty()) {
                            readings.add(initialsOnly ? reading.substring(0, 1) : reading);
                        }
                    }
                }
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException(e);
            }
            if (readings.isEmpty() && Character.isLetter(c)) {
                readings.add(String.valueOf(Character.toLowerCase(c)));
            }
            if (readings.isEmpty()) {
                continue;
            }
            Set<String> next = new LinkedHashSet<>();
            for (String prefix : variants) {
                for (String reading : readings) {
                    if (next.size() < limit) {
                        next.add(prefix + reading);
                    }
                }
            }
            variants = next;
        }
        return new ArrayList<>(variants);
    }
}
