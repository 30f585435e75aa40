/**
 * Does a grant for `fields` reach the `targetField` of a request?
 *
 * How it works: '*' reaches every field; a list reaches the fields it names, compared after Unicode NFC
 * normalisation and case folding ("Hộ tịch" typed in decomposed form still matches); no target field (a
 * check that is not about one field) → yes.
 */
export function grantCoversField(fields: readonly string[] | '*', targetField: string | undefined): boolean {
  if (targetField === undefined || fields === '*') return true;
  const t = normalizeField(targetField);
  return fields.some((f) => f === targetField || normalizeField(f) === t);
}

export function normalizeField(f: string): string {
  return f.normalize('NFC').trim().toLocaleLowerCase('vi');
}
