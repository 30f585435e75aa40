import crypto from 'node:crypto';
import { problems } from '../../../platform/errors.ts';
import { storedFilename, type FileStore } from '../../../platform/documents/index.ts';
import { MAX_DRAFT_BYTES, MAX_LIVE_UPLOADS, draftExpiry, ownerKey, uploadExpiry } from '../domain/staging.ts';
import * as store from '../store.ts';
import type { Caller, DossiersCore } from './core.ts';

/**
 * Staged uploads and drafts (ADR 0061). A file is uploaded and checked before the dossier exists (owned by
 * the uploader's account, expiring unused); the submission (commands.ts) takes the uploads it names and
 * writes their attachments in its one transaction. A draft is what a signed-in applicant has typed so far,
 * one per procedure, kept on the server so that it resumes on any device; it expires when left alone and is
 * deleted by the submission that uses it.
 */

export interface StagedUploadView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256: string;
  expiresAt: string;
}

export interface DraftView {
  procedureCode: string;
  state: Record<string, unknown>;
  /** The draft's uploads that are still usable (an expired one is dropped: the form asks for it again). */
  uploads: { slot: string; upload: StagedUploadView }[];
  updatedAt: string;
  expiresAt: string;
}

export function stagedView(r: store.StagedUploadRow): StagedUploadView {
  return { id: r.id, filename: r.filename, contentType: r.content_type, size: Number(r.size), sha256: r.sha256, expiresAt: new Date(r.expires_at).toISOString() };
}

export function createStaging(core: DossiersCore) {
  const { db, now } = core;

  const ownerOf = (caller: Caller) => {
    const p = caller.principal;
    if (!p) throw problems.unauthenticated();
    return ownerKey(p);
  };

  async function draftView(row: store.DraftRow, at: Date): Promise<DraftView> {
    const ids = row.uploads.map((u) => u.uploadId);
    const live = new Map((ids.length ? await store.liveStagedUploads(db, row.owner, at, ids) : []).map((u) => [u.id, u]));
    return {
      procedureCode: row.procedure_code,
      state: row.state,
      uploads: row.uploads.flatMap((u) => (live.has(u.uploadId) ? [{ slot: u.slot, upload: stagedView(live.get(u.uploadId)!) }] : [])),
      updatedAt: new Date(row.updated_at).toISOString(),
      expiresAt: new Date(row.expires_at).toISOString(),
    };
  }

  return {
    /** Checks a file (type by content, size) and keeps it for the uploader's coming submission. */
    async stageUpload(
      file: { bytes: Uint8Array; filename?: string },
      caller: Caller,
      files: FileStore,
      check: (bytes: Uint8Array, o: { filename?: string }) => Promise<{ type: string; mime: string; size: number; sha256: string }>,
    ): Promise<StagedUploadView> {
      const owner = ownerOf(caller);
      const at = now();
      if ((await store.countLiveStagedUploads(db, owner, at)) >= MAX_LIVE_UPLOADS)
        throw problems.unprocessable('too-many-uploads', `Bạn đang có ${MAX_LIVE_UPLOADS} tệp tải lên chưa nộp; hãy nộp hồ sơ hoặc xoá bớt tệp rồi tải lên tiếp.`);
      const checked = await check(file.bytes, { filename: file.filename });
      const filename = storedFilename(file.filename, checked.type);
      const saved = await files.put(file.bytes, { contentType: checked.mime, filename });
      const row: store.StagedUploadRow = {
        id: crypto.randomUUID(),
        owner,
        filename,
        content_type: checked.mime,
        size: checked.size,
        sha256: checked.sha256,
        file_key: saved.key,
        created_at: at,
        expires_at: uploadExpiry(at),
        dossier_code: null,
      };
      try {
        await db.transaction((tx) => store.insertStagedUpload(tx, row));
      } catch (err) {
        await files.delete(saved.key).catch(() => false);
        throw err;
      }
      return stagedView(row);
    },

    /** Removes one of the caller's staged uploads that no dossier took (a file replaced before submitting). */
    async deleteStagedUpload(id: string, caller: Caller, files: FileStore): Promise<void> {
      const owner = ownerOf(caller);
      const row = await db.transaction((tx) => store.deleteStagedUpload(tx, owner, id));
      if (!row) throw problems.notFound(`tệp tải lên ${id}`, 'upload-not-found');
      await files.delete(row.file_key).catch(() => false);
    },

    async listDrafts(caller: Caller): Promise<{ procedureCode: string; updatedAt: string; expiresAt: string }[]> {
      const rows = await store.listDrafts(db, ownerOf(caller), now());
      return rows.map((r) => ({ procedureCode: r.procedure_code, updatedAt: new Date(r.updated_at).toISOString(), expiresAt: new Date(r.expires_at).toISOString() }));
    },

    async getDraft(procedureCode: string, caller: Caller): Promise<DraftView> {
      const at = now();
      const row = await store.getDraft(db, ownerOf(caller), procedureCode, at);
      if (!row) throw problems.notFound(`bản nháp của thủ tục ${procedureCode}`, 'draft-not-found');
      return draftView(row, at);
    },

    /**
     * Saves the caller's draft for a procedure (replacing the previous one) and starts its expiry period
     * again; the staged uploads it names are kept as long as the draft.
     */
    async saveDraft(procedureCode: string, body: { state: Record<string, unknown>; uploads: { slot: string; uploadId: string }[] }, caller: Caller): Promise<DraftView> {
      const owner = ownerOf(caller);
      if (Buffer.byteLength(JSON.stringify(body.state)) > MAX_DRAFT_BYTES)
        throw problems.unprocessable('draft-too-large', `Bản nháp quá lớn (tối đa ${MAX_DRAFT_BYTES / 1024} KB).`);
      const proc = await core.ports().catalog.getProcedure(procedureCode);
      if (!proc) throw problems.unprocessable('procedure-unknown', `Không có thủ tục ${procedureCode} trong danh mục.`);
      const at = now();
      const expires = draftExpiry(at);
      const row: store.DraftRow = { owner, procedure_code: procedureCode, state: body.state, uploads: body.uploads, updated_at: at, expires_at: expires };
      await db.transaction(async (tx) => {
        await store.saveDraft(tx, row);
        const ids = body.uploads.map((u) => u.uploadId);
        if (ids.length)
          await tx.query('UPDATE dossiers.staged_upload SET expires_at = $4 WHERE owner = $1 AND id = ANY($2::uuid[]) AND dossier_code IS NULL AND expires_at > $3 AND expires_at < $4', [owner, ids, at, expires]);
      });
      return draftView(row, at);
    },

    async deleteDraft(procedureCode: string, caller: Caller): Promise<void> {
      const removed = await db.transaction((tx) => store.deleteDraft(tx, ownerOf(caller), procedureCode));
      if (!removed) throw problems.notFound(`bản nháp của thủ tục ${procedureCode}`, 'draft-not-found');
    },

    /** Deletes expired drafts and expired staged uploads that no dossier took (rows, then their files). */
    async purgeStaging(files: FileStore): Promise<{ drafts: number; uploads: number }> {
      const at = now();
      const drafts = await db.transaction((tx) => store.purgeDrafts(tx, at));
      const keys = await db.transaction((tx) => store.purgeStagedUploads(tx, at));
      for (const k of keys) await files.delete(k).catch(() => false);
      return { drafts, uploads: keys.length };
    },
  };
}
