import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem } from '../../../platform/errors.ts';
import { ProblemSchema, assertValidText, multipartProblem, problemResponses, type App } from '../../../platform/http.ts';
import { DEFAULT_UPLOAD_POLICY, checkUpload, readUploadForm, type FileStore, type UploadPart } from '../../../platform/documents/index.ts';
import { DRAFT_TTL_DAYS, STAGED_UPLOAD_TTL_HOURS } from '../domain/staging.ts';
import type { DossiersService } from '../service.ts';
import { TAG, callerOf } from './common.ts';

/**
 * Staged uploads and drafts (ADR 0061): files uploaded and checked before the submission that attaches
 * them in its one transaction; the applicant's answers kept on the server as they go.
 */

const UPLOAD_MAX_BYTES = DEFAULT_UPLOAD_POLICY.maxBytes;

export const StagedUploadSchema = z.object({
  id: z.uuid(),
  filename: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  expiresAt: z.string().describe('ISO 8601 date-time'),
});

const ProcedureParam = z.object({ procedureCode: z.string().regex(/^\d\.\d{6}$/, 'mã thủ tục có dạng d.dddddd') });
const DraftUploadsSchema = z.array(z.object({ slot: z.string().min(1).max(80), uploadId: z.uuid() })).max(100);
const DraftSchema = z.object({
  procedureCode: z.string(),
  state: z.record(z.string(), z.unknown()),
  uploads: z.array(z.object({ slot: z.string(), upload: StagedUploadSchema })),
  updatedAt: z.string(),
  expiresAt: z.string().describe(`ISO 8601 date-time: the draft is deleted then (${DRAFT_TTL_DAYS} days after its last save)`),
});

export async function dossierStagingRoutes(app: App, service: DossiersService, files: () => FileStore): Promise<void> {
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: UPLOAD_MAX_BYTES, files: 2, fields: 2, parts: 3, fieldSize: 1024, fieldNameSize: 100 } });
    scope.post(
      '/api/v1/uploads',
      {
        config: { access: { permission: 'dossiers.submit' } },
        schema: {
          tags: [TAG],
          summary: 'Tải lên một giấy tờ trước khi nộp hồ sơ (multipart: file)',
          description: `Tệp được kiểm tra ngay (loại theo nội dung, tối đa 10 MB) và giữ cho người tải lên trong ${STAGED_UPLOAD_TTL_HOURS} giờ (lâu hơn khi một bản nháp dùng nó). Khi nộp hồ sơ, ghi \`uploadId\` vào giấy tờ tương ứng: hồ sơ và các tệp được ghi trong cùng một giao dịch; tệp bị từ chối thì chưa có hồ sơ nào được tạo.`,
          consumes: ['multipart/form-data'],
          response: { 201: StagedUploadSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Gửi tệp bằng multipart/form-data.');
        const form = await readUploadForm(request.parts() as AsyncIterable<UploadPart>, { maxBytes: UPLOAD_MAX_BYTES, fields: {} }).catch((err: unknown) => {
          throw multipartProblem(err);
        });
        assertValidText({ filename: form.file.filename });
        const u = await service.stageUpload({ bytes: form.file.bytes, filename: form.file.filename }, callerOf(request), files(), checkUpload);
        return reply.status(201).header('cache-control', 'no-store').send(u);
      },
    );
  });

  app.delete(
    '/api/v1/uploads/:id',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: { tags: [TAG], summary: 'Xoá một tệp đã tải lên mà chưa nộp (chỉ người tải lên)', params: z.object({ id: z.uuid() }), response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await service.deleteStagedUpload(request.params.id, callerOf(request), files());
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/drafts',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: {
        tags: [TAG],
        summary: 'Bản nháp của tôi (thủ tục, lần lưu cuối, ngày hết hạn)',
        response: { 200: z.array(z.object({ procedureCode: z.string(), updatedAt: z.string(), expiresAt: z.string() })), ...problemResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'private, no-store').send(await service.listDrafts(callerOf(request))),
  );

  app.get(
    '/api/v1/drafts/:procedureCode',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: { tags: [TAG], summary: 'Bản nháp của tôi cho một thủ tục', params: ProcedureParam, response: { 200: DraftSchema, ...problemResponses } },
    },
    async (request, reply) => reply.header('cache-control', 'private, no-store').send(await service.getDraft(request.params.procedureCode, callerOf(request))),
  );

  app.put(
    '/api/v1/drafts/:procedureCode',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: {
        tags: [TAG],
        summary: 'Lưu bản nháp (thay bản trước; hết hạn sau một thời gian không dùng)',
        description: `Bản nháp được xoá ${DRAFT_TTL_DAYS} ngày sau lần lưu cuối, và khi hồ sơ của thủ tục được nộp.`,
        params: ProcedureParam,
        body: z.object({ state: z.record(z.string().max(80), z.unknown()), uploads: DraftUploadsSchema.default([]) }),
        response: { 200: DraftSchema, ...problemResponses },
      },
    },
    async (request, reply) => reply.header('cache-control', 'no-store').send(await service.saveDraft(request.params.procedureCode, request.body, callerOf(request))),
  );

  app.delete(
    '/api/v1/drafts/:procedureCode',
    {
      config: { access: { permission: 'dossiers.submit' } },
      schema: { tags: [TAG], summary: 'Xoá bản nháp', params: ProcedureParam, response: { 204: z.null(), ...problemResponses } },
    },
    async (request, reply) => {
      await service.deleteDraft(request.params.procedureCode, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
