-- Publishing a notice takes an idempotency key (Idempotency-Key header or idempotencyKey field):
-- the same author sending the same key again (a double click, a retry after a timeout) gets the
-- notice the first request created instead of a second notice.
alter table notices add column idempotency_key text;
create unique index notices_idempotency_key_idx on notices (author_id, idempotency_key) where idempotency_key is not null;
