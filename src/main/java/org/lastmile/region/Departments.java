package org.lastmile.region;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** The department directory: which departments a place has. */
@Service
@Transactional(readOnly = true)
public class Departments {

    private final JdbcClient jdbc;

    Departments(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Department> find(long id) {
        return jdbc.sql("select id, division_code, type, name from region_department where id = ?").param(id)
                .query((rs, n) -> new Department(rs.getLong(1), rs.getLong(2), Department.Type.valueOf(rs.getString(3)), rs.getString(4)))
                .optional();
    }

    public List<Department> of(RegionCode place) {
        return jdbc.sql("select id, division_code, type, name from region_department where division_code = ? order by type, name")
                .param(place.value())
                .query((rs, n) -> new Department(rs.getLong(1), rs.getLong(2), Department.Type.valueOf(rs.getString(3)), rs.getString(4)))
                .list();
    }

    @Transactional
    public Department add(RegionCode place, Department.Type type, String name) {
        long id = jdbc.sql("insert into region_department (division_code, type, name) values (?, ?, ?) returning id")
                .params(place.value(), type.name(), name).query(Long.class).single();
        return find(id).orElseThrow();
    }
}
