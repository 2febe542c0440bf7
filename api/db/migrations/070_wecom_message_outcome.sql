-- A WeCom callback message is recorded together with its outcome, so that WeCom's retry of a
-- message whose handling failed (or is still running) is handled again or answered the same way,
-- never refused: status processing → done (reply kept) or failed (handled again on retry).
alter table wecom_messages add column status text not null default 'done' check (status in ('processing', 'done', 'failed'));
alter table wecom_messages add column reply text;
alter table wecom_messages add column attempts int not null default 1;
alter table wecom_messages add column last_error text;
alter table wecom_messages add column updated_at timestamptz not null default now();
