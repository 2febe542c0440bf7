-- Follow-up to the asker: what is needed to send a staff answer back where the question came from.
--   conversation_id: wechaty room id, or the person's id (wechaty contact, WeCom user id, mini-program account)
--   in_group:        the question was asked in a group (the answer mentions the asker there)
--   sender_name:     the asker's display name, for the mention
--   account_id:      the mini-program account that asked (its "我的提问" list)
alter table questions add column conversation_id text;
alter table questions add column in_group boolean not null default false;
alter table questions add column sender_name text;
alter table questions add column account_id bigint references accounts(id) on delete set null;
create index questions_account_idx on questions (account_id, created_at) where account_id is not null;
-- The outbox rows carrying an answer back to its asker.
alter table deliveries add column question_id bigint references questions(id) on delete set null;
create unique index deliveries_question_dest_idx on deliveries (question_id, channel, destination) where question_id is not null;
-- The province a mini-program student chose (notices for that province, questions routed to its region).
alter table accounts add column province_code text references provinces(code);
