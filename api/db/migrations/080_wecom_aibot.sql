-- The WeCom 智能机器人 (AI bot) channel: its groups, its messages (deduplicated by msgid in
-- wecom_messages under the key 'aibot:<msgid>'), and user feedback (准确/不准确) on its answers.
alter table chat_groups drop constraint if exists chat_groups_channel_check;
alter table chat_groups add constraint chat_groups_channel_check check (channel in ('wechaty', 'wecom', 'wecom_robot', 'wecom_aibot'));

-- A reply handled but not yet acknowledged by the platform is sent again on a redelivery.
alter table wecom_messages add column delivered boolean not null default true;

alter table questions add column feedback_ref text;
alter table questions add column feedback text check (feedback in ('accurate', 'inaccurate'));
alter table questions add column feedback_note text;
alter table questions add column feedback_at timestamptz;
create unique index questions_feedback_ref_idx on questions (feedback_ref) where feedback_ref is not null;
