-- The business matching model (m, u, λ) learnt by the last full run, kept as the person model is: an
-- incremental run scores with it instead of learning again.
CREATE TABLE IF NOT EXISTS mdm.business_model (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  model jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
