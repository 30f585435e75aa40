import type { Db } from '../../../platform/db.ts';
import type { Subscriber } from '../../../platform/outbox.ts';
import type { Dossier, NotificationTemplate } from '../domain/model.ts';
import { RETURN_METHOD_LABELS } from '../domain/states.ts';
import type { NotificationsPort } from '../ports.ts';
import * as store from '../store.ts';

/** The durable subscriber that tells applicants about their dossiers (docs/events.md). */
export const APPLICANT_NOTICES = 'dossiers.applicant-notices';

/**
 * The template data of the notices about a dossier (keys of src/modules/notifications/domain/templates.ts).
 * `dueAt` is the appointment the event carried (the dossier may have moved on since).
 */
export function noticeData(d: Dossier, publicUrl: string, dueAt: string | null): Record<string, unknown> {
  return {
    dossierCode: d.code,
    procedureName: d.procedureName,
    appointmentAt: dueAt,
    items: d.supplement?.items ?? [],
    reason: d.apology?.reason ?? d.supplement?.reason ?? null,
    newAppointmentAt: d.apology?.newDueAt.toISOString() ?? null,
    returnPlace: RETURN_METHOD_LABELS[d.returnMethod],
    amount: d.fee.paidAmount ?? d.fee.amount,
    paidAt: d.fee.paidAt?.toISOString() ?? null,
    feeName: `Phí, lệ phí: ${d.procedureName}`,
    trackingUrl: `${publicUrl}/tra-cuu/${encodeURIComponent(d.code)}`,
  };
}

/** The messages a dossier event asks for: each template by e-mail and by SMS, where the applicant gave one. */
export function noticesFor(d: Pick<Dossier, 'applicant'>, notify: readonly NotificationTemplate[]): { template: NotificationTemplate; channel: 'email' | 'sms'; to: string }[] {
  const out: { template: NotificationTemplate; channel: 'email' | 'sms'; to: string }[] = [];
  for (const template of notify) {
    if (d.applicant.email) out.push({ template, channel: 'email', to: d.applicant.email });
    if (d.applicant.phone) out.push({ template, channel: 'sms', to: d.applicant.phone });
  }
  return out;
}

/**
 * Applicant notices as a subscriber of the dossier events (not inside the dossier transaction): the event
 * names the templates (`notify`) and carries no personal data; the contact details are read from the
 * dossier here. Idempotent: each message is keyed by the event id, template and channel.
 */
export function applicantNoticesSubscriber(db: Db, notifications: () => NotificationsPort, publicUrl: string): Subscriber {
  return {
    name: APPLICANT_NOTICES,
    types: ['dossiers.dossier.*'],
    // a database from before this subscriber was sent its notices inside the dossier transactions
    startAt: 'end',
    concurrency: 4,
    handle: async (event) => {
      const notify = (Array.isArray(event.payload.notify) ? event.payload.notify : []) as NotificationTemplate[];
      if (!notify.length) return;
      const stored = await store.loadDossier(db, event.aggregateId);
      if (!stored) return;
      const d = stored.dossier;
      const data = noticeData(d, publicUrl, typeof event.payload.dueAt === 'string' ? event.payload.dueAt : null);
      const n = notifications();
      await db.transaction(async (tx) => {
        for (const m of noticesFor(d, notify))
          await n.enqueue(tx, { channel: m.channel, to: m.to, template: m.template, data, dossierCode: d.code, unitCode: d.receivingUnit, owner: d.applicantSubject, key: `${event.eventId}:${m.template}:${m.channel}` });
      });
    },
  };
}

/**
 * The fields of a dossier event that leave the platform (CloudEvents data for webhooks and NATS): the
 * dossier code, statuses (ours and the national code), procedure, units, step, moments — an allow-list, so
 * a field added to the payload later (applicant details, notices, index facts) stays inside. Consumers
 * read more through the API with their own scopes.
 */
export const PUBLIC_DOSSIER_EVENT_FIELDS = ['code', 'action', 'version', 'fromStatus', 'toStatus', 'nationalStatus', 'kenhThucHien', 'procedureCode', 'provinceCode', 'step', 'fromUnit', 'unit', 'dueAt', 'stepResult'] as const;

export function publicDossierEvent(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of PUBLIC_DOSSIER_EVENT_FIELDS) if (k in payload) out[k] = payload[k];
  return out;
}
