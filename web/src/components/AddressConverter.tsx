/**
 * Converting an old address (before 1 July 2025) to the new commune and province, with every outcome of
 * the conversion explained in plain words (docs/adr/0012): one new commune, a commune split between several,
 * a name that fits several old communes, an address that is already new, or nothing recognised. Used by
 * the public page /doi-dia-chi and at the counter (the official converts the applicant's old address).
 */
import { useId, useState } from 'react';
import { vi } from '../i18n/vi.ts';
import type { ConversionResult } from '../api/types.ts';
import { api, ApiError, ok } from '../lib/api.ts';
import { Textarea } from './forms.tsx';

type Candidate = ConversionResult['candidates'][number];

function placeOf(c: { commune: { name: string }; province: { name: string } }): string {
  return `${c.commune.name}, ${c.province.name}`;
}

/** What the outcome means, in plain words (the heading and the first sentence of the answer). */
export function outcomeText(r: ConversionResult): { heading: string; lead: string } {
  const t = vi.convert.outcomes;
  switch (r.status) {
    case 'current':
      return { heading: t.current.heading, lead: t.current.lead(placeOf(r)) };
    case 'partial':
      return { heading: t.partial.heading, lead: t.partial.lead(r.old?.commune?.name ?? '', placeOf(r)) };
    case 'ambiguous':
      return { heading: t.ambiguous.heading, lead: t.ambiguous.lead };
    default:
      return { heading: t.converted.heading, lead: t.converted.lead(placeOf(r)) };
  }
}

/** The conversion's answer: the new address, the old units it came from, the other possibilities. */
export function ConversionAnswer({ result: r, headingLevel = 2, onChoose, chosen }: { result: ConversionResult; headingLevel?: 2 | 3; onChoose?: (c: Candidate) => void; chosen?: string }) {
  const H = headingLevel === 2 ? 'h2' : 'h3';
  const { heading, lead } = outcomeText(r);
  const others = r.candidates.filter((c) => r.status === 'ambiguous' || c.commune.code !== r.commune.code);
  const old = r.old ? [r.old.commune?.name, r.old.district?.name, r.old.province?.name].filter(Boolean).join(', ') : '';
  return (
    <div className={`notice${r.status === 'ambiguous' ? ' warn' : ''}`} data-status={r.status}>
      <H style={{ marginTop: 0 }}>{heading}</H>
      <p>{lead}</p>
      {r.status !== 'ambiguous' && (
        <p>
          {vi.convert.newAddress} <strong data-testid="new-address">{r.normalized_address}</strong>
        </p>
      )}
      {old && (
        <p className="small">
          {vi.convert.oldUnits}: {old}
        </p>
      )}
      {others.length > 0 && (
        <>
          <p>{r.status === 'ambiguous' ? vi.convert.possibilities : vi.convert.alsoPossible}</p>
          <ul>
            {others.map((c) => (
              <li key={c.commune.code}>
                {placeOf(c)}
                {onChoose && (
                  <>
                    {' '}
                    <button type="button" className="button secondary small" aria-pressed={chosen === c.commune.code} onClick={() => onChoose(c)}>
                      {vi.convert.choose}
                    </button>
                  </>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {r.status !== 'current' && r.confidence < 0.8 && <p className="small">{vi.convert.lowConfidence}</p>}
      {r.resolution && <p className="small muted">{vi.convert.resolution(r.resolution)}</p>}
      {r.notes.length > 0 && (
        <ul className="small muted">
          {r.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** The address box, the button and the answer; `onResult` lets the counter use the new address. */
export function AddressConverter({ id = 'old-address', initial = '', headingLevel = 2, onResult, label = vi.convert.label }: { id?: string; initial?: string; headingLevel?: 2 | 3; onResult?: (r: ConversionResult | null) => void; label?: string }) {
  const [address, setAddress] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ConversionResult | null>(null);
  const [error, setError] = useState<string | undefined>();
  const live = useId();
  const run = async () => {
    const text = address.trim();
    if (!text) {
      setError(vi.convert.empty);
      return;
    }
    setBusy(true);
    setError(undefined);
    try {
      const r = await ok(api.POST('/api/v1/units/convert', { body: { address: text } }));
      setResult(r);
      onResult?.(r);
    } catch (err) {
      setResult(null);
      onResult?.(null);
      setError(err instanceof ApiError && err.status === 422 ? (err.detail ?? vi.convert.unknown) : err instanceof ApiError && err.status === 0 ? vi.app.offline : vi.convert.unknown);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="address-converter">
      <Textarea
        id={id}
        label={label}
        hint={vi.convert.hint}
        rows={2}
        autoComplete="street-address"
        value={address}
        error={error}
        onChange={(e) => {
          setAddress(e.target.value);
          if (result) {
            setResult(null);
            onResult?.(null);
          }
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey) {
            e.preventDefault();
            void run();
          }
        }}
      />
      <button type="button" className="button secondary" onClick={run} disabled={busy}>
        {busy ? vi.convert.converting : vi.convert.button}
      </button>
      <div aria-live="polite" id={live}>
        {result && <ConversionAnswer result={result} headingLevel={headingLevel} />}
      </div>
    </div>
  );
}
