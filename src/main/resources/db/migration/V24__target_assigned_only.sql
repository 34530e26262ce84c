-- Campaign: the index of open targets by their assignee holds only assigned ones. Every query on it names an assignee
-- (a worker's own targets, a reassignment); indexing the unassigned too cost every screened target one more index entry
-- (a province's screening adds 900,000 targets, none assigned).
drop index campaign_target_assigned;
create index campaign_target_assigned on campaign_target (assigned_to) where status = 'OPEN' and assigned_to is not null;
