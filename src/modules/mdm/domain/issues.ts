/**
 * What a standardiser says about a value it could not take as it was: every rejected or doubtful value
 * carries a machine code and a Vietnamese reason (shown to data stewards in the quality report).
 */
export type Severity = 'rejected' | 'doubtful' | 'fixed';

export interface Issue {
  field: string;
  code: string;
  severity: Severity;
  /** Vietnamese, for the data steward. */
  message: string;
}

/** The result of one standardiser: the clean value (null when rejected or empty) and what was noticed. */
export interface Std<T> {
  value: T | null;
  issues: Issue[];
}

export const issue = (field: string, code: string, severity: Severity, message: string): Issue => ({ field, code, severity, message });

export function ok<T>(value: T | null, issues: Issue[] = []): Std<T> {
  return { value, issues };
}

/** A value that is absent (null, undefined, blank, or a usual "nothing" marker such as "-", "N/A", "NULL"). */
export function isBlank(raw: unknown): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === 'string') {
    const trimmed = raw.trim();
    // the markers are at most 8 letters long: a longer value is not lowered to be compared (the hot path)
    if (trimmed.length > 8) return false;
    const t = trimmed.toLowerCase();
    return t === '' || t === '-' || t === '--' || t === 'n/a' || t === 'na' || t === 'null' || t === 'none' || t === 'không có' || t === 'khong co' || t === '.';
  }
  return false;
}

/** Raw input as text (numbers keep their digits; Dates are handled by the date standardiser). */
export function text(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  if (typeof raw === 'number' || typeof raw === 'bigint') return String(raw);
  if (raw instanceof Date) return raw.toISOString();
  return String(raw);
}
