/**
 * The dossier's timeline in plain words: the catalogue's wording for each action, the uploads of one
 * moment folded into one line ("Đính kèm 3 giấy tờ"), newest first. Pure: tested in web-format.test.ts.
 */
import { vi } from '../i18n/vi.ts';
import type { TimelineEntry, TrackView } from './types.ts';

/** One line of a timeline as the pages show it. */
export interface TimelineItem {
  at: string;
  title: string;
  by?: string | null;
  note?: string | null;
}

export function timelineItems(entries: readonly TimelineEntry[], opts: { showActor?: boolean } = {}): TimelineItem[] {
  const out: (TimelineItem & { action: string; count: number })[] = [];
  for (const e of entries) {
    const prev = out[out.length - 1];
    if (e.action === 'attach' && prev?.action === 'attach' && prev.by === (opts.showActor ? e.actor.name : null)) {
      prev.count++;
      prev.title = vi.timeline.attached(prev.count);
      prev.note = null;
      prev.at = e.at;
      continue;
    }
    const words = opts.showActor ? vi.actions : vi.timeline.citizen;
    const title = e.action === 'attach' ? vi.timeline.attached(1) : (words[e.action] ?? (e.actionLabel && e.actionLabel !== e.action ? e.actionLabel : e.toStatusLabel));
    out.push({ action: e.action, count: 1, at: e.at, title, by: opts.showActor ? e.actor.name : null, note: e.note });
  }
  return out.reverse().map(({ at, title, by, note }) => ({ at, title, by, note }));
}

/** The public tracking page's history ({ at, label, status }) in the same plain words, newest first. */
export function historyItems(history: NonNullable<TrackView['details']>['history']): TimelineItem[] {
  const out: (TimelineItem & { key: string; count: number })[] = [];
  for (const h of history) {
    const prev = out[out.length - 1];
    const attach = h.label === 'attach' || h.label === vi.actions.attach;
    if (prev && prev.key === h.label) {
      prev.count++;
      prev.at = h.at;
      if (attach) prev.title = vi.timeline.attached(prev.count);
      continue;
    }
    out.push({ key: h.label, count: 1, at: h.at, title: attach ? vi.timeline.attached(1) : (vi.actions[h.label] ?? h.label) });
  }
  return out.reverse().map(({ at, title }) => ({ at, title }));
}
