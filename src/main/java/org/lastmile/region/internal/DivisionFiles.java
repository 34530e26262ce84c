package org.lastmile.region.internal;

import org.lastmile.region.RegionCode;
import org.lastmile.region.RegionKind;
import org.lastmile.region.RegionLevel;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Reads an edition in the five-file layout of the NBS table (provinces, cities, areas, streets,
 * villages .csv, each with a header line), from a directory or from the copy shipped in the jar
 * ({@code .csv.gz}), and derives for each row its 12-digit code, level, parent and kind.
 *
 * <p>The traps of the real data: prefecture rows named 市辖区, 县 or (自治区/省)直辖县级行政区划 are
 * placeholders, not units, so their counties hang under the province; county codes xx71-xx79 are
 * development zones; 东莞, 中山 and 儋州 have no county level and appear with a pseudo-county whose
 * 12-digit code equals the city's own, so that row is folded into the city; likewise 金门县 is
 * listed with a township and a village whose own digits are zero, which are the county again.
 */
final class DivisionFiles {

    static final String SHIPPED_EDITION = "2023";
    private static final String SHIPPED_LOCATION = "/divisions/2023/";
    private static final List<String> FILES = List.of("provinces", "cities", "areas", "streets", "villages");
    private static final Set<String> PLACEHOLDER_NAMES = Set.of("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划");

    private final Source source;
    private final String description;

    private DivisionFiles(Source source, String description) {
        this.source = source;
        this.description = description;
    }

    /** The NBS 2023 edition shipped inside the application. */
    static DivisionFiles shipped() {
        return new DivisionFiles(name -> {
            InputStream in = DivisionFiles.class.getResourceAsStream(SHIPPED_LOCATION + name + ".csv.gz");
            if (in == null) {
                throw new IOException("The shipped division table is missing " + name + ".csv.gz");
            }
            return new GZIPInputStream(in, 1 << 16);
        }, "shipped NBS 2023 edition");
    }

    /** An edition in a directory: {@code provinces.csv} ... {@code villages.csv}, plain or gzipped. */
    static DivisionFiles directory(Path directory) {
        for (String name : FILES) {
            if (!Files.exists(directory.resolve(name + ".csv")) && !Files.exists(directory.resolve(name + ".csv.gz"))) {
                throw new IllegalArgumentException("The edition in " + directory + " lacks " + name + ".csv");
            }
        }
        return new DivisionFiles(name -> {
            Path plain = directory.resolve(name + ".csv");
            return Files.exists(plain) ? Files.newInputStream(plain)
                    : new GZIPInputStream(Files.newInputStream(directory.resolve(name + ".csv.gz")), 1 << 16);
        }, directory.toAbsolutePath().toString());
    }

    String description() {
        return description;
    }

