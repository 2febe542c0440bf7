-- The one lookup from a college to its province and region. Repositories read a college's
-- region (scoping, digests, reports, notices) through this view instead of joining
-- colleges to provinces each time.
create view college_regions as
  select c.id, c.name, c.aliases, c.province_code, p.name as province_name, p.seq as province_seq, p.region_code
    from colleges c join provinces p on p.code = c.province_code;
