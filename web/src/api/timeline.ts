/**
 * The dossier's timeline in plain words: the catalogue's wording for each action, the uploads of one
 * moment folded into one line ("Đính kèm 3 giấy tờ"), newest first. Pure: tested in web-format.test.ts.
 */
import { vi } from '../i18n/vi.ts';
import type { TimelineEntry, TimelineItem } from './types.ts';

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
    const title = e.action === 'attach' ? vi.timeline.attached(1) : (vi.actions[e.action] ?? (e.actionLabel && e.actionLabel !== e.action ? e.actionLabel : e.toStatusLabel));
    out.push({ action: e.action, count: 1, at: e.at, title, by: opts.showActor ? e.actor.name : null, note: e.note });
  }
  return out.reverse().map(({ at, title, by, note }) => ({ at, title, by, note }));
}
