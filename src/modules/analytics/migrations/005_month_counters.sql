-- Month counters of the service index (ADR 0085): the index counts of the projection's dossiers summed per unit
-- pair, field and Vietnam month of reception, kept in the same transaction as analytics.dossier_fact (the
-- subscriber subtracts a dossier's old contribution and adds its new one) and recomputed by the rebuild.
-- A period made of whole months that has ended (every published month, quarter, half and year) is answered
-- from a few rows per unit instead of every dossier; anything else is counted from the dossier rows.
--
-- What depends on the moment the period is looked at (its end B) is kept exact by two more key columns:
--   closed_month: the Vietnam month of (end of processing − 1 µs) — the dossier has ended by B exactly when
--                 closed_month < month of B ('infinity': not ended);
--   late_month:   the Vietnam month of the first of late_since / due_at — a dossier still open at B is on time
--                 exactly when late_month ≥ month of B ('infinity': neither).
CREATE TABLE IF NOT EXISTS analytics.index_month (
  province_code text NOT NULL,
  deciding_unit text NOT NULL,
  receiving_unit text NOT NULL,
  field_key text NOT NULL,
  field text NOT NULL,
  month date NOT NULL,
  closed_month date NOT NULL,
  late_month date NOT NULL,
  received integer NOT NULL,
  synced integer NOT NULL,
  online integer NOT NULL,
  fee_due integer NOT NULL,
  fee_paid_online integer NOT NULL,
  digitised integer NOT NULL,
  verified integer NOT NULL,
  -- ratings at or below 1..5 stars (the "dislike" threshold is a setting)
  rating_le_1 integer NOT NULL,
  rating_le_2 integer NOT NULL,
  rating_le_3 integer NOT NULL,
  rating_le_4 integer NOT NULL,
  rating_le_5 integer NOT NULL,
  -- ended, and on time at that end
  on_time_closed integer NOT NULL,
  -- at most one supplement request: on time while open, until late_month
  on_time_open integer NOT NULL,
  -- with a result (counted once ended by B), electronically, and the seconds from reception to result
  with_result integer NOT NULL,
  result_electronic integer NOT NULL,
  resolved_seconds numeric NOT NULL,
  PRIMARY KEY (province_code, month, deciding_unit, receiving_unit, field_key, field, closed_month, late_month)
);

-- The procedures seen per unit pair, field and month (distinct procedures are not a sum of counts).
CREATE TABLE IF NOT EXISTS analytics.index_month_procedure (
  province_code text NOT NULL,
  deciding_unit text NOT NULL,
  receiving_unit text NOT NULL,
  field_key text NOT NULL,
  field text NOT NULL,
  month date NOT NULL,
  procedure_code text NOT NULL,
  received integer NOT NULL,
  verified integer NOT NULL,
  online integer NOT NULL,
  PRIMARY KEY (province_code, month, deciding_unit, receiving_unit, field_key, field, procedure_code)
);

CREATE INDEX IF NOT EXISTS index_month_deciding ON analytics.index_month (deciding_unit, month);
CREATE INDEX IF NOT EXISTS index_month_receiving ON analytics.index_month (receiving_unit, month);
CREATE INDEX IF NOT EXISTS index_month_procedure_deciding ON analytics.index_month_procedure (deciding_unit, month);
CREATE INDEX IF NOT EXISTS index_month_procedure_receiving ON analytics.index_month_procedure (receiving_unit, month);
