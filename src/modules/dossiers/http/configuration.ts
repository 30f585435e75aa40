import { z } from 'zod';
import { problemResponses, type App } from '../../../platform/http.ts';
import { ProcessBodySchema } from '../domain/process.ts';
import { ProcessDefinitionViewSchema } from '../schemas.ts';
import type { DossiersService } from '../service.ts';
import { TAG, callerOf } from './common.ts';

/** Process definitions and the units' electronic identifiers (province administrators). */
export function dossierConfigurationRoutes(app: App, service: DossiersService): void {
  // ---------------------------------------------------------------- configuration
  app.get(
    '/api/v1/process-definitions/:procedureCode',
    {
      config: { access: { permission: 'dossiers.read' } },
      schema: {
        tags: [TAG],
        summary: 'Quy trình nội bộ đang áp dụng cho một thủ tục (mặc định suy ra từ danh mục, hoặc do tỉnh ban hành)',
        params: z.object({ procedureCode: z.string().regex(/^\d\.\d{6}$/) }),
        response: { 200: ProcessDefinitionViewSchema, ...problemResponses },
      },
    },
    async (request) => service.getProcessDefinition(request.params.procedureCode),
  );

  app.put(
    '/api/v1/process-definitions/:procedureCode',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Ban hành phiên bản mới của quy trình nội bộ (hồ sơ đang giải quyết giữ phiên bản cũ)',
        params: z.object({ procedureCode: z.string().regex(/^\d\.\d{6}$/) }),
        body: ProcessBodySchema,
        response: { 200: ProcessDefinitionViewSchema, ...problemResponses },
      },
    },
    async (request) => service.putProcessDefinition(request.params.procedureCode, request.body, callerOf(request)),
  );

  app.get(
    '/api/v1/dossier-identifiers',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Mã định danh điện tử của các đơn vị tiếp nhận (dùng trong mã hồ sơ)',
        querystring: z.object({ province: z.string().regex(/^\d{2}$/).optional() }),
        response: { 200: z.array(z.object({ unit_code: z.string(), province_code: z.string(), identifier: z.string(), demo: z.boolean() })), ...problemResponses },
      },
    },
    async (request) => service.listIdentifiers(request.query.province, callerOf(request)),
  );

  app.put(
    '/api/v1/dossier-identifiers/:unitCode',
    {
      config: { access: { permission: 'dossiers.configure' } },
      schema: {
        tags: [TAG],
        summary: 'Gán mã định danh điện tử (Quyết định 20/2020/QĐ-TTg) cho một đơn vị',
        params: z.object({ unitCode: z.string().min(2).max(40) }),
        body: z.object({ identifier: z.string().max(35) }),
        response: { 204: z.null(), ...problemResponses },
      },
    },
    async (request, reply) => {
      await service.setIdentifier(request.params.unitCode, request.body.identifier, callerOf(request));
      return reply.status(204).send(null);
    },
  );
}
