-- Files sent with an e-mail (e.g. a unit's monthly report as PDF), in the order given. Written with the
-- message in the caller's transaction; read by the sender loop. Not personal data (reports of units).
CREATE TABLE IF NOT EXISTS notifications.attachment (
  message_id uuid NOT NULL REFERENCES notifications.message (id) ON DELETE CASCADE,
  position integer NOT NULL,
  filename text NOT NULL,
  content_type text NOT NULL,
  content bytea NOT NULL,
  PRIMARY KEY (message_id, position)
);
