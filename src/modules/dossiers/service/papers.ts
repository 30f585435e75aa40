import crypto from 'node:crypto';
import { problems } from '../../../platform/errors.ts';
import type { FileStore } from '../../../platform/documents/index.ts';
import type { Dossier, TransitionRecord } from '../domain/model.ts';
import { STATUS_INFO } from '../domain/states.ts';
import * as store from '../store.ts';
import { versionConflict, type Caller, type DossiersCore } from './core.ts';

/**
 * The dossier's papers: attached documents (checked by content, hashed, kept in the file store) and the
 * signed result file. The printed forms (receipt, control sheet, result…) are rendered in ../papers/.
 */
export function createPapers(core: DossiersCore) {
  const { db, now, loadVisible, isOwner, actorOf, writeSideEffects } = core;

  return {
    /**
     * Attaches a document (type checked by content, size limited, SHA-256 recorded, stored in the file
     * store). `digitised` marks a paper scanned at the counter: the dossier counts as digitised.
     */
    async attach(
      code: string,
      file: { bytes: Uint8Array; filename?: string; name?: string; digitised: boolean; kind: 'document' | 'result' },
      caller: Caller,
      files: FileStore,
      check: (bytes: Uint8Array, o: { filename?: string }) => Promise<{ mime: string; size: number; sha256: string }>,
    ) {
      const { dossier: d0 } = await loadVisible(db, code, caller);
      const p = caller.principal!;
      const owner = isOwner(p, d0);
      const units = store.unitsOf(d0);
      const official = (perm: string, us = units) => p.kind === 'system' || (p.kind !== 'citizen' && us.some((u) => caller.can(perm, { unitCode: u, field: d0.field })));
      const allowed =
        file.kind === 'result'
          ? official('dossiers.issue', [d0.decidingUnit]) || official('dossiers.approve', [d0.decidingUnit])
          : (owner && !STATUS_INFO[d0.status].terminal) || official('dossiers.receive') || official('dossiers.process');
      if (!allowed) throw problems.forbidden('Bạn không được đính kèm tệp vào hồ sơ này.');
      if (STATUS_INFO[d0.status].terminal && file.kind === 'document') throw problems.conflict('dossier-closed', 'Hồ sơ đã kết thúc, không đính kèm thêm giấy tờ.');
      const checked = await check(file.bytes, { filename: file.filename });
      const saved = await files.put(file.bytes, { contentType: checked.mime, filename: file.filename });
      const actor = actorOf(caller);
      const at = now();
      const row: store.AttachmentRow = {
        id: crypto.randomUUID(),
        dossier_code: code,
        kind: file.kind,
        name: (file.name ?? file.filename ?? 'Tệp đính kèm').slice(0, 300),
        filename: file.filename ?? null,
        content_type: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
        file_key: saved.key,
        digitised: file.digitised,
        uploaded_by: actor.id,
        uploaded_at: at,
      };
      try {
        await db.transaction(async (tx) => {
          const stored = await store.loadDossier(tx, code);
          const d = stored!.dossier;
          await store.insertAttachment(tx, row);
          const next: Dossier = {
            ...d,
            version: d.version + 1,
            digitised: d.digitised || file.digitised,
            result: file.kind === 'result' ? { ...d.result, electronic: true } : d.result,
          };
          const record: TransitionRecord = {
            action: 'attach',
            fromStatus: d.status,
            toStatus: d.status,
            fromStep: d.step,
            toStep: d.step,
            fromUnit: d.currentUnit,
            toUnit: d.currentUnit,
            note: row.name,
            stepResult: null,
            data: { attachmentId: row.id, sha256: row.sha256, size: row.size, contentType: row.content_type, digitised: row.digitised, kind: row.kind },
          };
          if (!(await store.saveTransition(tx, next, d.version, record, actor, at))) throw versionConflict();
          await writeSideEffects(tx, next, record, [], actor, caller, { status: d.status, step: d.step, version: d.version });
        });
      } catch (err) {
        await files.delete(saved.key).catch(() => false);
        throw err;
      }
      return attachmentView(row);
    },

    async attachments(code: string, caller: Caller) {
      await loadVisible(db, code, caller);
      return (await store.listAttachments(db, code)).map(attachmentView);
    },

    async download(code: string, id: string, caller: Caller, files: FileStore) {
      await loadVisible(db, code, caller);
      const row = await store.getAttachment(db, code, id);
      if (!row) throw problems.notFound(`tệp ${id}`, 'attachment-not-found');
      const f = await files.get(row.file_key);
      if (!f) throw problems.notFound(`nội dung tệp ${id}`, 'attachment-not-found');
      return { row, body: f.body };
    },

  };
}

function attachmentView(r: store.AttachmentRow) {
  return {
    id: r.id,
    kind: r.kind,
    name: r.name,
    filename: r.filename,
    contentType: r.content_type,
    size: Number(r.size),
    sha256: r.sha256,
    digitised: r.digitised,
    uploadedAt: new Date(r.uploaded_at).toISOString(),
  };
}

