import crypto from 'node:crypto';
import type { Principal } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import { emitEvent } from '../../platform/outbox.ts';
import { BUILTIN_FORMS } from './definitions/index.ts';
import { checkDefinition } from './domain/check.ts';
import { applicableDocuments } from './domain/documents.ts';
import { vietnamToday } from './domain/dates.ts';
import { genericForm } from './domain/generic.ts';
import { personOf, prefillAnswers } from './domain/prefill.ts';
import { FormDefinitionSchema, type Answers, type ApplicableDocument, type FieldError, type FormChannel, type FormDefinition, type FormDefinitionInput } from './domain/types.ts';
import { validateAnswers } from './domain/validate.ts';
import { RESULT_BUILDERS, type ResultContext, type ResultDocument } from './results/index.ts';
import * as store from './store.ts';

/**
 * Use cases of the `forms` module: the current form of a procedure (written, published by the province,
 * or generic), a stored version, validating a submission against a version, the documents that apply,
 * prefilling from the signed-in person, publishing a new version, and the result paper of a dossier.
 */

export type FormSource = 'builtin' | 'custom' | 'generic';
export type FormView = FormDefinition & { source: FormSource };

/** Who publishes a form (the HTTP layer has checked the permission). */
export interface FormsActor {
  principal: Principal;
  ip?: string | null;
  requestId?: string | null;
}

export interface SubmissionInput {
  procedureCode: string;
  answers: unknown;
  channel: FormChannel;
  /** The version the person filled (default: the current one). */
  version?: number;
  /** 'draft': missing answers are not errors. */
  mode?: 'submit' | 'draft';
}

export interface Checked {
  version: number;
  answers: Answers;
  errors: FieldError[];
  documents: ApplicableDocument[];
}

/** The 422 problem of a submission whose answers are wrong: one message per field, at path `answers.<field key>`. */
export function formInvalid(errors: FieldError[]) {
  return problems.unprocessable('form-invalid', `Tờ khai còn ${errors.length} thông tin chưa đúng hoặc còn thiếu.`, {
    errors: errors.map((e) => ({ path: `answers.${e.field}`, message: e.message })),
  });
}

const digestOf = (def: FormDefinition) => crypto.createHash('sha256').update(JSON.stringify(def)).digest('hex');

