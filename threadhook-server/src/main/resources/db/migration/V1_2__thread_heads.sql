-- Claims that read only what is due, whatever the backlog (docs/webhooks.md, "Order"):
--
-- 1. Only the head of a thread's unsettled deliveries has a due time. A delivery queued behind an
--    unsettled one of its thread waits (status pending) with no next_attempt_at until the one
--    before it settles and hands it one. Settled deliveries have none either, so an index on
--    next_attempt_at holds exactly the heads, in the order the claim takes them, and a claim
--    stops after the rows it takes instead of sorting the whole backlog.
ALTER TABLE webhook_deliveries ALTER COLUMN next_attempt_at DROP NOT NULL;
UPDATE webhook_deliveries SET next_attempt_at = NULL WHERE status IN ('delivered', 'failed');
DROP INDEX webhook_deliveries_due;
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at, id);
-- Pruning finds delivered rows by when they were delivered.
CREATE INDEX webhook_deliveries_delivered ON webhook_deliveries (delivered_at);

-- 2. The thread of an unsettled delivery, NULL once it is delivered or failed: an index on it is
--    a thread's unsettled deliveries in order — what queueing, handing over and the claim's
--    guard read — without the thread's delivered history (a partial index both databases have).
ALTER TABLE webhook_deliveries ADD COLUMN unsettled_thread_id BIGINT;
UPDATE webhook_deliveries SET unsettled_thread_id = thread_id
  WHERE status IN ('pending', 'in_flight', 'retry_scheduled');
CREATE INDEX webhook_deliveries_unsettled_by_thread
  ON webhook_deliveries (unsettled_thread_id, sequence);
