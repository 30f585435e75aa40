-- Day counters of the service index (ADR 0125): the month counters' twin per Vietnam day of reception, so that a
-- range of days (30 days, a week, the running month) is summed from a few rows per unit instead of every dossier.
-- Kept in the same statement as the month counters (store.addToCounters) and recomputed by the rebuild.
--
--   closed_day: the Vietnam day of (end of processing − 1 µs) — ended by the midnight B exactly when
--               closed_day < day of B ('infinity': not ended);
--   late_day:   the Vietnam day of the first of late_since / due_at, kept only when it can decide the figure
--               (at most one supplement request and not ended before that day; else 'infinity'), so that a
--               day's dossiers share few rows.
-- A period looked at mid-day (the running period) reads the rows whose closed_day and late_day are not that
-- day, and counts the dossiers received that day or ending / falling due that day from the dossier rows.
CREATE TABLE IF NOT EXISTS analytics.index_day (
  province_code text NOT NULL,
  deciding_unit text NOT NULL,
  receiving_unit text NOT NULL,
  field_key text NOT NULL,
  field text NOT NULL,
  day date NOT NULL,
  closed_day date NOT NULL,
  late_day date NOT NULL,
  received integer NOT NULL,
  synced integer NOT NULL,
  online integer NOT NULL,
  fee_due integer NOT NULL,
  fee_paid_online integer NOT NULL,
  digitised integer NOT NULL,
  verified integer NOT NULL,
  rating_le_1 integer NOT NULL,
  rating_le_2 integer NOT NULL,
  rating_le_3 integer NOT NULL,
  rating_le_4 integer NOT NULL,
  rating_le_5 integer NOT NULL,
  on_time_closed integer NOT NULL,
  on_time_open integer NOT NULL,
  with_result integer NOT NULL,
  result_electronic integer NOT NULL,
  resolved_seconds numeric NOT NULL,
  PRIMARY KEY (province_code, day, deciding_unit, receiving_unit, field_key, field, closed_day, late_day)
);

CREATE TABLE IF NOT EXISTS analytics.index_day_procedure (
  province_code text NOT NULL,
  deciding_unit text NOT NULL,
  receiving_unit text NOT NULL,
  field_key text NOT NULL,
  field text NOT NULL,
  day date NOT NULL,
  procedure_code text NOT NULL,
  received integer NOT NULL,
  verified integer NOT NULL,
  online integer NOT NULL,
  PRIMARY KEY (province_code, day, deciding_unit, receiving_unit, field_key, field, procedure_code)
);

CREATE INDEX IF NOT EXISTS index_day_deciding ON analytics.index_day (deciding_unit, day);
CREATE INDEX IF NOT EXISTS index_day_receiving ON analytics.index_day (receiving_unit, day);
CREATE INDEX IF NOT EXISTS index_day_procedure_deciding ON analytics.index_day_procedure (deciding_unit, day);
CREATE INDEX IF NOT EXISTS index_day_procedure_receiving ON analytics.index_day_procedure (receiving_unit, day);

-- The dossiers a mid-day look cannot take from the day rows: those ending, or late / due, on that day.
CREATE INDEX IF NOT EXISTS dossier_fact_closed_day ON analytics.dossier_fact
  (province_code, (date_trunc('day', ((coalesce(finished_at, returned_at, ended_at)) AT TIME ZONE 'UTC' + interval '7 hours') - interval '1 microsecond')::date));
CREATE INDEX IF NOT EXISTS dossier_fact_late_day ON analytics.dossier_fact
  (province_code, (date_trunc('day', ((least(late_since, due_at)) AT TIME ZONE 'UTC' + interval '7 hours'))::date));

-- A projection made before this migration gets its day rows summed once from the dossier rows when the server
-- starts (store.fillMissingDayCounters; the definitions are store.ts's) or by `lienthong analytics rebuild`.
