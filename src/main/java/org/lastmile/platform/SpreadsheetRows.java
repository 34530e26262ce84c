package org.lastmile.platform;

import cn.idev.excel.FastExcel;
import cn.idev.excel.context.AnalysisContext;
import cn.idev.excel.enums.CellDataTypeEnum;
import cn.idev.excel.enums.ReadDefaultReturnEnum;
import cn.idev.excel.metadata.data.ReadCellData;
import cn.idev.excel.read.listener.ReadListener;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the rows of a spreadsheet as county staff actually send them: .xlsx (streamed, never loaded
 * whole) or .csv in UTF-8 or GBK; the first non-blank row is the header, matched by name against
 * the columns a caller expects (any order, common synonyms, spaces and full-width forms ignored);
 * extra columns ignored; blank rows skipped; each row numbered as the spreadsheet shows it.
 */
public final class SpreadsheetRows {

    /** A column the caller expects, with every header text that names it. */
    public record Column(String key, boolean required, List<String> names) {
    }

    /** One cell: its text (trimmed, normalised) and whether the spreadsheet stored it as a number. */
    public record Cell(String text, boolean numeric) {
        public boolean blank() {
            return text == null || text.isEmpty();
        }
    }

    /** A data row: its 1-based number in the spreadsheet and its cells by column key. */
    public record Row(int number, Map<String, Cell> cells) {
        public Cell cell(String key) {
            Cell cell = cells.get(key);
            return cell == null ? new Cell("", false) : cell;
        }
    }

    public interface RowHandler {
        void row(Row row);
    }

    /** The file cannot be read as a table of the expected columns; nothing was imported. */
    public static class UnreadableFile extends RuntimeException {
        private final String code;

        public UnreadableFile(String code, String detail) {
            super(detail);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    private SpreadsheetRows() {
    }

    /**
     * Reads the file that {@code open} supplies (it may be called twice, to detect a CSV's encoding).
     * Throws {@link UnreadableFile} when the format or the header is wrong.
     */
    public static void read(Supplier<InputStream> open, String filename, List<Column> columns, RowHandler handler) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        if (name.endsWith(".xlsx")) {
            readXlsx(open, columns, handler);
        } else if (name.endsWith(".csv")) {
            readCsv(open, columns, handler);
        } else {
            throw new UnreadableFile("FILE_TYPE", "Only .xlsx and .csv files can be imported");
        }
    }

    /** A cell that starts like a formula (= + - @ tab CR) written as text, so that opening the file never runs it; null as "". */
    public static String safeText(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + text : text;
    }

