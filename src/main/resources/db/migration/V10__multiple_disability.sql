-- Registry: a multiple disability (category 7) records its component categories and grades; every
-- category a person has (the main one and the components) is kept in one array, so that any rule that
-- names a category also matches a multiple disability that includes it, through one GIN index.
alter table registry_person add column components jsonb not null default '[]';
alter table registry_person add column categories smallint[];
update registry_person set categories = array[disability_category];
alter table registry_person alter column categories set not null;
create index registry_person_categories on registry_person using gin (categories);
