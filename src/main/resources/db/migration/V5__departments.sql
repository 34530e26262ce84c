-- Region: the government departments of each county and township, to which cases are referred
-- (issue 7) and whose liaisons answer them. Owned here, beside the federation units, so that access
-- can name a liaison's department without depending on casework.
create table region_department (
    id             bigserial primary key,
    division_code  bigint not null references region_division (code),
    type           text not null check (type in ('CIVIL_AFFAIRS', 'HUMAN_RESOURCES', 'FINANCE', 'RURAL_REVITALIZATION',
                                                 'HEALTH', 'MEDICAL_INSURANCE', 'EDUCATION', 'HOUSING', 'OTHER')),
    name           text not null,
    unique (division_code, name)
);
create index region_department_place on region_department (division_code, type);
