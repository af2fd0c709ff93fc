-- Two indexes of webhook_deliveries that every delivery paid for and few statements read. Each
-- delivery changes its row three times (queued, claimed, settled); every index holding a changed
-- column is written each time, and on H2 every written index page is written again at commit.
--
-- lease_owner: only the hand-back of a node's claims at shutdown read it. In-flight rows always
-- have a due time (the end of their lease), so that statement now reads the due index, which
-- holds the threads' heads only.
DROP INDEX webhook_deliveries_by_lease_owner;
-- delivered_at: only pruning read it. Pruning now walks the primary key from the oldest
-- delivery: deliveries are delivered in about the order they were queued, so the oldest
-- delivered ones come first (it steps over the failed ones, which are kept).
DROP INDEX webhook_deliveries_delivered;
