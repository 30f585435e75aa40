import type { Channel, EffectiveFee, Fee, OfferingInput, Procedure } from '../types.ts';

/** Province codes are two digits (Quyết định 19/2025/QĐ-TTg); commune codes five. */
export const PROVINCE_CODE = /^\d{2}$/;
export const COMMUNE_CODE = /^\d{5}$/;

/** An offering input after the rules that need no database: deduplicated, sorted, fields per scope. */
export interface CleanOffering {
  scope: OfferingInput['scope'];
  commune_codes: string[];
  agency_code: string | null;
  fee_override_vnd: number | null;
  online: boolean | null;
  note: string | null;
}

/** Keeps only the fields that belong to the scope; the HTTP schema already refuses the wrong ones. */
export function cleanOfferingInput(input: OfferingInput): CleanOffering {
  const communes = input.scope === 'communes' ? [...new Set((input.commune_codes ?? []).map((c) => c.trim()))].sort() : [];
  return {
    scope: input.scope,
    commune_codes: communes,
    agency_code: input.scope === 'agency' ? (input.agency_code ?? '').trim() || null : null,
    fee_override_vnd: input.fee_override_vnd ?? null,
    online: input.online ?? null,
    note: input.note?.trim() ? input.note.trim() : null,
  };
}

/** The catalogue fee of a channel: the first row for that channel, else the first row at all. */
export function catalogueFee(procedure: Pick<Procedure, 'channel_options'>, channel: Channel = 'in_person'): Fee | null {
  const opts = procedure.channel_options;
  return (opts.find((o) => o.channel === channel) ?? opts[0])?.fee ?? null;
}

/** The fee a province charges: its override when set, else the catalogue's (never guessed). */
export function effectiveFee(fee: Fee | null, override: number | null): EffectiveFee {
  if (override !== null) {
    return { source: 'override', status: override === 0 ? 'free' : 'charged', amount_vnd: override, description: null };
  }
  if (!fee || fee.status === 'unknown') return { source: 'unknown', status: 'unknown', amount_vnd: null, description: fee?.description ?? null };
  return { source: 'catalogue', status: fee.status, amount_vnd: fee.amount_vnd, description: fee.description };
}
