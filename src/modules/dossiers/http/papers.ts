import multipart from '@fastify/multipart';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, problems } from '../../../platform/errors.ts';
import { ProblemSchema, assertValidText, multipartProblem, problemResponses, type App } from '../../../platform/http.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import { DEFAULT_UPLOAD_POLICY, checkUpload, readUploadForm, type FileStore, type UploadPart } from '../../../platform/documents/index.ts';
import { PAPER_FORMS, PAPER_LABELS, type PaperForm } from '../papers-map.ts';
import { renderRegisterCsv, renderRegisterXlsx } from '../papers/index.ts';
import { AttachmentViewSchema } from '../schemas.ts';
import type { DossiersService } from '../service.ts';
import { CodeParam, TAG, callerOf } from './common.ts';

/** Attached files the dossier page shows inline (the upload check guarantees the stored type is the real one). */
const INLINE_TYPES: ReadonlySet<string> = new Set(['application/pdf', 'image/png', 'image/jpeg']);
/**
 * The policy of an inline attachment: framed by this site only (the platform's default is "by nobody"),
 * no scripts of its own, nothing loaded from elsewhere. Chromium's PDF viewer draws within it.
 */
const INLINE_CSP = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; object-src 'self'; frame-ancestors 'self'";

/** The largest file a dossier takes (the upload checker's limit). */
const UPLOAD_MAX_BYTES = DEFAULT_UPLOAD_POLICY.maxBytes;

