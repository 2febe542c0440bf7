-- Security hardening (issue 15).

-- Every console change: who, what, before/after. Written only through api/audit/repository.ts.
create table audit_log (
  id bigserial primary key,
  at timestamptz not null default now(),
  actor_id bigint references accounts(id) on delete set null,
  actor text not null,
  action text not null,
  entity text not null,
  entity_id text,
  before jsonb,
  after jsonb,
  ip text
);
create index audit_log_at_idx on audit_log (at desc);

-- Sessions revoked by logout before they expire (token id = JWT jti).
create table revoked_tokens (
  jti text primary key,
  expires_at timestamptz not null
);
create index revoked_tokens_expires_idx on revoked_tokens (expires_at);

-- A generated first-start password must be changed at the first sign-in and expires.
alter table accounts add column must_change_password boolean not null default false;
alter table accounts add column password_expires_at timestamptz;

-- A bind code either verifies a mini-program college contact or binds a chat group.
alter table bind_codes add column purpose text not null default 'contact' check (purpose in ('contact', 'group'));