    /** Full-width forms to half-width, every kind of space (incl. non-breaking and zero-width) removed at the ends. */
    public static String normalise(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '\uFF01' && c <= '\uFF5E') {
                c = (char) (c - 0xFEE0);
            } else if (c == '\u3000') {
                c = ' ';
            }
            if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF') {
                continue;
            }
            out.append(c == '\u00A0' ? ' ' : c);
        }
        return out.toString().strip();
    }

    private static String headerKey(String header) {
        return normalise(header).replaceAll("[\\s()（）*]", "").toLowerCase(Locale.ROOT);
    }

    /** Maps header positions to column keys; complains about every required column that is missing. */
    private static Map<Integer, String> matchHeader(List<String> header, List<Column> columns) {
        Map<Integer, String> positions = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String key = headerKey(header.get(i));
            for (Column column : columns) {
                if (!positions.containsValue(column.key()) && column.names().stream().map(SpreadsheetRows::headerKey).anyMatch(key::equals)) {
                    positions.put(i, column.key());
                }
            }
        }
        List<String> missing = columns.stream().filter(Column::required).filter(c -> !positions.containsValue(c.key()))
                .map(c -> c.names().get(0)).toList();
        if (!missing.isEmpty()) {
            throw new UnreadableFile("MISSING_COLUMNS", String.join(", ", missing));
        }
        return positions;
    }

    private static void readXlsx(Supplier<InputStream> open, List<Column> columns, RowHandler handler) {
        Map<Integer, String>[] positions = new Map[1];
        try (InputStream in = open.get()) {
            FastExcel.read(in, new ReadListener<Map<Integer, ReadCellData<?>>>() {
                        @Override
                        public void invoke(Map<Integer, ReadCellData<?>> data, AnalysisContext context) {
                            int number = context.readRowHolder().getRowIndex() + 1;
                            if (positions[0] == null) {
                                List<String> header = new ArrayList<>();
                                data.forEach((i, cell) -> {
                                    while (header.size() <= i) {
                                        header.add("");
                                    }
                                    header.set(i, text(cell));
                                });
                                if (header.stream().allMatch(String::isBlank)) {
                                    return;
                                }
                                positions[0] = matchHeader(header, columns);
                                return;
                            }
                            Map<String, Cell> cells = new LinkedHashMap<>();
                            positions[0].forEach((i, key) -> {
                                ReadCellData<?> cell = data.get(i);
                                cells.put(key, cell == null ? new Cell("", false)
                                        : new Cell(normalise(text(cell)), cell.getType() == CellDataTypeEnum.NUMBER));
                            });
                            if (cells.values().stream().allMatch(Cell::blank)) {
                                return;
                            }
                            try {
                                handler.row(new Row(number, cells));
                            } catch (RuntimeException e) {
                                throw new RowFailure(e.getMessage(), e);
                            }
                        }

                        @Override
                        public void onException(Exception exception, AnalysisContext context) throws Exception {
                            throw exception;
                        }

                        @Override
                        public void doAfterAllAnalysed(AnalysisContext context) {
                        }
                    })
                    .readDefaultReturn(ReadDefaultReturnEnum.READ_CELL_DATA)
                    .headRowNumber(0)
                    .ignoreEmptyRow(true)
                    .autoCloseStream(false)
                    .sheet(0)
                    .doRead();
        } catch (UnreadableFile e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof UnreadableFile unreadable) {
                    throw unreadable;
                }
                if (cause instanceof RowFailure failure && failure.getCause() instanceof RuntimeException original) {
                    throw original;
                }
            }
            throw new UnreadableFile("NOT_A_SPREADSHEET", "The file is not a readable .xlsx workbook: " + e.getMessage());
        }
        if (positions[0] == null) {
            throw new UnreadableFile("EMPTY", "The file has no header row");
        }
    }

    /** Carries a handler's own failure through the workbook reader, which then rethrows the original. */
    private static class RowFailure extends RuntimeException {
        RowFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static String text(ReadCellData<?> cell) {
        if (cell == null || cell.getType() == null) {
            return "";
        }
        return switch (cell.getType()) {
            case NUMBER -> cell.getNumberValue() == null ? "" : cell.getNumberValue().stripTrailingZeros().toPlainString();
            case BOOLEAN -> String.valueOf(cell.getBooleanValue());
            case STRING, DIRECT_STRING, RICH_TEXT_STRING -> cell.getStringValue() == null ? "" : cell.getStringValue();
            default -> cell.getStringValue() == null ? "" : cell.getStringValue();
        };
    }

    private static void readCsv(Supplier<InputStream> open, List<Column> columns, RowHandler handler) {
        Charset charset = isUtf8(open) ? StandardCharsets.UTF_8 : Charset.forName("GBK");
        try (Reader reader = new InputStreamReader(new BufferedInputStream(open.get()), charset)) {
            Map<Integer, String> positions = null;
            for (CSVRecord record : CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(false).build().parse(reader)) {
                List<String> values = record.toList();
                int number = (int) record.getRecordNumber();
                if (values.stream().allMatch(v -> normalise(v).isEmpty())) {
                    continue;
                }
                if (positions == null) {
                    List<String> header = new ArrayList<>(values);
                    if (!header.isEmpty()) {
                        header.set(0, header.get(0).replace("\uFEFF", ""));
                    }
                    positions = matchHeader(header, columns);
                    continue;
                }
                Map<String, Cell> cells = new LinkedHashMap<>();
                for (var entry : positions.entrySet()) {
                    String value = entry.getKey() < values.size() ? values.get(entry.getKey()) : "";
                    cells.put(entry.getValue(), new Cell(normalise(value), false));
                }
                handler.row(new Row(number, cells));
            }
            if (positions == null) {
                throw new UnreadableFile("EMPTY", "The file has no header row");
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new UnreadableFile("NOT_A_SPREADSHEET", "The file is not a readable CSV: " + e.getMessage());
        }
    }

    /** True when the whole file decodes as UTF-8 (GBK bytes almost never do). */
    private static boolean isUtf8(Supplier<InputStream> open) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (Reader reader = new InputStreamReader(open.get(), decoder)) {
            char[] buffer = new char[8192];
            while (reader.read(buffer) >= 0) {
                // decoding is the test
            }
            return true;
        } catch (CharacterCodingException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
