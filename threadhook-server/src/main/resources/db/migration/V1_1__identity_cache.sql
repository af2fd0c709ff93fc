-- H2 writes a sequence's high-water mark, with a commit and a file write of its own, every
-- CACHE values it hands out; at its default of 32 the messages' and deliveries' identities
-- cost one extra write per 32 messages, a tenth of the server's time under load. On
-- PostgreSQL the cache stays at 1: there it is per connection, and would hand out ids out of
-- commit order. The value comes from Database.open, by dialect.
ALTER TABLE messages ALTER COLUMN id SET CACHE ${identityCache};
ALTER TABLE webhook_deliveries ALTER COLUMN id SET CACHE ${identityCache};
