-- The attempt log's identity, like the messages' and deliveries' (V1_1): at H2's default cache
-- of 32 each 32nd attempt recorded wrote the sequence's high-water mark with a commit and a file
-- write of its own, which was 32 of the 56 profile samples of recording attempts while draining
-- a backlog (docs/benchmarks.md). PostgreSQL keeps a cache of 1.
ALTER TABLE webhook_attempts ALTER COLUMN id SET CACHE ${identityCache};
