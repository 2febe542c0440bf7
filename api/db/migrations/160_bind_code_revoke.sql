-- A bind code sent to the wrong college can be revoked before it is used (console 作废).
alter table bind_codes add column revoked_at timestamptz;
