import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Problem, problems } from '../../platform/errors.ts';
import { ProblemSchema, assertValidText, multipartProblem, problemResponses, type App } from '../../platform/http.ts';
import { DEFAULT_UPLOAD_POLICY, checkUpload, readUploadForm, type FileStore, type UploadPart } from '../../platform/documents/index.ts';
import { PRIORITIES, TASK_ACTIONS, TASK_STATUSES, type TaskAction } from './domain/states.ts';
import { EXPORT_HEADER } from './domain/import-rows.ts';
import type { Caller, TasksCore } from './service.ts';
import type { Teams } from './teams.ts';
import { toCsv, toXlsx } from './spreadsheet.ts';

const TAG = 'tasks';
const UPLOAD_MAX_BYTES = DEFAULT_UPLOAD_POLICY.maxBytes;

import { callerOf } from '../../platform/http.ts';
export { callerOf };

const Text = (max: number) => z.string().trim().min(1).max(max);
const UnitCode = z.string().min(2).max(40).regex(/^[0-9A-Za-z.]+$/, 'mã đơn vị');
const IdParam = z.object({ id: z.uuid() });
const LocalDate = z.iso.date();

const UnitRef = z.object({ unitCode: z.string(), unitName: z.string(), officialId: z.string().nullable() });
export const TaskViewSchema = z.object({
  id: z.string(),
  code: z.string(),
  parentId: z.string().nullable(),
  depth: z.number().int(),
  isGroup: z.boolean(),
  title: z.string(),
  content: z.string(),
  legalSource: z.string().nullable(),
  issuingUnit: z.object({ code: z.string(), name: z.string() }),
  assigner: z.object({ id: z.string(), name: z.string() }),
  lead: UnitRef,
  cooperating: z.array(UnitRef),
  priority: z.enum(PRIORITIES),
  priorityLabel: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  dueAt: z.string(),
  workingDaysLeft: z.number().int(),
  progress: z.number().int(),
  extension: z.object({ requestedAt: z.string(), newDueAt: z.string(), reason: z.string() }).nullable(),
  extensionsGranted: z.number().int(),
  escalatedAt: z.string().nullable(),
  reportedDoneAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  onTime: z.boolean().nullable(),
  createdAt: z.string(),
  version: z.number().int(),
  availableActions: z.array(z.object({ action: z.enum(TASK_ACTIONS), label: z.string() })),
});
const FileViewSchema = z.object({ id: z.string(), kind: z.enum(['attachment', 'evidence']), name: z.string(), filename: z.string().nullable(), contentType: z.string(), size: z.number(), sha256: z.string(), uploadedBy: z.string(), uploadedAt: z.string() });
const TaskDetailSchema = TaskViewSchema.extend({
  subtasks: z.array(TaskViewSchema),
  timeline: z.array(
    z.object({
      id: z.string(),
      at: z.string(),
      action: z.string(),
      label: z.string(),
      actor: z.object({ name: z.string(), unitCode: z.string().nullable() }),
      fromStatus: z.string().nullable(),
      toStatus: z.string().nullable(),
      percent: z.number().int().nullable(),
      text: z.string().nullable(),
      evidence: z.array(z.string()),
    }),
  ),
  files: z.array(FileViewSchema),
  teams: z.array(z.object({ id: z.string(), name: z.string(), dissolvedAt: z.string().nullable() })),
});
const RowErrorSchema = z.object({ row: z.number().int(), column: z.string().nullable(), message: z.string() });
const ImportPreviewSchema = z.object({
  batchId: z.string().nullable().describe('null khi còn lỗi: sửa tệp rồi tải lên lại'),
  filename: z.string().nullable(),
  tasks: z.array(z.object({ row: z.number().int(), title: z.string(), content: z.string(), legalSource: z.string().nullable(), leadUnits: z.array(z.string()), cooperatingUnits: z.array(z.string()), deadline: z.string(), priority: z.enum(PRIORITIES) })),
  errors: z.array(RowErrorSchema),
  warnings: z.array(RowErrorSchema),
});
const ListQuery = z.object({
  view: z.enum(['mine', 'assigned', 'unit']).default('mine').describe('mine: nhiệm vụ của tôi (đơn vị tôi chủ trì); assigned: nhiệm vụ tôi giao; unit: nhiệm vụ của một đơn vị'),
  unit: UnitCode.optional(),
  status: z.string().max(200).optional().describe('các trạng thái, phân cách bằng dấu phẩy'),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(200).optional(),
  priority: z.enum(PRIORITIES).optional(),
  page: z.coerce.number().int().min(1).max(10000).default(1),
  page_size: z.coerce.number().int().min(1).max(200).default(50),
});
type ListQueryT = z.infer<typeof ListQuery>;
function listArgs(q: ListQueryT) {
  const status = q.status ? q.status.split(',').map((s) => s.trim()).filter(Boolean) : undefined;
  for (const s of status ?? []) if (!(TASK_STATUSES as readonly string[]).includes(s)) throw problems.validation([{ path: 'status', message: `Trạng thái "${s.slice(0, 30)}" không có.` }]);
  return { view: q.view, unit: q.unit, status: status as (typeof TASK_STATUSES)[number][] | undefined, overdue: q.overdue === 'true', q: q.q || undefined, priority: q.priority, page: q.page, pageSize: q.page_size };
}

