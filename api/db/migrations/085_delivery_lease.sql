-- Deliveries are claimed with a short lease that the sending instance renews while it works
-- (lease_owner, lease_token, lease_until), and a row records when its send started (in_flight_at)
-- until the outcome is recorded. A row whose owner stopped during a send has an unknown outcome:
-- status 'unknown' (outcome_unknown_at keeps that it happened, even after a later resend).
alter table deliveries drop constraint if exists deliveries_status_check;
alter table deliveries add constraint deliveries_status_check check (status in ('queued', 'sending', 'sent', 'failed', 'unknown'));
alter table deliveries add column lease_owner text;
alter table deliveries add column lease_token text;
alter table deliveries add column lease_until timestamptz;
alter table deliveries add column in_flight_at timestamptz;
alter table deliveries add column outcome_unknown_at timestamptz;
-- rows claimed by the old worker kept their lease in next_attempt_at
update deliveries set lease_until = next_attempt_at where status = 'sending';
create index deliveries_lease_idx on deliveries (lease_until) where status = 'sending';
