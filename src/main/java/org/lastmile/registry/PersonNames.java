package org.lastmile.registry;

import net.sourceforge.pinyin4j.PinyinHelper;
import net.sourceforge.pinyin4j.format.HanyuPinyinCaseType;
import net.sourceforge.pinyin4j.format.HanyuPinyinOutputFormat;
import net.sourceforge.pinyin4j.format.HanyuPinyinToneType;
import net.sourceforge.pinyin4j.format.exception.BadHanyuPinyinOutputFormatCombination;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Names as people type them: a Chinese name, a minority name with the middle dot (·), and the pinyin
 * initials that find it ({@code zs} finds 张三). A polyphonic character gives one set of initials per
 * reading (曾 is z and c), capped so that a name of many polyphonic characters stays small.
 */
public final class PersonNames {

    private static final int MAX_VARIANTS = 16;
    private static final HanyuPinyinOutputFormat FORMAT = new HanyuPinyinOutputFormat();

    static {
        FORMAT.setCaseType(HanyuPinyinCaseType.LOWERCASE);
        FORMAT.setToneType(HanyuPinyinToneType.WITHOUT_TONE);
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

    /** Every combination of the initials of the readings of each character, at most 16. */
    public static List<String> initials(String name) {
        Set<String> variants = new LinkedHashSet<>(List.of(""));
        for (char c : name.toCharArray()) {
            if (c == '·') {
                continue;
            }
            Set<Character> letters = new LinkedHashSet<>();
            try {
                String[] readings = PinyinHelper.toHanyuPinyinStringArray(c, FORMAT);
                if (readings != null) {
                    for (String reading : readings) {
                        if (!reading.isEmpty()) {
                            letters.add(reading.charAt(0));
                        }
                    }
                }
            } catch (BadHanyuPinyinOutputFormatCombination e) {
                throw new IllegalStateException(e);
            }
            if (letters.isEmpty() && Character.isLetter(c)) {
                letters.add(Character.toLowerCase(c));
            }
            if (letters.isEmpty()) {
                continue;
            }
            Set<String> next = new LinkedHashSet<>();
            for (String prefix : variants) {
                for (char letter : letters) {
                    if (next.size() < MAX_VARIANTS) {
                        next.add(prefix + letter);
                    }
                }
            }
            variants = next;
        }
        return new ArrayList<>(variants);
    }
}
