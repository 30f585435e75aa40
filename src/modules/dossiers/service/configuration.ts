import { problems } from '../../../platform/errors.ts';
import { emitEvent } from '../../../platform/outbox.ts';
import { demoIdentifiers, isAgencyIdentifier } from '../domain/code.ts';
import { ProcessBodySchema, defaultProcess, type ProcessBody, type ProcessDefinition } from '../domain/process.ts';
import { channelLimits } from '../ports.ts';
import * as store from '../store.ts';
import { systemCaller, type Caller, type DossiersCore } from './core.ts';

/**
 * Configuration of the dossier engine: the process definitions (versioned; the catalogue-derived default
 * is stored as version 1 on first use) and the units' electronic identifiers used in dossier codes.
 */
export type DossiersConfiguration = ReturnType<typeof createConfiguration>;

export function createConfiguration(core: DossiersCore) {
  const { ctx, db, ports, defs } = core;
  /** The latest version per procedure, cached briefly (a new version applies to new dossiers within the TTL). */
  const latestDefs = new Map<string, { at: number; def: ProcessDefinition }>();
  const identifiers = new Map<string, string>();

  /** The electronic identifier of a receiving unit; outside production, demo values are assigned on first use. */
  async function identifierFor(unitCode: string, provinceCode: string): Promise<string> {
    const cached = identifiers.get(unitCode);
    if (cached) return cached;
    let row = await store.getIdentifier(db, unitCode);
    if (!row && !ctx.config.production) {
      await seedDemoIdentifiers(provinceCode);
      row = await store.getIdentifier(db, unitCode);
    }
    if (!row)
      throw problems.unprocessable('agency-identifier-missing', `Chưa cấu hình mã định danh điện tử (Quyết định 20/2020/QĐ-TTg) cho đơn vị ${unitCode}.`);
    identifiers.set(unitCode, row.identifier);
    return row.identifier;
  }

  async function seedDemoIdentifiers(provinceCode: string): Promise<number> {
    const units = ports().units;
    const [communes, agencies] = await Promise.all([units.listCommunes(provinceCode), units.listAgencies(provinceCode)]);
    const ids = demoIdentifiers(
      provinceCode,
      agencies.map((a) => a.code),
      communes.map((c) => c.code),
    );
    return store.insertIdentifiers(
      db,
      [...ids].map(([unitCode, identifier]) => ({ unitCode, provinceCode, identifier, demo: true })),
    );
  }

  /** The province this deployment serves: configured, else the one most identifiers belong to, else the demo province. */
  async function deploymentProvince(): Promise<string> {
    const env = process.env.PROVINCE_CODE;
    if (env && /^\d{2}$/.test(env)) return env;
    const r = await db.query<{ province_code: string }>(
      'SELECT province_code FROM dossiers.agency_identifier GROUP BY province_code ORDER BY count(*) DESC LIMIT 1',
    );
    return r.rows[0]?.province_code ?? '25';
  }

  /**
   * The latest definition of a procedure, storing the catalogue-derived default as version 1 on first use.
   * The default carries the time limit of every channel, whatever the first dossier's channel was; a
   * default stored before it did (one limit for all channels) is replaced by a new version that does.
   */
  async function ensureDefinition(procedureCode: string, level: 'commune' | 'province'): Promise<ProcessDefinition> {
    const hit = latestDefs.get(procedureCode);
    if (hit && Date.now() - hit.at < core.referenceTtlMs) return hit.def;
    let latest = await store.latestDefinition(db, procedureCode);
    if (!latest || (latest.source === 'default' && !latest.limits)) {
      const derived = await derivedDefault(procedureCode, level);
      if (!latest || derived.limits) {
        await store.insertDefinition(db, { ...derived, version: (latest?.version ?? 0) + 1 }, null);
        latest = (await store.latestDefinition(db, procedureCode))!;
      }
    }
    defs.set(`${procedureCode}@${latest.version}`, latest);
    latestDefs.set(procedureCode, { at: Date.now(), def: latest });
    return latest;
  }

  async function derivedDefault(procedureCode: string, level: 'commune' | 'province'): Promise<ProcessDefinition> {
    const proc = await ports().catalog?.getProcedure(procedureCode);
    const { limit, limits } = channelLimits(proc?.channel_options);
    return defaultProcess(procedureCode, level, limit, limits);
  }

  const useCases = {
    async getProcessDefinition(procedureCode: string): Promise<ProcessDefinition & { versions: { version: number; source: string; createdAt: string }[] }> {
      const latest = await store.latestDefinition(db, procedureCode);
      const versions = (await store.listDefinitionVersions(db, procedureCode)).map((v) => ({ version: v.version, source: v.source, createdAt: new Date(v.created_at).toISOString() }));
      if (latest) return { ...latest, versions };
      const proc = await ports().catalog?.getProcedure(procedureCode);
      if (!proc) throw problems.notFound(`thủ tục ${procedureCode}`, 'procedure-unknown');
      const level = proc.levels.includes('commune') ? 'commune' : 'province';
      return { ...(await derivedDefault(procedureCode, level)), versions };
    },

    /** A province administrator replaces the process of a procedure: a new version; running dossiers keep theirs. */
    async putProcessDefinition(procedureCode: string, body: ProcessBody, caller: Caller): Promise<ProcessDefinition> {
      const parsed = ProcessBodySchema.safeParse(body);
      if (!parsed.success) throw problems.validation(parsed.error.issues.map((i) => ({ path: ['body', ...i.path].join('.'), message: i.message })));
      const proc = await ports().catalog?.getProcedure(procedureCode);
      if (!proc) throw problems.notFound(`thủ tục ${procedureCode}`, 'procedure-unknown');
      const actor = core.actorOf(caller);
      return db.transaction(async (tx) => {
        const latest = await store.latestDefinition(tx, procedureCode);
        const def: ProcessDefinition = { ...parsed.data, procedureCode, version: (latest?.version ?? 0) + 1, source: 'custom' };
        if (!(await store.insertDefinition(tx, def, actor.id))) throw problems.conflict('version-conflict', 'Quy trình vừa được người khác cập nhật; hãy tải lại.');
        await ports().audit?.append(tx, {
          actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
          actingUnit: actor.unitCode ?? null,
          action: 'dossiers.process_definition.update',
          target: `process:${procedureCode}@${def.version}`,
          ip: caller.ip ?? null,
          requestId: caller.requestId ?? null,
          before: latest,
          after: def,
        });
        await emitEvent(tx, { type: 'dossiers.process_definition.changed', aggregateType: 'process_definition', aggregateId: procedureCode, payload: { procedureCode, version: def.version } });
        defs.set(`${procedureCode}@${def.version}`, def);
        latestDefs.delete(procedureCode);
        return def;
      });
    },

    /** The identifiers of the units the caller configures (a province administrator: their province's). */
    async listIdentifiers(provinceCode?: string, caller: Caller = systemCaller()) {
      if (provinceCode && !caller.can('dossiers.configure', { unitCode: provinceCode })) throw problems.forbidden(`Bạn không quản trị tỉnh ${provinceCode}.`);
      return (await store.listIdentifiers(db, provinceCode)).filter((r) => caller.can('dossiers.configure', { unitCode: r.unit_code }));
    },

    async setIdentifier(unitCode: string, identifier: string, caller: Caller): Promise<void> {
      if (!isAgencyIdentifier(identifier)) throw problems.badRequest('identifier-invalid', 'Mã định danh điện tử gồm tối đa 35 ký tự 0–9, A–Z và dấu chấm, bắt đầu bằng một chữ cái và hai chữ số (ví dụ H25.01).');
      // a province administrator configures the units of their own province only (policy: the grant's
      // province reaches the communes the units module lists for it today, and its agencies)
      if (!caller.can('dossiers.configure', { unitCode })) throw problems.forbidden(`Bạn không quản trị đơn vị ${unitCode}: đơn vị này không thuộc tỉnh bạn phụ trách.`);
      const unit = await ports().units.resolveOrgUnit(unitCode);
      if (!unit) throw problems.notFound(`đơn vị ${unitCode}`, 'unit-unknown');
      const actor = core.actorOf(caller);
      await db.transaction(async (tx) => {
        const dup = await tx.query<{ unit_code: string }>('SELECT unit_code FROM dossiers.agency_identifier WHERE identifier = $1 AND unit_code <> $2', [identifier, unitCode]);
        if (dup.rows[0]) throw problems.conflict('identifier-taken', `Mã ${identifier} đã được gán cho đơn vị ${dup.rows[0].unit_code}.`);
        await store.putIdentifier(tx, unitCode, unit.provinceCode, identifier);
        await ports().audit?.append(tx, {
          actor: { kind: actor.kind, id: actor.id, subject: caller.principal?.subject ?? actor.id },
          action: 'dossiers.identifier.update',
          target: `unit:${unitCode}`,
          after: { identifier },
        });
      });
      identifiers.delete(unitCode);
    },

    seedDemoIdentifiers,
  };

  return { useCases, identifierFor, ensureDefinition, deploymentProvince };
}
