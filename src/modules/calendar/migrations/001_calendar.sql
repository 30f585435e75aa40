-- The working-day calendar: days that differ from the Monday–Friday rule, where each year's days come from,
-- and the province's settings (working sessions, forwarding cut-off, unconfirmed days).
CREATE SCHEMA IF NOT EXISTS calendar;

CREATE TABLE IF NOT EXISTS calendar.day_override (
  date date PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('holiday', 'swap_off', 'makeup_workday')),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  legal_basis text,
  confidence text NOT NULL CHECK (confidence IN ('confirmed', 'likely', 'unconfirmed', 'derived')),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

-- One row per year whose schedule is stored: in such a year day_override is the whole truth.
-- origin: announced (a yearly notice), derived (Labour Code baseline), admin (edited through the API).
CREATE TABLE IF NOT EXISTS calendar.year_schedule (
  year int PRIMARY KEY CHECK (year BETWEEN 1900 AND 2199),
  origin text NOT NULL CHECK (origin IN ('announced', 'derived', 'admin')),
  source text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS calendar.setting (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
