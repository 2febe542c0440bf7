-- Mini-program one-time subscribe messages: each acceptance (wx.requestSubscribeMessage) allows one send.
create table miniapp_subscriptions (
  account_id bigint not null references accounts(id) on delete cascade,
  template_id text not null,
  remaining int not null default 0 check (remaining >= 0),
  updated_at timestamptz not null default now(),
  primary key (account_id, template_id)
);
