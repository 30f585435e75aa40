import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppModule } from '../../platform/modules.ts';
import { FORMS_PERMISSIONS, formRoutes } from './http.ts';
import { createFormsService, type FormsService } from './service.ts';

export type { FormsService, FormOperations, FormView, FormSource, Checked, SubmissionInput } from './service.ts';
export { formInvalid } from './service.ts';
export type { Answers, FormValue, FormChannel, FormDefinition, ApplicableDocument, FieldError, KnownPerson } from './domain/types.ts';
export type { ResultBlock, ResultCell, ResultContext, ResultDocument } from './results/index.ts';
export { sampleAnswers, WRITTEN_FORMS } from './definitions/index.ts';
export { vietnamToday } from './domain/dates.ts';

declare module '../../platform/modules.ts' {
  interface Services {
    forms: FormsService;
  }
}

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Module `forms`: each procedure's form as data (fields, validation, conditions, the documents that apply
 * under which answers, the web layout), versioned; the written forms of twenty commune procedures; the
 * result papers laid out as their official models. See docs/forms.md.
 */
export const formsModule: AppModule = {
  name: 'forms',
  migrationsDir: path.join(here, 'migrations'),
  permissions: FORMS_PERMISSIONS,
  create(ctx) {
    ctx.services.forms = createFormsService(ctx);
  },
  routes(app, ctx) {
    formRoutes(app, ctx.services.forms!);
  },
  async seedReference(ctx) {
    const r = await ctx.services.forms!.seedBuiltins();
    if (r.stored) ctx.log.info({ stored: r.stored }, 'forms: written forms stored');
    if (r.changedWithoutNewVersion.length)
      ctx.log.warn({ forms: r.changedWithoutNewVersion }, 'forms: a written form changed without a new version number; dossiers keep the stored version');
  },
};