const TeamViewSchema = z.object({
  id: z.string(),
  caseKind: z.enum(['task', 'dossier']),
  caseRef: z.string(),
  name: z.string(),
  formedAt: z.string(),
  dissolvedAt: z.string().nullable(),
  members: z.array(z.object({ officialId: z.string(), unitCode: z.string(), displayName: z.string(), role: z.enum(['leader', 'member']) })),
  messages: z.array(z.object({ id: z.string(), at: z.string(), author: z.string(), text: z.string(), file: z.object({ name: z.string(), contentType: z.string() }).nullable() })),
});

export async function taskRoutes(app: App, service: TasksCore, teams: Teams, notices: { list(officialId: string, unreadOnly: boolean): Promise<{ items: { id: string; at: string; kind: string; text: string; link: string | null; read: boolean }[]; unread: number }>; markRead(officialId: string, ids: string[] | 'all'): Promise<number> }, files: () => FileStore): Promise<void> {
  app.get(
    '/api/v1/tasks',
    {
      config: { access: { permission: 'tasks.read' } },
      schema: { tags: [TAG], summary: 'Danh sách nhiệm vụ: của tôi, tôi giao, của một đơn vị (lọc theo trạng thái, quá hạn, mức độ, từ khóa)', querystring: ListQuery, response: { 200: z.object({ items: z.array(TaskViewSchema), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() }), ...problemResponses } },
    },
    async (request) => service.list(listArgs(request.query), callerOf(request)),
  );

  app.post(
    '/api/v1/tasks',
    {
      config: { access: { permission: 'tasks.assign' } },
      schema: {
        tags: [TAG],
        summary: 'Giao nhiệm vụ (một hoặc nhiều đơn vị chủ trì; nhiều đơn vị → mỗi đơn vị một nhiệm vụ trong một nhóm), hoặc nhiệm vụ con (parentId)',
        body: z.object({
          title: Text(500),
          content: z.string().max(10000).optional(),
          legalSource: z.string().max(500).nullable().optional(),
          issuingUnit: UnitCode.optional().describe('mặc định: đơn vị của người giao; với nhiệm vụ con: đơn vị chủ trì nhiệm vụ cha'),
          leadUnits: z.array(UnitCode).min(1).max(200),
          leadOfficialId: z.uuid().nullable().optional(),
          cooperating: z.array(z.object({ unitCode: UnitCode, officialId: z.uuid().nullable().optional() })).max(200).optional(),
          deadline: z.union([z.object({ date: LocalDate }), z.object({ workingDays: z.number().min(0.5).max(1000).multipleOf(0.5) })]),
          priority: z.enum(PRIORITIES).optional(),
          parentId: z.uuid().nullable().optional(),
        }),
        response: { 201: z.object({ tasks: z.array(TaskViewSchema) }), ...problemResponses },
      },
    },
    async (request, reply) => {
      const c = callerOf(request);
      const b = request.body;
      assertValidText(b);
      const issuingUnit = b.issuingUnit ?? request.principal?.unitCode;
      if (!issuingUnit && !b.parentId) throw problems.validation([{ path: 'issuingUnit', message: 'Bắt buộc.' }]);
      const created = await service.create({ ...b, issuingUnit: issuingUnit ?? '' }, c);
      const cal = await service.calendar();
      return reply.status(201).send({ tasks: await Promise.all(created.map((t) => service.view(t, c, cal))) });
    },
  );

  app.get(
    '/api/v1/tasks/:id',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Nhiệm vụ: nhiệm vụ con, diễn biến (báo cáo tiến độ, gia hạn…), tệp, tổ công tác', params: IdParam, response: { 200: TaskDetailSchema, ...problemResponses } } },
    async (request) => service.get(request.params.id, callerOf(request)),
  );

  app.post(
    '/api/v1/tasks/:id/actions/:action',
    {
      config: { access: { permission: 'tasks.work' } },
      schema: {
        tags: [TAG],
        summary: 'Thao tác trên nhiệm vụ: accept, report_progress (percent, text, evidence), request_extension (newDueDate, reason), approve_extension, refuse_extension (reason), report_done (text, evidence), approve, return (reason), cancel (reason)',
        params: IdParam.extend({ action: z.enum(TASK_ACTIONS.filter((a) => a !== 'mark_overdue') as [TaskAction, ...TaskAction[]]) }),
        headers: z.object({ 'if-match': z.string().max(20).optional() }),
        body: z.object({
          percent: z.number().int().min(0).max(100).optional(),
          text: z.string().max(5000).optional(),
          reason: z.string().max(2000).optional(),
          note: z.string().max(2000).optional(),
          newDueDate: LocalDate.optional(),
          evidence: z.array(z.uuid()).max(20).optional().describe('mã các tệp minh chứng đã tải lên nhiệm vụ'),
        }),
        response: { 200: TaskViewSchema, ...problemResponses },
      },
    },
    async (request) => {
      assertValidText(request.body);
      const m = /^\s*(?:W\/)?"?(\d{1,9})"?\s*$/.exec(request.headers['if-match'] ?? '');
      return service.act(request.params.id, request.params.action, request.body, callerOf(request), m ? Number(m[1]) : undefined);
    },
  );

  app.post(
    '/api/v1/tasks/sweep',
    {
      config: { access: { permission: 'tasks.sweep' } },
      schema: { tags: [TAG], summary: 'Chạy ngay việc nhắc hạn, chuyển quá hạn và báo cáo lãnh đạo (tự chạy mỗi phút)', response: { 200: z.object({ reminded: z.number().int(), overdue: z.number().int(), escalated: z.number().int() }), ...problemResponses } },
    },
    async () => service.sweep(),
  );

  app.post(
    '/api/v1/task-imports/:id/confirm',
    { config: { access: { permission: 'tasks.assign' } }, schema: { tags: [TAG], summary: 'Xác nhận nhập danh sách nhiệm vụ đã xem trước', params: IdParam, response: { 201: z.object({ created: z.number().int(), tasks: z.array(TaskViewSchema) }), ...problemResponses } } },
    async (request, reply) => reply.status(201).send(await service.importConfirm(request.params.id, callerOf(request))),
  );

  app.get(
    '/api/v1/task-exports/:format',
    {
      config: { access: { permission: 'tasks.read' } },
      schema: { tags: [TAG], summary: 'Xuất danh sách nhiệm vụ (cùng bộ lọc với danh sách): tasks.csv hoặc tasks.xlsx', params: z.object({ format: z.enum(['tasks.csv', 'tasks.xlsx']) }), querystring: ListQuery, response: { 200: z.any(), ...problemResponses } },
    },
    async (request, reply) => {
      const rows = await service.exportRows(listArgs(request.query), callerOf(request));
      void reply.header('cache-control', 'private, no-store');
      if (request.params.format === 'tasks.csv') return reply.type('text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="nhiem-vu.csv"').send(toCsv(EXPORT_HEADER, rows));
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', 'attachment; filename="nhiem-vu.xlsx"')
        .send(Buffer.from(await toXlsx('Nhiem vu', EXPORT_HEADER, rows)));
    },
  );

  app.get(
    '/api/v1/tasks/:id/files/:fileId',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Tải tệp của nhiệm vụ', params: IdParam.extend({ fileId: z.uuid() }), response: { 200: z.any(), ...problemResponses } } },
    async (request, reply) => {
      const { row, body } = await service.download(request.params.id, request.params.fileId, callerOf(request), files());
      return reply.type(row.contentType).header('content-disposition', `attachment; filename="${encodeURIComponent(row.filename ?? row.name)}"`).header('x-content-sha256', row.sha256).header('cache-control', 'private, no-store').send(body);
    },
  );

  // ------------------------------------------------------------------ notices
  app.get(
    '/api/v1/task-notices',
    {
      config: { access: { permission: 'tasks.read' } },
      schema: { tags: [TAG], summary: 'Thông báo của tôi (giao việc, nhắc hạn, quá hạn, tổ công tác)', querystring: z.object({ unread: z.enum(['true', 'false']).optional() }), response: { 200: z.object({ items: z.array(z.object({ id: z.string(), at: z.string(), kind: z.string(), text: z.string(), link: z.string().nullable(), read: z.boolean() })), unread: z.number().int() }), ...problemResponses } },
    },
    async (request) => notices.list(request.principal!.id, request.query.unread === 'true'),
  );
  app.post(
    '/api/v1/task-notices/read',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Đánh dấu đã đọc (các thông báo của chính mình)', body: z.object({ ids: z.union([z.array(z.string().regex(/^\d{1,18}$/)).max(200), z.literal('all')]) }), response: { 200: z.object({ marked: z.number().int() }), ...problemResponses } } },
    async (request) => ({ marked: await notices.markRead(request.principal!.id, request.body.ids) }),
  );

  // ------------------------------------------------------------------ case teams
  app.post(
    '/api/v1/case-teams',
    {
      config: { access: { permission: 'tasks.teams.manage' } },
      schema: { tags: [TAG], summary: 'Lập tổ công tác liên ngành cho một vụ việc (nhiệm vụ hoặc hồ sơ)', body: z.object({ caseKind: z.enum(['task', 'dossier']), caseRef: z.string().min(1).max(60), name: Text(200), memberIds: z.array(z.uuid()).min(1).max(50) }), response: { 201: TeamViewSchema, ...problemResponses } },
    },
    async (request, reply) => {
      assertValidText(request.body);
      return reply.status(201).send(await teams.form(request.body, callerOf(request)));
    },
  );
  app.get(
    '/api/v1/case-teams',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Các tổ công tác tôi là thành viên', response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string(), caseKind: z.enum(['task', 'dossier']), caseRef: z.string(), dissolvedAt: z.string().nullable() })) }), ...problemResponses } } },
    async (request) => ({ items: await teams.mine(callerOf(request)) }),
  );
  app.get(
    '/api/v1/case-team-candidates',
    {
      config: { access: { permission: 'tasks.teams.manage' } },
      schema: { tags: [TAG], summary: 'Cán bộ của một đơn vị có thể cử vào tổ công tác (lãnh đạo lập tổ)', querystring: z.object({ unit: UnitCode }), response: { 200: z.object({ items: z.array(z.object({ id: z.string(), displayName: z.string(), unitCode: z.string(), position: z.string().nullable() })) }), ...problemResponses } },
    },
    async (request) => ({ items: await teams.candidates(request.query.unit, callerOf(request)) }),
  );
  app.get(
    '/api/v1/case-teams/:id',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Tổ công tác: thành viên và trao đổi (chỉ thành viên xem được)', params: IdParam, response: { 200: TeamViewSchema, ...problemResponses } } },
    async (request) => teams.get(request.params.id, callerOf(request)),
  );
  app.post(
    '/api/v1/case-teams/:id/messages',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Viết trong trao đổi của tổ (thành viên)', params: IdParam, body: z.object({ text: Text(5000) }), response: { 201: TeamViewSchema, ...problemResponses } } },
    async (request, reply) => {
      assertValidText(request.body);
      return reply.status(201).send(await teams.post(request.params.id, { text: request.body.text }, callerOf(request)));
    },
  );
  app.get(
    '/api/v1/case-teams/:id/files/:messageId',
    { config: { access: { permission: 'tasks.read' } }, schema: { tags: [TAG], summary: 'Tải tài liệu chia sẻ trong tổ (thành viên)', params: IdParam.extend({ messageId: z.string().regex(/^\d{1,18}$/) }), response: { 200: z.any(), ...problemResponses } } },
    async (request, reply) => {
      const f = await teams.download(request.params.id, request.params.messageId, callerOf(request), files());
      return reply.type(f.contentType).header('content-disposition', `attachment; filename="${encodeURIComponent(f.name)}"`).header('cache-control', 'private, no-store').send(f.body);
    },
  );
  app.post(
    '/api/v1/case-teams/:id/dissolve',
    { config: { access: { permission: 'tasks.teams.manage' } }, schema: { tags: [TAG], summary: 'Giải thể tổ công tác (lãnh đạo đã lập tổ)', params: IdParam, body: z.object({ reason: z.string().max(500).default('') }), response: { 200: TeamViewSchema, ...problemResponses } } },
    async (request) => {
      assertValidText(request.body);
      return teams.dissolve(request.params.id, request.body.reason, callerOf(request));
    },
  );

  // ------------------------------------------------------------------ uploads (multipart): attachments, evidence, imports, team documents
  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(multipart, { throwFileSizeLimit: false, limits: { fileSize: UPLOAD_MAX_BYTES, files: 2, fields: 10, parts: 12, fieldSize: 8192, fieldNameSize: 100 } });
    const form = async (request: FastifyRequest, fields: Record<string, { maxChars: number; label: string }>) => {
      if (!request.isMultipart()) throw new Problem(415, 'unsupported-media-type', 'Định dạng không được hỗ trợ', 'Gửi tệp bằng multipart/form-data.');
      const f = await readUploadForm(request.parts() as AsyncIterable<UploadPart>, { maxBytes: UPLOAD_MAX_BYTES, fields }).catch((err: unknown) => {
        throw multipartProblem(err);
      });
      assertValidText({ filename: f.file.filename, ...f.fields });
      return f;
    };
    scope.post(
      '/api/v1/tasks/:id/files',
      {
        config: { access: { permission: 'tasks.work' } },
        schema: { tags: [TAG], summary: 'Đính kèm tệp vào nhiệm vụ (multipart: file, name, kind=attachment|evidence) — kiểm tra như tệp của hồ sơ', params: IdParam, consumes: ['multipart/form-data'], response: { 201: FileViewSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema } },
      },
      async (request, reply) => {
        const f = await form(request, { name: { maxChars: 300, label: 'Tên tệp (trường "name")' }, kind: { maxChars: 12, label: 'Trường "kind"' } });
        const kind = f.fields.kind ?? 'attachment';
        if (kind !== 'attachment' && kind !== 'evidence') throw problems.badRequest('form-field-invalid', 'Trường "kind" chỉ nhận "attachment" hoặc "evidence".');
        return reply.status(201).send(await service.attach(request.params.id, { bytes: f.file.bytes, filename: f.file.filename, name: f.fields.name, kind }, callerOf(request), files(), checkUpload));
      },
    );
    scope.post(
      '/api/v1/task-imports',
      {
        config: { access: { permission: 'tasks.assign' } },
        schema: {
          tags: [TAG],
          summary: 'Xem trước danh sách nhiệm vụ từ tệp CSV hoặc XLSX (multipart: file, issuingUnit): từng dòng, lỗi theo dòng và cột; chưa tạo gì',
          description: 'Cột: tên nhiệm vụ, nội dung, căn cứ, đơn vị chủ trì (mã, nhiều mã cách nhau bằng ;), đơn vị phối hợp, thời hạn (dd/mm/yyyy), mức độ (bình thường, quan trọng, khẩn).',
          consumes: ['multipart/form-data'],
          response: { 200: ImportPreviewSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema },
        },
      },
      async (request) => {
        const f = await form(request, { issuingUnit: { maxChars: 40, label: 'Đơn vị giao (trường "issuingUnit")' } });
        const unit = f.fields.issuingUnit?.trim() || request.principal?.unitCode;
        if (!unit) throw problems.badRequest('form-field-missing', 'Thiếu đơn vị giao (trường "issuingUnit").');
        return service.importPreview(f.file.bytes, f.file.filename, unit, callerOf(request));
      },
    );
    scope.post(
      '/api/v1/case-teams/:id/files',
      {
        config: { access: { permission: 'tasks.read' } },
        schema: { tags: [TAG], summary: 'Chia sẻ tài liệu trong tổ công tác (multipart: file, text) — thành viên', params: IdParam, consumes: ['multipart/form-data'], response: { 201: TeamViewSchema, ...problemResponses, 413: ProblemSchema, 415: ProblemSchema } },
      },
      async (request, reply) => {
        const f = await form(request, { text: { maxChars: 2000, label: 'Lời nhắn (trường "text")' } });
        return reply.status(201).send(await teams.post(request.params.id, { text: f.fields.text?.trim() || `Chia sẻ tài liệu ${f.file.filename ?? ''}`.trim(), file: { bytes: f.file.bytes, filename: f.file.filename } }, callerOf(request), files(), checkUpload));
      },
    );
  });
}