export function createFormsService(ctx: PlatformContext, o: { now?: () => Date } = {}) {
  const db = ctx.db;
  const now = o.now ?? (() => new Date());
  const versions = new Map<string, FormView>();
  const catalog = () => {
    const c = ctx.services.catalog;
    if (!c) throw problems.unavailable('Danh mục thủ tục hành chính chưa sẵn sàng.');
    return c;
  };

  async function generic(procedureCode: string): Promise<FormView> {
    const p = await catalog().getProcedure(procedureCode);
    if (!p) throw problems.notFound(`thủ tục có mã ${procedureCode}`, 'procedure-not-found');
    return { ...genericForm(p), source: 'generic' };
  }

  /** Stores a written form's version if it is not stored yet (idempotent). */
  async function ensureBuiltin(def: FormDefinition): Promise<void> {
    await store.insert(db, def, 'builtin', digestOf(def), null);
  }

  async function current(procedureCode: string): Promise<FormView> {
    const builtin = BUILTIN_FORMS.get(procedureCode);
    const stored = await store.latest(db, procedureCode);
    if (builtin && (!stored || stored.definition.version < builtin.version)) {
      await ensureBuiltin(builtin);
      return { ...builtin, source: 'builtin' };
    }
    if (stored) return { ...stored.definition, source: stored.source };
    return generic(procedureCode);
  }

  async function version(procedureCode: string, v: number): Promise<FormView> {
    if (v === 0) return generic(procedureCode);
    const key = `${procedureCode}@${v}`;
    const hit = versions.get(key);
    if (hit) return hit;
    let stored = await store.getVersion(db, procedureCode, v);
    const builtin = BUILTIN_FORMS.get(procedureCode);
    if (!stored && builtin?.version === v) {
      await ensureBuiltin(builtin);
      stored = await store.getVersion(db, procedureCode, v);
    }
    if (!stored) throw problems.notFound(`phiên bản ${v} của biểu mẫu thủ tục ${procedureCode}`, 'form-version-not-found');
    const view: FormView = { ...stored.definition, source: stored.source };
    versions.set(key, view);
    return view;
  }

  const ops = formOperations({ current, version }, now);

  return {
    ...ops,

    /** The current form's answers prefilled from what the platform knows about the signed-in citizen. */
    async prefill(procedureCode: string, principal: Principal | null, answers: Answers = {}, channel: FormChannel = 'online'): Promise<{ version: number; answers: Answers }> {
      const def = await current(procedureCode);
      return { version: def.version, answers: prefillAnswers(def, personOf(principal), answers, channel) };
    },

    /**
     * The same operations on the forms of some procedures read once now, never touching the database
     * afterwards: for work done inside one open transaction (the demo), where PGlite's single connection
     * must not be asked anything else.
     */
    async snapshot(procedureCodes: readonly string[]): Promise<FormOperations> {
      const currents = new Map<string, FormView>();
      for (const code of procedureCodes) currents.set(code, await current(code));
      const known = (code: string) => {
        const f = currents.get(code);
        if (!f) throw problems.unavailable(`Biểu mẫu của thủ tục ${code} chưa được nạp.`);
        return f;
      };
      return formOperations(
        {
          current: async (code) => known(code),
          version: async (code, v) => {
            const f = known(code);
            if (f.version !== v) throw problems.notFound(`phiên bản ${v} của biểu mẫu thủ tục ${code}`, 'form-version-not-found');
            return f;
          },
        },
        now,
      );
    },

    /** Publishes a new version of a procedure's form (province administrator); dossiers keep the version they were filled with. */
    async publish(procedureCode: string, body: unknown, actor: FormsActor): Promise<FormView> {
      const parsed = FormDefinitionSchema.safeParse({ ...(body as object), procedureCode, version: 1 });
      if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const issues = checkDefinition(parsed.data);
      if (issues.length) throw problems.unprocessable('form-definition-inconsistent', issues.join(' '), { issues });
      if (parsed.data.result && !RESULT_BUILDERS[parsed.data.result.kind])
        throw problems.unprocessable('result-kind-unknown', `Không có mẫu kết quả "${parsed.data.result.kind}"; các mẫu có: ${Object.keys(RESULT_BUILDERS).join(', ')}.`);
      if (!(await catalog().getProcedure(procedureCode))) throw problems.notFound(`thủ tục có mã ${procedureCode}`, 'procedure-not-found');
      const base = await current(procedureCode);
      const def: FormDefinition = { ...parsed.data, version: Math.max(base.version, 0) + 1 };
      await db.transaction(async (tx) => {
        if (!(await store.insert(tx, def, 'custom', digestOf(def), actor.principal.id))) throw problems.conflict('version-conflict', 'Biểu mẫu vừa được người khác cập nhật; hãy tải lại.');
        await ctx.services.audit?.append(tx, {
          actor: { kind: actor.principal.kind, id: actor.principal.id, subject: actor.principal.subject },
          actingUnit: actor.principal.unitCode ?? null,
          action: 'forms.form.publish',
          target: `form:${procedureCode}@${def.version}`,
          ip: actor.ip ?? null,
          requestId: actor.requestId ?? null,
          before: { version: base.version, source: base.source },
          after: def,
        });
        await emitEvent(tx, { type: 'forms.form.published', aggregateType: 'form', aggregateId: procedureCode, payload: { procedureCode, version: def.version } });
      });
      return { ...def, source: 'custom' };
    },

    async listVersions(procedureCode: string) {
      return store.versions(db, procedureCode);
    },

    /** Stores every written form's version (start-up; idempotent) and reports a written form changed without a new version. */
    async seedBuiltins(): Promise<{ stored: number; changedWithoutNewVersion: string[] }> {
      let stored = 0;
      const changed: string[] = [];
      for (const def of BUILTIN_FORMS.values()) {
        const digest = digestOf(def);
        if (await store.insert(db, def, 'builtin', digest, null)) stored++;
        else {
          const s = await store.getVersion(db, def.procedureCode, def.version);
          if (s && s.source === 'builtin' && s.digest !== digest) changed.push(`${def.procedureCode}@${def.version}`);
        }
      }
      return { stored, changedWithoutNewVersion: changed };
    },
  };
}

/** Validating, the documents that apply and the result paper, on forms read from `source`. */
function formOperations(source: { current(code: string): Promise<FormView>; version(code: string, v: number): Promise<FormView> }, now: () => Date) {
  const { current, version } = source;
  async function check(input: SubmissionInput): Promise<Checked> {
    const def = input.version === undefined ? await current(input.procedureCode) : await version(input.procedureCode, input.version);
    const r = validateAnswers(def, input.answers ?? {}, { channel: input.channel, today: vietnamToday(now()), mode: input.mode });
    return { version: def.version, answers: r.answers, errors: r.errors, documents: applicableDocuments(def, { answers: r.answers, channel: input.channel }) };
  }
  return {
    current,
    version,
    check,

    /** Validates a submission; a wrong answer is a 422 `form-invalid` problem with one message per field. */
    async validateSubmission(input: SubmissionInput): Promise<Omit<Checked, 'errors'>> {
      const r = await check(input);
      if (r.errors.length) throw formInvalid(r.errors);
      return { version: r.version, answers: r.answers, documents: r.documents };
    },

    /** The documents that apply to answers already validated against a version. */
    async applicableDocuments(procedureCode: string, v: number, answers: Answers, channel?: FormChannel): Promise<ApplicableDocument[]> {
      return applicableDocuments(await version(procedureCode, v), { answers, channel });
    },

    /**
     * The official result paper of a dossier filled with a written form (null for a generic form, a form
     * without a result model, or a dossier without answers): the same call serves the signature and the
     * leader's preview.
     */
    async resultDocument(input: { procedureCode: string; version: number | null; answers: Answers | null; context: ResultContext }): Promise<ResultDocument | null> {
      if (!input.version || !input.answers) return null;
      const def = await version(input.procedureCode, input.version);
      const build = def.result ? RESULT_BUILDERS[def.result.kind] : undefined;
      return build ? build(input.answers, input.context) : null;
    },
  };
}

/** What other modules use to validate a submission and to build its result paper (the service or a snapshot of it). */
export type FormOperations = ReturnType<typeof formOperations>;
export type FormsService = ReturnType<typeof createFormsService>;
export type { FormDefinitionInput };
