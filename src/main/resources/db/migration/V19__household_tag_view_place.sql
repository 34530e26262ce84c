-- Registry: the household-tag view also names the household's village, so that set-based work (campaign screening)
-- reads the tags of one place by a range instead of probing every person's tags of the whole country.
create or replace view registry_v_household_tag as
select m.person_id, t.tag, t.since, h.village_code
  from registry_household_member m
  join registry_household_tag t on t.household_id = m.household_id
  join registry_household h on h.id = m.household_id
 where m.person_id is not null;
