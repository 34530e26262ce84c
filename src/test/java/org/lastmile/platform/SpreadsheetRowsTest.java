package org.lastmile.platform;

import cn.idev.excel.FastExcel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.lastmile.platform.SpreadsheetRows.Column;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpreadsheetRowsTest {

    private static final List<Column> COLUMNS = List.of(
            new Column("name", true, List.of("姓名", "名字")),
            new Column("id", true, List.of("身份证号", "公民身份号码")),
            new Column("note", false, List.of("备注")));

    @TempDir
    Path dir;

    private List<SpreadsheetRows.Row> read(Path file) {
        List<SpreadsheetRows.Row> rows = new ArrayList<>();
        SpreadsheetRows.read(() -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, file.getFileName().toString(), COLUMNS, rows::add);
        return rows;
    }

    private Path xlsx(List<List<Object>> rows) {
        Path file = dir.resolve("t.xlsx");
        FastExcel.write(file.toFile()).sheet("s").doWrite(rows);
        return file;
    }

    @Test
    void matchesHeadersByNameInAnyOrderWithSynonymsAndIgnoresExtraColumns() {
        Path file = xlsx(List.of(
                List.of("无关列", "公民身份号码", " 名字 ", "备注"),
                List.of("x", "11010519491231002X", "张三", "")));
        List<SpreadsheetRows.Row> rows = read(file);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).cell("name").text()).isEqualTo("张三");
        assertThat(rows.get(0).cell("id").text()).isEqualTo("11010519491231002X");
    }

    @Test
    void numbersRowsAsTheSpreadsheetShowsThemAndSkipsBlankRows() {
        List<List<Object>> data = new ArrayList<>();
        data.add(List.of("姓名", "身份证号"));
        data.add(List.of("张三", "11010519491231002X"));
        data.add(List.of("", ""));
        data.add(List.of("李四", "110105194912310038"));
        List<SpreadsheetRows.Row> rows = read(xlsx(data));
        assertThat(rows).extracting(SpreadsheetRows.Row::number).containsExactly(2, 4);
    }

    @Test
    void tellsACellStoredAsANumberFromText() {
        Path file = xlsx(List.of(List.of("姓名", "身份证号"), List.of("张三", 110105194912310038L)));
        SpreadsheetRows.Cell id = read(file).get(0).cell("id");
        assertThat(id.numeric()).isTrue();
    }

    @Test
    void normalisesFullWidthCharactersAndInvisibleSpaces() {
        assertThat(SpreadsheetRows.normalise("\u00A0１１０１０５\u200B１９４９１２３１００２ｘ\u3000")).isEqualTo("11010519491231002x");
    }

    @Test
    void readsCsvInUtf8AndInGbk() throws IOException {
        String text = "姓名,身份证号\n张三,11010519491231002X\n";
        for (Charset charset : List.of(StandardCharsets.UTF_8, Charset.forName("GBK"))) {
            Path file = dir.resolve("t-" + charset.name() + ".csv");
            Files.write(file, text.getBytes(charset));
            List<SpreadsheetRows.Row> rows = read(file);
            assertThat(rows).as(charset.name()).hasSize(1);
            assertThat(rows.get(0).cell("name").text()).as(charset.name()).isEqualTo("张三");
            assertThat(rows.get(0).number()).isEqualTo(2);
        }
    }

    @Test
    void namesEveryMissingRequiredColumn() throws IOException {
        Path file = dir.resolve("t.csv");
        Files.writeString(file, "备注\nx\n");
        assertThatThrownBy(() -> read(file)).isInstanceOf(SpreadsheetRows.UnreadableFile.class)
                .hasMessageContaining("姓名").hasMessageContaining("身份证号");
    }

    @Test
    void refusesOtherFileTypesAndBrokenWorkbooks() throws IOException {
        Path doc = dir.resolve("t.doc");
        Files.writeString(doc, "x");
        assertThatThrownBy(() -> read(doc)).isInstanceOf(SpreadsheetRows.UnreadableFile.class);
        Path broken = dir.resolve("broken.xlsx");
        Files.write(broken, "not a zip".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> read(broken)).isInstanceOf(SpreadsheetRows.UnreadableFile.class);
    }

    @Test
    void passesAHandlersOwnFailureThroughUnchanged() {
        Path file = xlsx(List.of(List.of("姓名", "身份证号"), List.of("张三", "1")));
        assertThatThrownBy(() -> SpreadsheetRows.read(() -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, "t.xlsx", COLUMNS, row -> {
            throw new IllegalStateException("database down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("database down");
    }

}
