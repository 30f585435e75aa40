-- A call in which the caller reported a problem: the feedback report the operator filed from it (module feedback's code).
ALTER TABLE assistant.call_log ADD COLUMN IF NOT EXISTS feedback_code text;
-- A report of a problem the person is putting together with the assistant (text, place, contact): kept
-- only until it is sent, cancelled or abandoned, and purged with the session.
ALTER TABLE assistant.session ADD COLUMN IF NOT EXISTS report jsonb;
