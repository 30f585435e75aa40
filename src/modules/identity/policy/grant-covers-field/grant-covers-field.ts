import { fieldKey } from '../../../../platform/access.ts';

/**
 * Does a grant for `fields` reach the `targetField` of a request?
 *
 * How it works: '*' reaches every field; a list reaches the fields it names, compared by `fieldKey`
 * (Unicode NFC, trimmed, Vietnamese lower case: "Hộ tịch" typed in decomposed form still matches); no
 * target field (a check that is not about one field) → yes. The SQL filter (grants-sql-filter) compares
 * the same keys, stored beside the row.
 */
export function grantCoversField(fields: readonly string[] | '*', targetField: string | undefined): boolean {
  if (targetField === undefined || fields === '*') return true;
  const t = fieldKey(targetField);
  return fields.some((f) => f === targetField || fieldKey(f) === t);
}
