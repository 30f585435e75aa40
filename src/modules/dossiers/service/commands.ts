import crypto from 'node:crypto';
import type { Queryable } from '../../../platform/db.ts';
import { Problem, problems } from '../../../platform/errors.ts';
import { vnDate } from '../../../platform/vietnamese.ts';
import { formatDossierCode } from '../domain/code.ts';
import { newDossier } from '../domain/create.ts';
import { onlyConfirmationsSince } from '../domain/national-sync.ts';
import type { Dossier } from '../domain/model.ts';
import { isStepAction, type ProcessDefinition } from '../domain/process.ts';
import { assertActionAvailable, assertStepAllows, decideCompetence } from '../domain/rules.ts';
import { ownerKey, unavailableUploads, uploadsNamed } from '../domain/staging.ts';
import { ACTION_LABELS, CHANNEL_INFO, isAction, isActionAvailable, type Action, type Channel } from '../domain/states.ts';
import { CreateDossierSchema, type CreateDossierInput, type DossierView } from '../schemas.ts';
import * as store from '../store.ts';
import { checkDraftForm, fillForm } from './forms.ts';
import type { DossiersConfiguration } from './configuration.ts';
import { versionConflict, type Caller, type DossiersCore } from './core.ts';

/** The commands that change a dossier: submit (online or at the counter) and every workflow action. */
export function createCommands(core: DossiersCore, config: Pick<DossiersConfiguration, 'identifierFor' | 'ensureDefinition' | 'deploymentProvince'>) {
  const { db, ports, now, calendar, view, actorOf, applyInTx, parseInput, definition, mayAct, mayRead, writeSideEffects } = core;
  const { identifierFor, ensureDefinition, deploymentProvince } = config;

  const stepAllows = (def: ProcessDefinition, step: number, action: Action) =>
    !isStepAction(action) || !!(def.steps[step]?.actions as readonly string[] | undefined)?.includes(action);

  /** 409 `action-already-applied` when the dossier's last transition is this action by this caller (a retry). */
  async function alreadyApplied(tx: Queryable, d: Dossier, action: Action, caller: Caller) {
    const last = await store.lastTransition(tx, d.code);
    if (!last || last.action !== action || last.actor_id !== caller.principal?.id) return null;
    return new Problem(409, 'action-already-applied', 'Thao tác đã được thực hiện', `Thao tác "${ACTION_LABELS[action]}" đã được thực hiện trên hồ sơ này (phiên bản ${last.version}); không cần gửi lại.`, {
      action,
      version: d.version,
      appliedInVersion: last.version,
    });
  }

  return {
    /** Submits a dossier online (citizen, API client) or at the counter (receiving officer; received at once by default). */
    async create(raw: CreateDossierInput, caller: Caller, o: { idempotencyKey?: string } = {}): Promise<{ dossier: DossierView; created: boolean }> {
      const p = caller.principal;
      if (!p) throw problems.unauthenticated();
      const parsedInput = CreateDossierSchema.safeParse(raw);
      if (!parsedInput.success)
        throw problems.validation(parsedInput.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const input = parsedInput.data;
      const { units, catalog } = ports();

      const proc = await catalog.getProcedure(input.procedureCode);
      if (!proc) throw problems.unprocessable('procedure-unknown', `Không có thủ tục ${input.procedureCode} trong danh mục.`);

      const isCitizen = p.kind === 'citizen';
      const isOfficial = p.kind === 'official';
      const official = isOfficial ? await units.resolveOrgUnit(input.receivingUnit ?? p.unitCode ?? '') : null;
      if (isOfficial && !official) throw problems.badRequest('receiving-unit-unknown', 'Không xác định được đơn vị tiếp nhận hồ sơ.');
      const channel: Channel = input.channel ?? (isOfficial ? 'counter' : isCitizen ? 'province_portal' : 'national_portal');
      if (isCitizen && !CHANNEL_INFO[channel].online) throw problems.badRequest('channel-invalid', 'Người dân nộp hồ sơ trực tuyến (province_portal hoặc national_portal).');
      if (isOfficial && CHANNEL_INFO[channel].online) throw problems.badRequest('channel-invalid', 'Hồ sơ tiếp nhận tại quầy có kênh counter hoặc post.');

      const commune = input.communeCode ? await units.resolveOrgUnit(input.communeCode) : official?.kind === 'commune' ? official : null;
      if (input.communeCode && (!commune || commune.kind !== 'commune')) throw problems.unprocessable('commune-unknown', `Không có xã, phường mã ${input.communeCode}.`);
      const provinceCode = official?.provinceCode ?? commune?.provinceCode ?? input.provinceCode ?? (await deploymentProvince());

      // Routing: which unit decides, and whether the province may handle it at all
      const where = await catalog.whereOffered(provinceCode, proc.code);
      const levels = proc.levels;
      let level: 'commune' | 'province' | null = where
        ? where.offering.scope === 'agency'
          ? 'province'
          : 'commune'
        : levels.includes('commune')
          ? 'commune'
          : levels.includes('province')
            ? 'province'
            : null;
      const offering = where
        ? { scope: where.offering.scope, communes: where.offering.commune_codes, agencyCode: where.offering.agency_code }
        : level === 'commune'
          ? { scope: 'all_communes' as const }
          : null;
      const competence = decideCompetence({ level, provinceCode, offering, commune: commune ? { code: commune.code, provinceCode: commune.provinceCode } : null });
      if (!competence.ok) throw problems.unprocessable('outside-competence', competence.reason, { reason: competence.reason });
      level = level!;

      // Where it is received and returned
      let receivingUnit: string;
      if (official) {
        receivingUnit = official.code;
        if (official.provinceCode !== provinceCode) throw problems.unprocessable('outside-province', 'Đơn vị tiếp nhận không thuộc tỉnh giải quyết hồ sơ.');
        if (!caller.can('dossiers.receive', { unitCode: receivingUnit, field: proc.field }))
          throw problems.forbidden('Bạn không được tiếp nhận hồ sơ lĩnh vực này tại đơn vị này.');
      } else if (level === 'commune') receivingUnit = competence.decidingUnit;
      else {
        const center = await units.resolveOrgUnit(`${provinceCode}.TTPVHCC`);
        receivingUnit = center?.code ?? competence.decidingUnit;
      }
      let returningUnit = receivingUnit;
      if (input.returnUnit) {
        const r = await units.resolveOrgUnit(input.returnUnit);
        if (!r || r.provinceCode !== provinceCode) throw problems.unprocessable('return-unit-invalid', 'Nơi trả kết quả phải là một đơn vị của tỉnh.');
        returningUnit = r.code;
      }
      const returnMethod = input.returnMethod ?? (CHANNEL_INFO[channel].online ? 'online' : 'counter');

      const def = await ensureDefinition(proc.code, level);
      const fee = await catalog.effectiveFee(provinceCode, proc.code, CHANNEL_INFO[channel].online ? 'online' : channel === 'post' ? 'post' : 'in_person').catch(() => null);
      const feeAmount = fee?.amount_vnd && fee.amount_vnd > 0 ? Math.round(fee.amount_vnd) : 0;
      const identifier = await identifierFor(receivingUnit, provinceCode);
      const cal = await calendar();
      const at = now();
      const requestHash = crypto.createHash('sha256').update(JSON.stringify(input)).digest('hex');
      const applicantSubject = isCitizen ? p.subject : (input.applicant.idNumber ?? null);
      const draft = isCitizen && input.draft;
      // the files were uploaded and checked before (staged, the caller's own): named here, taken in the transaction
      const owner = ownerKey(p);
      const named = uploadsNamed(input.documents);
      if (named.duplicates.length) throw problems.validation(named.duplicates);
      const documents = input.documents.map(({ uploadId: _u, ...d }) => d);
      const filled = await fillForm(ports().forms, { procedureCode: proc.code, answers: input.answers, formVersion: input.formVersion, documents, draft }, { channel, citizen: isCitizen });

      return db.transaction(async (tx) => {
        if (o.idempotencyKey) {
          const claim = await store.claimIdempotencyKey(tx, `${p.kind}:${p.id}`, o.idempotencyKey, requestHash);
          if (!claim.claimed) {
            if (claim.hash !== requestHash)
              throw problems.unprocessable('idempotency-key-reused', 'Lần gửi này khác với lần gửi trước đó của cùng hồ sơ. Tải lại trang, kiểm tra thông tin rồi gửi lại.');
            const prev = claim.dossierCode ? await store.loadDossier(tx, claim.dossierCode) : null;
            if (!prev) throw problems.conflict('idempotency-in-progress', 'Yêu cầu với khóa này đang được xử lý.');
            return { dossier: await view(prev.dossier, prev.trackingSecret, caller, tx, cal), created: false };
          }
        }
        const running = await store.nextRunningNumber(tx, identifier, vnDate(at));
        if (running > 9999) throw problems.unavailable('Đã hết số thứ tự hồ sơ trong ngày của đơn vị tiếp nhận (9999).');
        const code = formatDossierCode(identifier, at, running);
        const secret = crypto.randomBytes(12).toString('base64url');
        const created = newDossier(
          {
            code,
            draft,
            procedureCode: proc.code,
            procedureName: proc.name,
            field: proc.field,
            provinceCode,
            channel,
            source: input.source ?? null,
            receivingUnit,
            decidingUnit: competence.decidingUnit,
            returningUnit,
            returnMethod,
            // a link to a master-data golden record is an official's finding at the counter, never the applicant's claim
            applicant: isCitizen ? { ...input.applicant, masterRecordId: undefined } : input.applicant,
            applicantSubject,
            applicantVerified: isCitizen && p.via !== 'password',
            request: input.request ?? null,
            documents: filled.documents,
            form: filled.form,
            feeAmount,
            at,
          },
          def,
          cal,
        );
        const actor = actorOf(caller);
        await store.insertDossier(tx, created.dossier, secret, at);
        // the staged files become the dossier's attachments here, or nothing is written at all
        const taken = await store.takeStagedUploads(tx, owner, named.ids, code, at);
        if (taken.length !== named.ids.length) {
          const gone = unavailableUploads(input.documents, new Set(taken.map((u) => u.id)));
          throw problems.unprocessable('upload-unavailable', 'Có tệp tải lên không còn dùng được; hãy tải lên lại.', { errors: gone });
        }
        const byId = new Map(taken.map((u) => [u.id, u]));
        for (const doc of input.documents) {
          const u = doc.uploadId ? byId.get(doc.uploadId) : undefined;
          if (!u) continue;
          await store.insertAttachment(tx, {
            id: crypto.randomUUID(),
            dossier_code: code,
            kind: 'document',
            name: doc.name,
            filename: u.filename,
            content_type: u.content_type,
            size: u.size,
            sha256: u.sha256,
            file_key: u.file_key,
            digitised: false,
            uploaded_by: actor.id,
            uploaded_at: u.created_at,
          });
        }
        // the draft this submission came from is used up
        if (!draft) await store.deleteDraft(tx, owner, proc.code);
        await store.insertTransition(tx, code, 1, created.record, actor, at);
        await writeSideEffects(tx, created.dossier, created.record, [], actor, caller, null);
        let d = created.dossier;
        if (isOfficial && input.receive) {
          d = (await applyInTx(tx, d, 'receive', parseInput('receive', { digitised: input.digitised }), caller, at, cal)).next;
        }
        if (o.idempotencyKey) await store.completeIdempotencyKey(tx, `${p.kind}:${p.id}`, o.idempotencyKey, code);
        return { dossier: await view(d, secret, caller, tx, cal), created: true };
      });
    },

    /** Performs an action (`If-Match` = the version the caller saw). One of two concurrent actors gets 409. */
    async act(code: string, action: string, rawInput: unknown, caller: Caller, o: { ifMatch?: number } = {}): Promise<DossierView> {
      if (!isAction(action)) throw problems.notFound(`thao tác ${action}`, 'action-unknown');
      if (!caller.principal) throw problems.unauthenticated();
      const input = parseInput(action, rawInput);
      if (action === 'submit') {
        const draft = await store.loadDossier(db, code);
        if (draft) await checkDraftForm(ports().forms, draft.dossier);
      }
      if (action === 'request_consultation') {
        const u = await ports().units.resolveOrgUnit((input as { unitCode: string }).unitCode);
        if (!u) throw problems.unprocessable('unit-unknown', 'Không có đơn vị được xin ý kiến.');
      }
      // the signer's position decides how the result is signed: read it before the transaction opens
      const p = caller.principal;
      if (action === 'sign' && caller.position === undefined && p.kind === 'official')
        caller = { ...caller, position: (await ports().people?.official(p.id).catch(() => null))?.position ?? null };
      const cal = await calendar();
      const at = now();
      return db.transaction(async (tx) => {
        const stored = await store.loadDossier(tx, code);
        if (!stored) throw problems.notFound(`hồ sơ ${code}`, 'dossier-not-found');
        const d = stored.dossier;
        const def = await definition(tx, d.procedureCode, d.processVersion);
        if (!mayRead(d, caller)) throw problems.forbidden('Hồ sơ không thuộc đơn vị hoặc lĩnh vực bạn phụ trách.');
        // A caller who sees the dossier learns first that it moved on (409), then whether they may act (403):
        // a retried action that was already applied must be told apart from one that was refused.
        // versions written since the caller's by the national portal's confirmations alone do not count (ADR 0135)
        if (o.ifMatch !== undefined && o.ifMatch !== d.version && !(o.ifMatch < d.version && onlyConfirmationsSince(await store.actionsSince(tx, code, o.ifMatch))))
          throw (await alreadyApplied(tx, d, action, caller)) ?? versionConflict(d.version);
        if (!isActionAvailable(d.status, action) || !stepAllows(def, d.step, action)) {
          const applied = await alreadyApplied(tx, d, action, caller);
          if (applied) throw applied;
          assertActionAvailable(d, action);
          assertStepAllows(def, d.step, action);
        }
        if (!mayAct(d, action, def, caller))
          throw (await alreadyApplied(tx, d, action, caller)) ?? problems.forbidden('Bạn không có vai trò thực hiện thao tác này ở bước hiện tại của hồ sơ.');
        const decision = await applyInTx(tx, d, action, input, caller, at, cal);
        return view(decision.next, stored.trackingSecret, caller, tx, cal);
      });
    },

  };
}
