import crypto from 'node:crypto';
import { problems } from '../../../platform/errors.ts';
import { storedFilename, type FileStore } from '../../../platform/documents/index.ts';
import { recordInPlace } from '../domain/decide.ts';
import type { Dossier } from '../domain/model.ts';
import { LIVE_PAPERS, type PaperForm } from '../domain/papers.ts';
import { STATUS_INFO } from '../domain/states.ts';
import { renderPaper } from '../papers-map.ts';
import * as store from '../store.ts';
import { versionConflict, type Caller, type DossiersCore } from './core.ts';

/**
 * The dossier's papers: the issued forms (receipt, supplement request, refusal, apology, result, fee
 * receipt — rendered in ../papers/), attached documents (checked by content, hashed, kept in the file
 * store) and the signed result file.
 *
 * An issued form is a record. The transition that issues it stores the dossier as it stood
 * (dossiers.paper); the first download renders that snapshot — signing it when the paper says it is
 * signed — keeps the bytes in the file store and records their SHA-256 in the audit trail; every later
 * download serves those bytes. A later action never changes an issued paper; a re-issue is a new version.
 */
export function createPapers(core: DossiersCore) {
  const { ctx, db, now, ports, definition, trackingUrl, loadVisible, isOwner, actorOf, writeSideEffects } = core;

  const sha256 = (b: Uint8Array) => crypto.createHash('sha256').update(b).digest('hex');

  /** Renders a paper from the dossier as it stood (`d`), with the timeline up to that version. */
  async function render(form: PaperForm, d: Dossier, trackingSecret: string): Promise<Uint8Array> {
    const def = await definition(db, d.procedureCode, d.processVersion);
    const rows = await store.listTransitions(db, d.code);
    return renderPaper(form, d, def, rows, { units: ports().units, forms: ports().forms, dataDir: ctx.config.dataDir, trackingUrl: trackingUrl(d.code, trackingSecret) });
  }

  /**
   * A paper of the dossier as issued (the latest version, or `version`): the stored bytes, rendered and
   * stored on the first download. The process control sheet (form 05) is a live record, rendered each time.
   */
  async function paper(code: string, form: PaperForm, caller: Caller, files: FileStore, o: { version?: number } = {}): Promise<{ body: Uint8Array; version: number | null; sha256: string }> {
    const { dossier, trackingSecret } = await loadVisible(db, code, caller, `paper:${form}`);
    if (LIVE_PAPERS.includes(form)) {
      const body = await render(form, dossier, trackingSecret);
      return { body, version: null, sha256: sha256(body) };
    }
    let row = await store.getIssuedPaper(db, code, form, o.version);
    let rendered: Uint8Array | null = null;
    if (!row) {
      if (o.version !== undefined) throw problems.notFound(`bản ${o.version} của giấy tờ ${form}`, 'paper-version-not-found');
      // issued before papers were kept (an older installation): issue it now from what the dossier says
      rendered = await render(form, dossier, trackingSecret); // 409 paper-not-available when the dossier has no such paper
      await db.transaction((tx) => store.insertIssuedPaper(tx, { code, form, dossierVersion: dossier.version, issuedAt: now(), snapshot: dossier }));
      row = (await store.getIssuedPaper(db, code, form))!;
    }
    if (row.file_key && row.sha256) {
      const f = await files.get(row.file_key);
      if (!f) throw problems.unavailable(`Không đọc được bản lưu của giấy tờ đã ban hành (${form}, bản ${row.version}).`);
      const body = new Uint8Array(f.body);
      if (sha256(body) !== row.sha256) throw problems.unavailable(`Bản lưu của giấy tờ đã ban hành (${form}, bản ${row.version}) không khớp mã băm đã ghi.`);
      return { body, version: row.version, sha256: row.sha256 };
    }
    const body = rendered ?? (await render(form, store.reviveDossier(row.snapshot), trackingSecret));
    const saved = await files.put(body, { contentType: 'application/pdf', filename: `${code}-${form}-${row.version}.pdf` });
    const kept = await db.transaction(async (tx) => {
      if (!(await store.setIssuedPaperFile(tx, code, form, row.version, { key: saved.key, sha256: saved.sha256, size: saved.size, at: now() }))) return false;
      const actor = actorOf(caller);
      await ports().audit?.append(tx, {
        actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
        actingUnit: actor.unitCode ?? null,
        action: 'dossiers.paper.issue',
        target: `dossier:${code}`,
        ip: caller.ip ?? null,
        requestId: caller.requestId ?? null,
        after: { form, version: row.version, dossierVersion: row.dossier_version, sha256: saved.sha256, size: saved.size },
        meta: { form, version: row.version, sha256: saved.sha256 },
      });
      return true;
    });
    if (kept) return { body, version: row.version, sha256: saved.sha256 };
    // another request stored it first: serve that copy, drop ours
    await files.delete(saved.key).catch(() => false);
    return paper(code, form, caller, files, { version: row.version });
  }

  return {
    paper,

    /**
     * Attaches a document (type checked by content, size limited, SHA-256 recorded, stored in the file
     * store). `digitised` marks a paper scanned at the counter: the dossier counts as digitised.
     */
    async attach(
      code: string,
      file: { bytes: Uint8Array; filename?: string; name?: string; digitised: boolean; kind: 'document' | 'result' },
      caller: Caller,
      files: FileStore,
      check: (bytes: Uint8Array, o: { filename?: string }) => Promise<{ type: string; mime: string; size: number; sha256: string }>,
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
      if (file.name !== undefined && [...file.name].length > 300) throw problems.badRequest('form-field-too-long', 'Tên giấy tờ dài tối đa 300 ký tự.');
      const checked = await check(file.bytes, { filename: file.filename });
      // kept under the extension of what it is ("setup.exe" holding a PDF is "setup.pdf")
      const filename = storedFilename(file.filename, checked.type);
      const saved = await files.put(file.bytes, { contentType: checked.mime, filename });
      const actor = actorOf(caller);
      const at = now();
      const row: store.AttachmentRow = {
        id: crypto.randomUUID(),
        dossier_code: code,
        kind: file.kind,
        name: file.name ?? (file.filename ? filename : 'Tệp đính kèm'),
        filename,
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
          const record = recordInPlace(d, 'attach', row.name, { attachmentId: row.id, sha256: row.sha256, size: row.size, contentType: row.content_type, digitised: row.digitised, kind: row.kind });
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
      await loadVisible(db, code, caller, 'attachments');
      return (await store.listAttachments(db, code)).map(attachmentView);
    },

    async download(code: string, id: string, caller: Caller, files: FileStore) {
      await loadVisible(db, code, caller, `attachment:${id}`);
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

