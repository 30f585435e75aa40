-- Queue numbers taken at a service center's kiosk and called at its counters.
CREATE TABLE IF NOT EXISTS assistant.queue_counter (
  unit text NOT NULL,
  day date NOT NULL,
  last integer NOT NULL,
  PRIMARY KEY (unit, day)
);

CREATE TABLE IF NOT EXISTS assistant.queue_ticket (
  unit text NOT NULL,
  day date NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  counter smallint NOT NULL CHECK (counter BETWEEN 0 AND 9),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'called')),
  issued_at timestamptz NOT NULL DEFAULT now(),
  called_at timestamptz,
  called_by text,
  PRIMARY KEY (unit, day, number)
);
CREATE INDEX IF NOT EXISTS queue_ticket_waiting ON assistant.queue_ticket (unit, day, number) WHERE status = 'waiting';
