-- WeCom callback messages already handled: a MsgId seen twice is a replay.
create table wecom_messages (
  msg_id text primary key,
  received_at timestamptz not null default now()
);
