import type { StoredEvent } from '../../../platform/outbox.ts';

/** A CloudEvents 1.0 event in structured JSON form (https://github.com/cloudevents/spec, v1.0.2). */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  subject: string;
  time: string;
  datacontenttype: 'application/json';
  /** Extension: the outbox sequence number (ordering and replay across consumers). */
  lienthongseq: string;
  data: Record<string, unknown>;
}

/** The reverse-DNS prefix of the platform's CloudEvents types. */
export const CLOUDEVENT_TYPE_PREFIX = 'vn.lienthong.';

/** The province an event belongs to: its payload's `provinceCode`, else the deployment's, else "00". */
export function provinceOf(event: Pick<StoredEvent, 'payload'>, fallback: string | undefined): string {
  const p = event.payload.provinceCode;
  return typeof p === 'string' && /^\d{2}$/.test(p) ? p : (fallback ?? '00');
}

/**
 * A stored event as it leaves the platform: ids, type, time and the declared public data (never the raw
 * payload). `source` names the province and the module: "/lienthong/25/dossiers".
 */
export function toCloudEvent(event: StoredEvent, data: Record<string, unknown>, province: string): CloudEvent {
  const module = event.type.split('.')[0] ?? 'platform';
  return {
    specversion: '1.0',
    id: event.eventId,
    source: `/lienthong/${province}/${module}`,
    type: CLOUDEVENT_TYPE_PREFIX + event.type,
    subject: `${event.aggregateType}/${event.aggregateId}`,
    time: new Date(event.occurredAt).toISOString(),
    datacontenttype: 'application/json',
    lienthongseq: String(event.seq),
    data,
  };
}

/** NATS subject of an event: `lienthong.<province>.<module>.<aggregate>.<verb>` (tokens made subject-safe). */
export function natsSubject(province: string, type: string): string {
  const tokens = type.split('.').map((t) => t.replace(/[^A-Za-z0-9_-]/g, '_') || '_');
  return ['lienthong', province, ...tokens].join('.');
}

/** The JetStream stream of a province: `LIENTHONG_<province>`, subjects `lienthong.<province>.>`. */
export function natsStream(province: string): { name: string; subjects: string[] } {
  return { name: `LIENTHONG_${province}`, subjects: [`lienthong.${province}.>`] };
}

/**
 * Whether a requested type pattern is covered by the declared public patterns: "dossiers.dossier.*" and
 * "dossiers.dossier.received" are covered by "dossiers.dossier.*"; "dossiers.*" is not (it would include
 * types that never leave the platform).
 */
export function coveredBy(requested: string, declared: readonly string[]): boolean {
  return declared.some((d) => {
    if (!d.endsWith('*')) return d === requested;
    const base = d.slice(0, -1);
    return requested.endsWith('*') ? requested.slice(0, -1).startsWith(base) : requested.startsWith(base);
  });
}
