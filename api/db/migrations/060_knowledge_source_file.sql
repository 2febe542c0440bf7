-- Where a knowledge entry came from (seed file or uploaded document name), for citations.
alter table knowledge_entries add column source_file text;
