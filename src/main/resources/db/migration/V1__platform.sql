-- Platform: which demo steps this database has received (see org.lastmile.platform.DemoStep).
create table platform_demo_step (
    id          text primary key,
    county_code bigint not null,
    seed        bigint not null,
    applied_at  timestamptz not null default now()
);
