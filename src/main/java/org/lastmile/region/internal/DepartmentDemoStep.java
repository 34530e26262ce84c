package org.lastmile.region.internal;

import org.lastmile.platform.DemoSettings;
import org.lastmile.platform.DemoStep;
import org.lastmile.region.Department;
import org.lastmile.region.Departments;
import org.lastmile.region.RegionCode;
import org.lastmile.region.Regions;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo county's departments, as a county government has them. */
@org.springframework.stereotype.Component
class DepartmentDemoStep implements DemoStep {

    private static final Map<Department.Type, String> COUNTY_DEPARTMENTS = new LinkedHashMap<>();

    static {
        COUNTY_DEPARTMENTS.put(Department.Type.CIVIL_AFFAIRS, "民政局");
        COUNTY_DEPARTMENTS.put(Department.Type.HUMAN_RESOURCES, "人力资源和社会保障局");
        COUNTY_DEPARTMENTS.put(Department.Type.FINANCE, "财政局");
        COUNTY_DEPARTMENTS.put(Department.Type.RURAL_REVITALIZATION, "农业农村局（乡村振兴）");
        COUNTY_DEPARTMENTS.put(Department.Type.HEALTH, "卫生健康局");
        COUNTY_DEPARTMENTS.put(Department.Type.MEDICAL_INSURANCE, "医疗保障局");
        COUNTY_DEPARTMENTS.put(Department.Type.EDUCATION, "教育局");
        COUNTY_DEPARTMENTS.put(Department.Type.HOUSING, "住房和城乡建设局");
    }

    private final Departments departments;
    private final Regions regions;

    DepartmentDemoStep(Departments departments, Regions regions) {
        this.departments = departments;
        this.regions = regions;
    }

    @Override
    public boolean dataset() {
        return true;
    }

    @Override
    public String id() {
        return "0150-region-departments";
    }

    @Override
    public void apply(DemoSettings settings) {
        RegionCode county = RegionCode.of(settings.countyCode());
        String countyName = regions.find(county).orElseThrow().name();
        COUNTY_DEPARTMENTS.forEach((type, name) -> departments.add(county, type, countyName + name));
    }
}
