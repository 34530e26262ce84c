-- Casework: a case's referrals and notices found by their case. Both tables referenced their case without an index on
-- it (a referral's only had its open ones), so reading a case's referrals scanned every referral, and removing a case
-- scanned both tables (a benchmark removing its 188,000 cases ran for over ten minutes).
create index casework_referral_case on casework_referral (case_id);
create index casework_notification_case on casework_notification (case_id);
