-- Faster retries (ADR 0074, docs/events.md): every held aggregate has exactly one head, 'retry' or 'dead'
-- (never 'waiting'), so that the retries due are one index range instead of a scan of every parked event.
CREATE INDEX IF NOT EXISTS event_parked_due ON platform.event_parked (subscriber, status, next_attempt_at);

-- heads left 'waiting' by the earlier relay become due now
UPDATE platform.event_parked p SET status = 'retry', next_attempt_at = now(), updated_at = now()
 WHERE p.status = 'waiting'
   AND p.seq = (SELECT min(q.seq) FROM platform.event_parked q WHERE q.subscriber = p.subscriber AND q.aggregate_key = p.aggregate_key);
