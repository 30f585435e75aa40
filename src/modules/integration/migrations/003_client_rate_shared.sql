-- A client's rate per minute is counted in the database with its daily quota (ADR 0147): every instance of
-- the platform on one database counts the same requests. The current clock minute and the requests
-- accepted in it, on the client's row of the day (one statement per request counts and decides both).
ALTER TABLE integration.usage_day ADD COLUMN IF NOT EXISTS minute_start timestamptz;
ALTER TABLE integration.usage_day ADD COLUMN IF NOT EXISTS minute_requests integer NOT NULL DEFAULT 0;
