package org.lastmile.region.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A small edition in the five-file layout, written to a folder, with the traps of the real data:
 * a placeholder prefecture (市辖区), a development zone, a city without counties, a county listed
 * with zero-digit subdivisions (金门县), and a name with a comma and quotes.
 */
final class EditionFixture {

    final List<String> provinces = new ArrayList<>(List.of("11,\"北京市\"", "35,\"福建省\"", "44,\"广东省\"", "33,\"浙江省\""));
    final List<String> cities = new ArrayList<>(List.of("1101,\"市辖区\",11", "3505,\"泉州市\",35", "4419,\"东莞市\",44",
            "3301,\"杭州市\",33"));
    final List<String> areas = new ArrayList<>(List.of("110101,\"东城区\",1101,11", "350527,\"金门县\",3505,35",
            "441900,\"东莞市\",4419,44", "330122,\"桐庐县\",3301,33", "330171,\"杭州高新技术产业开发区\",3301,33"));
    final List<String> streets = new ArrayList<>(List.of("110101001,\"东华门街道\",110101,11,1101",
            "350527000,\"金门县\",350527,35,3505", "441900003,\"东城街道\",441900,44,4419",
            "330122001,\"城南街道\",330122,33,3301", "330122100,\"横村镇\",330122,33,3301",
            "330171001,\"长河街道\",330171,33,3301"));
    final List<String> villages = new ArrayList<>(List.of(
            "110101001001,\"多福巷社区居委会\",110101001,11,1101,110101",
            "350527000000,\"金门县\",350527000,35,3505,350527",
            "441900003001,\"东泰社区居委会\",441900003,44,4419,441900",
            "330122001001,\"南门社区\",330122001,33,3301,330122",
            "330122001002,\"白云源村\",330122001,33,3301,330122",
            "330122100201,\"横村村\",330122100,33,3301,330122",
            "330122100202,\"\"\"阳山畈\"\",老村\",330122100,33,3301,330122",
            "330171001001,\"长河社区\",330171001,33,3301,330171"));

    Path writeTo(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("provinces.csv"), withHeader("code,name", provinces));
            Files.write(dir.resolve("cities.csv"), withHeader("code,name,provinceCode", cities));
            Files.write(dir.resolve("areas.csv"), withHeader("code,name,cityCode,provinceCode", areas));
            Files.write(dir.resolve("streets.csv"), withHeader("code,name,areaCode,provinceCode,cityCode", streets));
            Files.write(dir.resolve("villages.csv"), withHeader("code,name,streetCode,provinceCode,cityCode,areaCode", villages));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> withHeader(String header, List<String> lines) {
        List<String> all = new ArrayList<>();
        all.add(header);
        all.addAll(lines);
        return all;
    }
}
