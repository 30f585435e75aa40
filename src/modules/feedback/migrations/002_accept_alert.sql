-- When the unit was alerted that a report had waited past its 2 working days without being accepted,
-- transferred or refused (once per unit: a transfer clears it).
ALTER TABLE feedback.report ADD COLUMN IF NOT EXISTS accept_alerted_at timestamptz;
