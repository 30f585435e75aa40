import type { FieldStatus } from '../../types.ts';

/** What a normaliser could not read, by kind (e.g. 'unknown-level'); detail is for people. */
export interface ParseIssue {
  kind: string;
  detail?: string;
}

/** Every field normaliser returns its value, a status and the issues it met. */
export interface Parsed<T> {
  value: T;
  status: FieldStatus;
  issues: ParseIssue[];
}

export function parsed<T>(value: T, status: FieldStatus, issues: ParseIssue[] = []): Parsed<T> {
  return { value, status, issues };
}
