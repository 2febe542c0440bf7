-- A chat group's stable key, kept beside its platform id: for a wechaty room, its topic and its
-- owner's name. Personal-WeChat room ids change at every re-login (and with another puppet); at
-- login the bot finds each bound room again by this key and re-links the binding to the new id.
alter table chat_groups add column stable_key text;
create index chat_groups_stable_key_idx on chat_groups (channel, stable_key) where stable_key is not null;
