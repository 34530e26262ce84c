-- Registry: the village index also carries the name and the id, so that a county's search by a name's beginning reads the
-- county's entries index-only (the name checked in the index) and sorts the namesakes' few bytes, instead of fetching every
-- person of the county to read their names (a common surname in a county of 20,000: 64 ms, most of it heap fetches).
create index registry_person_village_name on registry_person (village_code) include (name, id);
drop index registry_person_village;

-- The same for the last four characters of an ID or a phone: a province's few hundred matches of each are sorted by name
-- in these indexes and only the page's persons are fetched (were: every match fetched, 26 ms p95 in SQL at province scale).
create index registry_person_id_tail4_page on registry_person (id_tail4_index) include (village_code, name, id);
drop index registry_person_id_tail4;
create index registry_person_phone_tail_page on registry_person (phone_tail_index) include (village_code, name, id);
drop index registry_person_phone_tail;
