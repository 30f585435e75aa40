import type { App } from '../../platform/http.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { FileStore } from '../../platform/documents/index.ts';
import type { DossiersService } from './service.ts';
import { dossierConfigurationRoutes } from './http/configuration.ts';
import { dossierCoreRoutes } from './http/dossiers.ts';
import { dossierPaperRoutes } from './http/papers.ts';
import { dossierPaymentRoutes } from './http/payments.ts';
import { resultPreviewRoute } from './http/result-preview.ts';
import { dossierStagingRoutes } from './http/staging.ts';

/**
 * Routes of the one-stop dossier engine. Every route declares its permission (or why it is public); the
 * dossier's own unit and field are checked in the service (an official of another commune gets 403).
 *
 * Split by responsibility (http/): dossiers.ts (submit, inbox, actions, timeline, tracking), papers.ts
 * (PDF papers, register, attachments), payments.ts (fee, VietQR, bank webhook), configuration.ts, staging.ts (staged uploads, drafts).
 */
export async function dossierRoutes(app: App, ctx: PlatformContext, service: DossiersService, files: () => FileStore): Promise<void> {
  dossierCoreRoutes(app, service);
  resultPreviewRoute(app, ctx, service);
  await dossierPaperRoutes(app, ctx, service, files);
  await dossierPaymentRoutes(app, ctx, service);
  dossierConfigurationRoutes(app, service);
  await dossierStagingRoutes(app, service, files);
}

