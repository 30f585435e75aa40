/**
 * Canonical JSON: the one byte string a value hashes to, whatever the order its keys were written in.
 *
 * How it works: object keys are sorted by code unit, `undefined` members are dropped (as JSON.stringify
 * does), Dates become ISO-8601 strings, and no whitespace is emitted. Arrays keep their order. Numbers use
 * JavaScript's shortest round-trip form (so 1.0 and 1 are the same value, as they are in jsonb).
 * Non-finite numbers and bigints are refused: they have no JSON form that every reader agrees on.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError('canonicalJson: số không hữu hạn không có dạng JSON');
      return JSON.stringify(value);
    case 'bigint':
      throw new TypeError('canonicalJson: bigint phải được chuyển thành chuỗi trước');
    case 'object': {
      if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined && typeof obj[k] !== 'function')
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
    }
    default:
      return 'null';
  }
}
