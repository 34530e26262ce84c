-- Registry: each household tag names its household's village, kept by triggers, so that screening a place reads that
-- place's tags in one index range instead of hashing every tag of the country against the place's households (a city of
-- 浙江省: 0.67 s, now 0.25 s). The view's columns stay as they were.
alter table registry_household_tag add column village_code bigint;
update registry_household_tag t set village_code = h.village_code from registry_household h where h.id = t.household_id;
alter table registry_household_tag alter column village_code set not null;
create index registry_household_tag_village on registry_household_tag (village_code) include (household_id, tag, since);

-- A tag takes its household's village when it is written.
create function registry_household_tag_village() returns trigger language plpgsql as $$
begin
    select h.village_code into new.village_code from registry_household h where h.id = new.household_id;
    return new;
end $$;
create trigger registry_household_tag_village before insert or update of household_id on registry_household_tag
    for each row execute function registry_household_tag_village();

-- And follows it when the household moves.
create function registry_household_moved_tags() returns trigger language plpgsql as $$
begin
    update registry_household_tag set village_code = new.village_code where household_id = new.id;
    return null;
end $$;
create trigger registry_household_moved_tags after update of village_code on registry_household
    for each row when (old.village_code is distinct from new.village_code) execute function registry_household_moved_tags();

create or replace view registry_v_household_tag as
select m.person_id, t.tag, t.since, t.village_code
  from registry_household_member m
  join registry_household_tag t on t.household_id = m.household_id
 where m.person_id is not null;
