import { useApi } from '../lib/api.ts';

/** A unit's name from the units module (a commune, a department...), or its code while unknown. */
export function useUnitName(code: string | null | undefined): string {
  const { data } = useApi('/api/v1/units/{code}', code ? { path: { code } } : null, { staleMs: 3_600_000 });
  return data?.name ?? code ?? '';
}

export function UnitName({ code }: { code: string | null | undefined }) {
  return <>{useUnitName(code)}</>;
}
