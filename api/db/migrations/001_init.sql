-- The whole product's tables. Later migrations may add columns.
-- origin: 'seed' rows come from knowledge/data and are refreshed on every start;
-- 'console' rows were created or edited by an operator and are never overwritten by a reload.

create table regions (
  code text primary key,
  name text not null unique,
  source text not null,
  origin text not null default 'seed' check (origin in ('seed', 'console')),
  updated_at timestamptz not null default now()
);

create table provinces (
  code text primary key,                 -- GB/T 2260 two-digit code
  name text not null unique,             -- 山东
  full_name text not null,               -- 山东省
  aliases text[] not null default '{}',  -- 鲁, 新疆兵团, ...
  region_code text not null references regions(code),
  seq int not null,
  source text not null,
  origin text not null default 'seed' check (origin in ('seed', 'console')),
  updated_at timestamptz not null default now()
);

create table contacts (
  id bigserial primary key,
  seed_key text unique,
  name text not null,
  phone text,                            -- null when the source gives none
  role text not null check (role in ('province_lead', 'region_manager')),
  province_code text references provinces(code),
  region_code text references regions(code),
  seq int not null default 0,
  source text not null,
  origin text not null default 'seed' check (origin in ('seed', 'console')),
  archived boolean not null default false,
  updated_at timestamptz not null default now(),
  check ((role = 'province_lead' and province_code is not null)
      or (role = 'region_manager' and region_code is not null))
);
create index contacts_province_idx on contacts (province_code);
create index contacts_region_idx on contacts (region_code);

create table colleges (
  id bigserial primary key,
  name text not null unique,
  aliases text[] not null default '{}',
  province_code text not null references provinces(code),
  created_at timestamptz not null default now()
);

create table chat_groups (
  id bigserial primary key,
  channel text not null check (channel in ('wechaty', 'wecom', 'wecom_robot')),
  external_id text not null,
  name text,
  college_id bigint references colleges(id) on delete set null,
  bound_by text,
  bound_at timestamptz,
  created_at timestamptz not null default now(),
  unique (channel, external_id)
);

create table accounts (
  id bigserial primary key,
  role text not null check (role in ('admin', 'region_manager', 'college_contact', 'student')),
  username text unique,
  display_name text,
  password_hash text,
  region_code text references regions(code),
  college_id bigint references colleges(id),
  openid text unique,
  wecom_user_id text,
  wechat_id text,
  token_version int not null default 0,
  disabled boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (role <> 'region_manager' or region_code is not null)
);

create table settings (
  key text primary key,
  value text not null
);

create table exam_sessions (
  id bigserial primary key,
  seed_key text unique,
  year int not null,
  month int not null check (month between 1 and 12),
  exam_date date,                        -- null when only the month is published
  scope text not null default 'national',
  title text,
  note text,
  source text not null,
  origin text not null default 'seed' check (origin in ('seed', 'console')),
  archived boolean not null default false,
  updated_at timestamptz not null default now()
);
create index exam_sessions_year_idx on exam_sessions (year, month);

create table knowledge_entries (
  id bigserial primary key,
  seed_key text unique,
  kind text not null default 'passage' check (kind in ('passage', 'faq', 'operator')),
  title text not null,
  body text not null,
  source_document text not null,
  section text,
  origin text not null default 'seed' check (origin in ('seed', 'console')),
  archived boolean not null default false,
  updated_at timestamptz not null default now()
);

create table questions (
  id bigserial primary key,
  channel text not null,
  group_ref text,
  sender text,
  province_code text,
  question text not null,
  reply text,
  intent text,
  confidence real,
  abstained boolean not null default false,
  status text not null default 'logged' check (status in ('logged', 'open', 'answered', 'handled')),
  answer text,
  answered_by text,
  handled_at timestamptz,
  created_at timestamptz not null default now()
);
create index questions_status_idx on questions (status, created_at);

create table reports (
  id bigserial primary key,
  college_id bigint not null references colleges(id),
  period_id text not null,               -- 2026-11-a / 2026-11-b
  stage text,
  progress text,
  students_trained int,
  students_registered int,
  students_passed int,
  teachers_trained int,
  problems text,
  channel text,
  submitted_by text,
  late boolean not null default false,
  submitted_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  unique (college_id, period_id)
);

create table report_revisions (
  id bigserial primary key,
  report_id bigint not null references reports(id) on delete cascade,
  data jsonb not null,
  channel text,
  submitted_by text,
  submitted_at timestamptz not null default now()
);

create table notices (
  id bigserial primary key,
  title text not null,
  body text not null,
  target jsonb not null,
  status text not null default 'draft' check (status in ('draft', 'scheduled', 'published', 'withdrawn')),
  publish_at timestamptz,
  published_at timestamptz,
  author_id bigint references accounts(id),
  created_at timestamptz not null default now()
);

create table deliveries (
  id bigserial primary key,
  notice_id bigint references notices(id),
  job text,                              -- digest / reminder key when not a notice
  channel text not null,
  destination text not null,
  payload jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'sending', 'sent', 'failed')),
  attempts int not null default 0,
  last_error text,
  next_attempt_at timestamptz not null default now(),
  sent_at timestamptz,
  created_at timestamptz not null default now()
);
create unique index deliveries_notice_dest_idx on deliveries (notice_id, channel, destination) where notice_id is not null;
create index deliveries_due_idx on deliveries (status, next_attempt_at);

create table job_runs (
  job text not null,
  period text not null,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  instance text,
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (job, period)
);
