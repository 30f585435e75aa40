-- Thresholds a leader sets per unit on the operational KPIs, and the alerts raised when one is crossed
-- (open until the KPI is back within the threshold).
CREATE TABLE IF NOT EXISTS analytics.threshold (
  unit_code text NOT NULL,
  kpi text NOT NULL,
  limit_value double precision NOT NULL,
  email text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  PRIMARY KEY (unit_code, kpi)
);

CREATE TABLE IF NOT EXISTS analytics.alert (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  unit_code text NOT NULL,
  kpi text NOT NULL,
  value double precision NOT NULL,
  limit_value double precision NOT NULL,
  message text NOT NULL,
  raised_at timestamptz NOT NULL,
  cleared_at timestamptz
);

CREATE UNIQUE INDEX IF NOT EXISTS alert_open ON analytics.alert (unit_code, kpi) WHERE cleared_at IS NULL;
