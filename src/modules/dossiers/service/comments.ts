import crypto from 'node:crypto';
import { problems } from '../../../platform/errors.ts';
import * as store from '../store.ts';
import type { Caller, DossiersCore } from './core.ts';

export interface CommentView {
  id: string;
  at: string;
  author: { name: string; unit: string | null };
  body: string;
  mine: boolean;
}

/**
 * Internal comments between officials on a dossier: read and written by the officials who may read the
 * dossier (its units and field: the policy point's decision), never by its applicant — a citizen, even the
 * owner, is refused. Reading them reads the dossier: recorded like other reads. Writing is audited in the
 * same transaction.
 */
export function createComments(core: DossiersCore) {
  const { db, now, ports, loadVisible } = core;
  const officialOnly = (caller: Caller) => {
    const p = caller.principal;
    if (!p) throw problems.unauthenticated();
    if (p.kind !== 'official') throw problems.forbidden('Trao đổi nội bộ chỉ dành cho cán bộ xử lý hồ sơ.');
    return p;
  };
  return {
    async comments(code: string, caller: Caller): Promise<CommentView[]> {
      const p = officialOnly(caller);
      await loadVisible(db, code, caller, 'comments');
      const rows = await store.listComments(db, code);
      return rows.map((r) => ({ id: r.id, at: new Date(r.at).toISOString(), author: { name: r.author_name, unit: r.author_unit }, body: r.body, mine: r.author_id === p.id }));
    },

    async addComment(code: string, body: string, caller: Caller): Promise<CommentView> {
      const p = officialOnly(caller);
      const text = body.trim();
      if (!text) throw problems.unprocessable('comment-empty', 'Nội dung trao đổi không được để trống.');
      return db.transaction(async (tx) => {
        await loadVisible(tx, code, caller);
        const row = { id: crypto.randomUUID(), dossier_code: code, at: now(), author_id: p.id, author_name: p.displayName || p.subject, author_unit: p.unitCode ?? null, body: text };
        await store.insertComment(tx, row);
        await ports().audit.append(tx, {
          actor: { kind: p.kind, id: p.id, subject: p.subject },
          actingUnit: p.unitCode ?? null,
          action: 'dossiers.comment.add',
          target: `dossier:${code}`,
          ip: caller.ip ?? null,
          requestId: caller.requestId ?? null,
          before: null,
          after: { comment: row.id },
          meta: { length: text.length },
        });
        return { id: row.id, at: row.at.toISOString(), author: { name: row.author_name, unit: row.author_unit }, body: text, mine: true };
      });
    },
  };
}
