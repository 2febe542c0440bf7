-- One-time codes an operator issues so a college contact can verify in the mini-program.
create table bind_codes (
  code text primary key,
  college_id bigint not null references colleges(id) on delete cascade,
  created_by bigint references accounts(id),
  expires_at timestamptz not null,
  used_by bigint references accounts(id),
  used_at timestamptz,
  created_at timestamptz not null default now()
);
