-- Who receives each unit's monthly report by e-mail (set by the unit's leader or the province
-- administrator), and which month's report was sent to a unit (at most once per unit and month).
CREATE TABLE IF NOT EXISTS analytics.report_recipient (
  unit_code text NOT NULL,
  email text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (unit_code, email)
);

CREATE TABLE IF NOT EXISTS analytics.report_dispatch (
  unit_code text NOT NULL,
  period_key text NOT NULL,
  sent_at timestamptz NOT NULL,
  recipients integer NOT NULL,
  PRIMARY KEY (unit_code, period_key)
);