/** The dossier's papers (PDF forms), the register (form 06), attachments. */
export async function dossierPaperRoutes(app: App, ctx: PlatformContext, service: DossiersService, files: () => FileStore): Promise<void> {
  // ---------------------------------------------------------------- papers
  app.get(
    '/api/v1/dossiers/:code/papers/:form',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Giấy tờ của hồ sơ (PDF): receipt.pdf, supplement-request.pdf, refusal.pdf, apology.pdf, control-sheet.pdf, result.pdf, fee-receipt.pdf',
        description: `${PAPER_FORMS.map((f) => `\`${f}.pdf\`: ${PAPER_LABELS[f]}`).join('; ')}. Giấy tờ đã ban hành được lưu đúng như khi ban hành (mã băm SHA-256 ghi trong nhật ký kiểm toán, trả trong tiêu đề \`x-content-sha256\`); ban hành lại là một bản mới (\`x-paper-version\`, chọn bản cũ bằng \`?version=\`). Phiếu kiểm soát (mẫu 05) là sổ theo dõi đang cập nhật.`,
        params: CodeParam.extend({ form: z.enum(PAPER_FORMS.map((f) => `${f}.pdf`) as [string, ...string[]]) }),
        querystring: z.object({ version: z.coerce.number().int().min(1).max(1000).optional().describe('bản đã ban hành (mặc định: bản mới nhất)') }),
        response: { 200: z.any().describe('application/pdf'), ...problemResponses, 503: ProblemSchema },
      },
    },
    async (request, reply) => {
      const form = request.params.form.replace(/\.pdf$/, '') as PaperForm;
      const paper = await service.paper(request.params.code, form, callerOf(request), files(), { version: request.query.version });
      if (paper.version !== null) void reply.header('x-paper-version', String(paper.version));
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${request.params.code}-${form}${paper.version && paper.version > 1 ? `-${paper.version}` : ''}.pdf"`)
        .header('x-content-sha256', paper.sha256)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(paper.body));
    },
  );

  app.get(
    '/api/v1/dossier-register/:format',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Sổ theo dõi hồ sơ (mẫu 06) của một đơn vị tiếp nhận, theo lĩnh vực và kỳ: register.csv hoặc register.xlsx',
        params: z.object({ format: z.enum(['register.csv', 'register.xlsx']) }),
        querystring: z.object({
          unit: z.string().min(2).max(40),
          field: z.string().max(200).optional(),
          from: z.iso.date(),
          to: z.iso.date().describe('ngày cuối cùng (tính cả ngày này)'),
        }),
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const q = request.query;
      const from = new Date(`${q.from}T00:00:00+07:00`);
      const to = new Date(new Date(`${q.to}T00:00:00+07:00`).getTime() + 86400_000);
      if (!(to > from) || to.getTime() - from.getTime() > 400 * 86400_000) throw problems.badRequest('period-invalid', 'Kỳ của sổ phải từ 1 ngày đến 400 ngày.');
      const reg = await service.register({ unit: q.unit, field: q.field, from, to }, callerOf(request));
      const input = {
        agency: { name: reg.unitName, place: reg.unitName.replace(/^(Xã|Phường|Đặc khu)\s+/, '') },
        field: q.field ?? 'Tất cả lĩnh vực',
        period: `Từ ${q.from.split('-').reverse().join('/')} đến ${q.to.split('-').reverse().join('/')}`,
        rows: reg.rows,
        generatedAt: service.now(),
      };
      const name = `so-theo-doi-${q.unit}-${q.from}-${q.to}`;
      if (request.params.format === 'register.csv')
        return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${name}.csv"`).send(renderRegisterCsv(input));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${name}.xlsx"`)
        .send(Buffer.from(await renderRegisterXlsx(input)));
    },
  );

  // ---------------------------------------------------------------- attachments
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    // the parser's limits; readUploadForm checks the file's truncation itself and refuses what breaks them
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: UPLOAD_MAX_BYTES, files: 2, fields: 10, parts: 12, fieldSize: 4096, fieldNameSize: 100 } });
    scope.post(
      '/api/v1/dossiers/:code/attachments',
      {
        config: { access: { permission: 'dossiers.act' } },
        schema: {
          tags: [TAG],
          summary: 'Đính kèm giấy tờ (multipart: file, name, digitised=true khi quét tại quầy, kind=result cho tệp kết quả)',
          description:
            'Các trường gửi theo thứ tự bất kỳ (trước hoặc sau tệp). Một tệp, tối đa 10 MB (vượt quá: 413 `file-too-large`, không lưu gì); `name` tối đa 300 ký tự; `digitised` là "true" hoặc "false"; `kind` là "document" hoặc "result"; trường khác bị từ chối (400). Loại tệp xác định theo nội dung; tệp được lưu với đuôi đúng loại nội dung.',
          params: CodeParam,
          consumes: ['multipart/form-data'],
          response: { 201: AttachmentViewSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request, reply) => {
        if (!request.isMultipart()) throw new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Gửi tệp bằng multipart/form-data.');
        // the whole form, fields before or after the file; a file over the limit is refused, never cut
        const form = await readUploadForm(request.parts() as AsyncIterable<UploadPart>, {
          maxBytes: UPLOAD_MAX_BYTES,
          fields: {
            name: { maxChars: 300, label: 'Tên giấy tờ (trường "name")' },
            digitised: { maxChars: 5, label: 'Trường "digitised"' },
            kind: { maxChars: 8, label: 'Trường "kind"' },
          },
        }).catch((err: unknown) => {
          throw multipartProblem(err);
        });
        const f = form.fields;
        const choice = <T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T => {
          if (value === undefined) return fallback;
          if ((allowed as readonly string[]).includes(value)) return value as T;
          throw problems.badRequest('form-field-invalid', `Trường "${name}" chỉ nhận ${allowed.map((x) => `"${x}"`).join(' hoặc ')}.`);
        };
        const name = f.name?.trim();
        assertValidText({ filename: form.file.filename });
        const a = await service.attach(
          request.params.code,
          {
            bytes: form.file.bytes,
            filename: form.file.filename,
            name: name || undefined,
            digitised: choice('digitised', f.digitised, ['true', 'false'] as const, 'false') === 'true',
            kind: choice('kind', f.kind, ['document', 'result'] as const, 'document'),
          },
          callerOf(request),
          files(),
          checkUpload,
        );
        return reply.status(201).send(a);
      },
    );
  });

  app.get(
    '/api/v1/dossiers/:code/attachments',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: { tags: [TAG], summary: 'Danh sách tệp đính kèm', params: CodeParam, response: { 200: z.array(AttachmentViewSchema), ...problemResponses } },
    },
    async (request) => service.attachments(request.params.code, callerOf(request)),
  );

  app.get(
    '/api/v1/dossiers/:code/attachments/:id',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Tải tệp đính kèm (inline=1: xem ngay trong trang hồ sơ — PDF, PNG, JPEG)',
        params: CodeParam.extend({ id: z.uuid() }),
        querystring: z.object({ inline: z.enum(['1']).optional().describe('1: hiển thị trong khung của chính cổng (PDF, ảnh) thay vì tải về') }),
        response: { 200: z.any(), ...problemResponses },
      },
    },
    async (request, reply) => {
      const { row, body } = await service.download(request.params.code, request.params.id, callerOf(request), files());
      // the viewer beside the dossier: only PDF and images are shown inline, and only this site may frame them
      const inline = request.query.inline === '1' && INLINE_TYPES.has(row.content_type);
      if (inline) void reply.header('content-security-policy', INLINE_CSP);
      return reply
        .type(row.content_type)
        .header('content-disposition', `${inline ? 'inline' : 'attachment'}; filename="${encodeURIComponent(row.filename ?? row.name)}"`)
        .header('x-content-sha256', row.sha256)
        .header('cache-control', 'private, no-store')
        .send(body);
    },
  );

}
