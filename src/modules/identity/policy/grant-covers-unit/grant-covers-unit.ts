/**
 * Does a grant held in `grantUnit` reach the `targetUnit` of a request?
 *
 * How it works, from the cheapest test to the dearest:
 *  - no target unit (a route-level check) → yes: the grant exists somewhere;
 *  - '*' → every unit (no official holds it today; kept for system principals);
 *  - the same code → yes;
 *  - a sub-unit written with the grant's code as prefix ('25' → '25.STP', '25.STP' → '25.STP.PHC') → yes;
 *  - a province code (two digits) reaches every unit whose province is that code: its communes (five-digit
 *    statistical codes, whose province `provinceOf` knows) and its agencies;
 *  - anything else → no. A commune's grant never reaches another commune, and a department's grant never
 *    reaches a commune: each one-stop desk acts for its own unit.
 */
export function grantCoversUnit(grantUnit: string, targetUnit: string | undefined, provinceOf: (unitCode: string) => string | undefined): boolean {
  if (targetUnit === undefined || grantUnit === '*' || grantUnit === targetUnit) return true;
  if (targetUnit.startsWith(grantUnit + '.')) return true;
  if (/^\d{2}$/.test(grantUnit)) return provinceOf(targetUnit) === grantUnit;
  return false;
}

/**
 * The province of a unit code when it can be read from the code itself: a province ('25'), an agency
 * ('25.STP', '25.STP.PHC'). Commune codes (5 digits) say nothing about their province: undefined.
 */
export function provinceFromCode(unitCode: string): string | undefined {
  const m = /^(\d{2})(?:\.|$)/.exec(unitCode);
  return m ? m[1] : undefined;
}
