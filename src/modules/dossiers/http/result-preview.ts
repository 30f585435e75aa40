import { problems } from '../../../platform/errors.ts';
import { problemResponses, type App } from '../../../platform/http.ts';
import type { PlatformContext } from '../../../platform/modules.ts';
import { renderResultPdf } from '../papers-map.ts';
import type { DossiersService } from '../service.ts';
import { CodeParam, TAG, callerOf } from './common.ts';
import { z } from 'zod';

/**
 * The leader's preview of the result before signing: exactly the paper the signature will carry (the same
 * renderer, today's date, the number it will get, the leader as signer), without the signature.
 */
export function resultPreviewRoute(app: App, ctx: PlatformContext, service: DossiersService): void {
  app.get(
    '/api/v1/dossiers/:code/papers/result-preview.pdf',
    {
      config: { access: { permission: 'dossiers.approve' } },
      schema: {
        tags: [TAG],
        summary: 'Xem trước kết quả sẽ ký (lãnh đạo cơ quan giải quyết): đúng văn bản sẽ được ký số, chưa có chữ ký',
        params: CodeParam,
        response: { 200: z.any().describe('application/pdf'), ...problemResponses },
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { dossier: d, trackingSecret } = await service.load(request.params.code, caller);
      if (!caller.can('dossiers.approve', { unitCode: d.decidingUnit, field: d.field })) throw problems.forbidden('Chỉ lãnh đạo cơ quan giải quyết hồ sơ được xem trước kết quả sẽ ký.');
      if (d.status !== 'appraised' && d.status !== 'approved')
        throw problems.conflict('paper-not-available', d.result.signedAt ? 'Kết quả đã được ký: xem result.pdf.' : 'Hồ sơ chưa được thẩm định: chưa có kết quả để xem trước.');
      // the leader's name and position, as the signature will read them (service/commands.ts, action sign)
      const p = request.principal!;
      const position = p.kind === 'official' ? ((await service.ports().people?.official(p.id).catch(() => null))?.position ?? null) : null;
      const pdf = await renderResultPdf(
        d,
        { units: service.ports().units, forms: service.ports().forms, dataDir: ctx.config.dataDir, trackingUrl: service.trackingUrl(d.code, trackingSecret) },
        { signedAt: service.now(), number: d.result.number ?? d.code.slice(-4), signerName: p.displayName || p.subject, signerPosition: position },
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${d.code}-result-preview.pdf"`)
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(pdf));
    },
  );
}
