-- Where each 区域管家's digest goes: their WeCom user id (app message), WeChat id (wechaty
-- private chat), or the region's group-robot webhook. Operators fill these in the console.
alter table contacts add column wecom_user_id text;
alter table contacts add column wechat_id text;
alter table regions add column digest_webhook_key text;
create index reports_period_idx on reports (period_id);