    /** Streams every row, parents before children. */
    void read(Consumer<DivisionRow> sink) {
        Set<Long> units = new HashSet<>();        // non-placeholder codes above village level
        Set<Long> citiesWithoutCounties = new HashSet<>();
        readFile("provinces", RegionLevel.PROVINCE, fields -> {
            long code = code(fields.get(0), 2);
            units.add(code);
            sink.accept(new DivisionRow(code, fields.get(1), RegionLevel.PROVINCE, null, RegionKind.REGULAR));
        });
        // Cities are emitted after the areas, once we know which of them have no counties.
        java.util.List<DivisionRow> cities = new java.util.ArrayList<>();
        readFile("cities", RegionLevel.PREFECTURE, fields -> {
            long code = code(fields.get(0), 4);
            boolean placeholder = PLACEHOLDER_NAMES.contains(fields.get(1));
            if (!placeholder) {
                units.add(code);
            }
            cities.add(new DivisionRow(code, fields.get(1), RegionLevel.PREFECTURE, parent(code, RegionLevel.PREFECTURE, units),
                    placeholder ? RegionKind.PLACEHOLDER : RegionKind.REGULAR));
        });
        java.util.List<DivisionRow> areas = new java.util.ArrayList<>();
        readFile("areas", RegionLevel.COUNTY, fields -> {
            long code = code(fields.get(0), 6);
            if (RegionCode.of(code).levelByDigits() == RegionLevel.PREFECTURE) {
                citiesWithoutCounties.add(code);  // pseudo-county 441900 is the city 4419 itself
                return;
            }
            int countyDigits = (int) (code / 1_000_000L % 100);
            RegionKind kind = countyDigits >= 71 && countyDigits <= 79 ? RegionKind.DEVELOPMENT_ZONE : RegionKind.REGULAR;
            units.add(code);
            areas.add(new DivisionRow(code, fields.get(1), RegionLevel.COUNTY, parent(code, RegionLevel.COUNTY, units), kind));
        });
        for (DivisionRow city : cities) {
            sink.accept(citiesWithoutCounties.contains(city.code())
                    ? new DivisionRow(city.code(), city.name(), city.level(), city.parentCode(), RegionKind.CITY_WITHOUT_COUNTIES)
                    : city);
        }
        areas.forEach(sink);
        readFile("streets", RegionLevel.TOWNSHIP, fields -> {
            long code = code(fields.get(0), 9);
            if (foldsIntoParent(code, RegionLevel.TOWNSHIP)) {
                return;
            }
            units.add(code);
            sink.accept(new DivisionRow(code, fields.get(1), RegionLevel.TOWNSHIP, parent(code, RegionLevel.TOWNSHIP, units),
                    RegionKind.REGULAR));
        });
        readFile("villages", RegionLevel.VILLAGE, fields -> {
            long code = code(fields.get(0), 12);
            if (foldsIntoParent(code, RegionLevel.VILLAGE)) {
                return;
            }
            sink.accept(new DivisionRow(code, fields.get(1), RegionLevel.VILLAGE, parent(code, RegionLevel.VILLAGE, units),
                    RegionKind.REGULAR));
        });
    }

    /**
     * A row whose own digits are all zero (township 350527000 and village 350527000000 under 金门县,
     * which the NBS lists with no real subdivisions) has the 12-digit code of its parent: it is
     * the parent again, not a place of its own.
     */
    private static boolean foldsIntoParent(long code, RegionLevel fileLevel) {
        return RegionCode.of(code).levelByDigits() != fileLevel;
    }

    /** The nearest listed, non-placeholder ancestor by prefix. */
    private static Long parent(long code, RegionLevel level, Set<Long> units) {
        RegionCode regionCode = RegionCode.of(code);
        for (int n = level.number() - 1; n >= 1; n--) {
            long prefix = regionCode.prefixAt(RegionLevel.ofNumber(n));
            if (prefix != code && units.contains(prefix)) {
                return prefix;
            }
        }
        return null;
    }

    private static long code(String text, int digits) {
        String trimmed = text.strip();
        if (trimmed.length() != digits) {
            throw new IllegalArgumentException("Expected a " + digits + "-digit code, found '" + text + "'");
        }
        return RegionCode.parse(trimmed)
                .orElseThrow(() -> new IllegalArgumentException("Not a division code: '" + text + "'"))
                .value();
    }

    private void readFile(String name, RegionLevel level, Consumer<List<String>> rowHandler) {
        try (InputStream in = source.open(name);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            List<String> header = CsvLines.next(reader);
            if (header == null || header.isEmpty() || !stripBom(header.get(0)).equals("code")) {
                throw new IllegalArgumentException(name + ".csv must start with a header line beginning with 'code'");
            }
            int line = 1;
            for (List<String> fields; (fields = CsvLines.next(reader)) != null; ) {
                line++;
                if (fields.size() == 1 && fields.get(0).isBlank()) {
                    continue;
                }
                if (fields.size() < 2 || fields.get(1).isBlank()) {
                    throw new IllegalArgumentException(name + ".csv line " + line + ": a code and a name are required");
                }
                try {
                    rowHandler.accept(fields);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(name + ".csv line " + line + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + name + " of " + description + ": " + e.getMessage(), e);
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    @FunctionalInterface
    private interface Source {
        InputStream open(String name) throws IOException;
    }
}
