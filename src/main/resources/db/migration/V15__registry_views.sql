-- Registry: the read-only views other modules may query for set-based work (screening campaign targets,
-- roll-ups). They are the registry's SQL API; its tables stay its own. No personal number is in them.
create view registry_v_person as
select id as person_id, village_code, name, sex, birth_date, date_part('year', age(current_date, birth_date))::int as age,
       disability_category, disability_grade, categories, life_status, certificate_expires_on
  from registry_person;

create view registry_v_household_tag as
select m.person_id, t.tag, t.since
  from registry_household_member m join registry_household_tag t on t.household_id = m.household_id
 where m.person_id is not null;

create view registry_v_status_answer as
select person_id, item, value, year from registry_status_current;
