/**
 * Text that no field may hold, whatever its schema: the NUL character (PostgreSQL text cannot store it) and
 * lone UTF-16 surrogates (not Unicode text: they cannot be encoded as UTF-8 and break every store and
 * renderer downstream). The HTTP layer rejects them in every request part before validation, so that no
 * route can forget to.
 */
const INVALID = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isInvalidText(s: string): boolean {
  return INVALID.test(s);
}

/**
 * The places in a parsed request part (params, query, JSON body) where a string — a value or an object key —
 * holds invalid text, as `<part>.<path>` ("body.applicant.name", "query.q"). Stops after `max` findings.
 */
export function findInvalidText(value: unknown, part: string, max = 20): string[] {
  const found: string[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (found.length >= max) return;
    if (typeof v === 'string') {
      if (isInvalidText(v)) found.push(path);
      return;
    }
    if (!v || typeof v !== 'object' || depth > 64 || Buffer.isBuffer(v)) return;
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, `${path}.${i}`, depth + 1));
      return;
    }
    for (const [k, item] of Object.entries(v)) {
      if (isInvalidText(k)) {
        found.push(`${path}.${printableKey(k)}`);
        continue;
      }
      walk(item, `${path}.${k}`, depth + 1);
    }
  };
  walk(value, part, 0);
  return found;
}

/** A key as it can be shown back in a problem: invalid characters replaced by U+FFFD. */
function printableKey(k: string): string {
  return k.replace(new RegExp(INVALID.source, 'g'), '\ufffd');
}
