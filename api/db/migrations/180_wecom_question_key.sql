-- A WeCom callback's question answered on the fast path is recorded by its questions row alone:
-- the row carries the message's key (its MsgId), and this index makes that key the claim — one
-- insert per question where the MsgId's row in wecom_messages was a second. Retries read the
-- outcome from either table (api/wecom/repository.ts). Only such rows carry a key.
alter table questions add column wecom_msg_key text;
create unique index questions_wecom_msg_key_idx on questions (wecom_msg_key) where wecom_msg_key is not null;
