import type { Principal } from '../../platform/access.ts';
import { problems } from '../../platform/errors.ts';
import type { PlatformContext } from '../../platform/modules.ts';
import type { DossierView } from '../dossiers/index.ts';
import type { PublishedDataset } from './adapters/ndxp.ts';
import { decideRelease, PERSONAL, type Classification, type DatasetField } from './domain/release.ts';
import type { ExchangeLog } from './exchange.ts';

/**
 * The catalogue of datasets the province shares (issue 10 §5): owner, classification, legal basis, fields
 * with their own classification, and which client may read which fields (grants). A record is released
 * field by field (domain/release.ts); each release is logged here, in the exchange log, and — for a
 * dossier — as a read by the receiving agency in the applicant's "Ai đã xem hồ sơ của tôi".
 */
export interface DatasetView {
  code: string;
  name: string;
  ownerUnit: string;
  classification: Classification;
  legalBasis: string;
  fields: DatasetField[];
}

export interface GrantView {
  clientId: string;
  dataset: string;
  fields: string[];
  legalBasis: string | null;
  grantedAt: string;
}

/** The datasets shipped with the platform (reference data; a province adds its own). */
export const SHIPPED_DATASETS: DatasetView[] = [
  {
    code: 'ho-so-tthc',
    name: 'Hồ sơ thủ tục hành chính',
    ownerUnit: '25.VPUBND',
    classification: 'personal',
    legalBasis: 'Nghị định 118/2025/NĐ-CP; Thông tư 03/2025/TT-VPCP; Nghị định 278/2025/NĐ-CP',
    fields: [
      { name: 'code', label: 'Mã hồ sơ', classification: 'public' },
      { name: 'procedureCode', label: 'Mã thủ tục', classification: 'public' },
      { name: 'procedureName', label: 'Tên thủ tục', classification: 'public' },
      { name: 'nationalStatus', label: 'Trạng thái (mã quốc gia)', classification: 'public' },
      { name: 'status', label: 'Trạng thái chi tiết', classification: 'internal' },
      { name: 'receivingUnit', label: 'Đơn vị tiếp nhận', classification: 'internal' },
      { name: 'receivedAt', label: 'Ngày tiếp nhận', classification: 'internal' },
      { name: 'dueAt', label: 'Ngày hẹn trả', classification: 'internal' },
      { name: 'applicantName', label: 'Họ tên người nộp', classification: 'personal' },
      { name: 'applicantIdNumber', label: 'Số định danh cá nhân người nộp', classification: 'personal' },
      { name: 'applicantAddress', label: 'Địa chỉ người nộp', classification: 'personal' },
    ],
  },
];

/** The value of each field of the dossier dataset. */
function dossierRecord(d: DossierView): Record<string, unknown> {
  return {
    code: d.code,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name ?? null,
    nationalStatus: d.nationalStatus.code,
    status: d.status,
    receivingUnit: d.receivingUnit,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    applicantName: d.applicant.fullName,
    applicantIdNumber: d.applicant.idNumber ?? null,
    applicantAddress: d.applicant.address ?? null,
  };
}

interface DatasetRow {
  code: string;
  name: string;
  owner_unit: string;
  classification: Classification;
  legal_basis: string;
  fields: DatasetField[];
}
const datasetView = (r: DatasetRow): DatasetView => ({ code: r.code, name: r.name, ownerUnit: r.owner_unit, classification: r.classification, legalBasis: r.legal_basis, fields: r.fields });

export function createCatalogue(ctx: PlatformContext, exchange: ExchangeLog) {
  const db = ctx.db;
  const audit = ctx.services.audit!;

  async function dataset(code: string): Promise<DatasetView | null> {
    const r = await db.query<DatasetRow>(`SELECT * FROM integration.dataset WHERE code = $1`, [code]);
    return r.rows[0] ? datasetView(r.rows[0]) : null;
  }

  return {
    async seed(): Promise<void> {
      for (const d of SHIPPED_DATASETS)
        await db.query(
          `INSERT INTO integration.dataset (code, name, owner_unit, classification, legal_basis, fields) VALUES ($1,$2,$3,$4,$5,$6)
           ON CONFLICT (code) DO NOTHING`,
          [d.code, d.name, d.ownerUnit, d.classification, d.legalBasis, JSON.stringify(d.fields)],
        );
    },

    async list(): Promise<DatasetView[]> {
      return (await db.query<DatasetRow>(`SELECT * FROM integration.dataset ORDER BY code`)).rows.map(datasetView);
    },

    dataset,

    async grants(filter: { clientId?: string }): Promise<GrantView[]> {
      const r = await db.query<{ client_id: string; dataset_code: string; fields: string[]; legal_basis: string | null; granted_at: Date }>(
        `SELECT * FROM integration.dataset_grant WHERE ($1::text IS NULL OR client_id = $1) ORDER BY client_id, dataset_code`,
        [filter.clientId ?? null],
      );
      return r.rows.map((x) => ({ clientId: x.client_id, dataset: x.dataset_code, fields: x.fields, legalBasis: x.legal_basis, grantedAt: new Date(x.granted_at).toISOString() }));
    },

    /** Grants (or replaces) a client's fields of a dataset. Personal fields need a legal basis. */
    async grant(p: Principal, input: { clientId: string; dataset: string; fields: string[]; legalBasis: string | null }): Promise<GrantView> {
      const ds = await dataset(input.dataset);
      if (!ds) throw problems.notFound(`bộ dữ liệu ${input.dataset}`, 'dataset-not-found');
      const unknown = input.fields.filter((f) => !ds.fields.some((x) => x.name === f));
      if (unknown.length) throw problems.unprocessable('field-unknown', `Bộ dữ liệu ${ds.code} không có trường: ${unknown.join(', ')}.`, { unknown });
      const personal = ds.fields.filter((f) => input.fields.includes(f.name) && PERSONAL.has(f.classification)).map((f) => f.name);
      const legalBasis = input.legalBasis?.trim() || null;
      if (personal.length && !legalBasis)
        throw problems.unprocessable('legal-basis-required', `Các trường dữ liệu cá nhân (${personal.join(', ')}) chỉ được cấp khi nêu căn cứ pháp lý.`, { personal });
      return db.transaction(async (tx) => {
        const c = await tx.query(`SELECT 1 FROM integration.client WHERE id = $1`, [input.clientId]);
        if (!c.rows.length) throw problems.notFound(`hệ thống kết nối ${input.clientId}`, 'client-not-found');
        const fields = [...new Set(input.fields)].sort();
        const r = await tx.query<{ granted_at: Date }>(
          `INSERT INTO integration.dataset_grant (client_id, dataset_code, fields, legal_basis, granted_by) VALUES ($1,$2,$3,$4,$5)
           ON CONFLICT (client_id, dataset_code) DO UPDATE SET fields = EXCLUDED.fields, legal_basis = EXCLUDED.legal_basis, granted_at = now(), granted_by = EXCLUDED.granted_by
           RETURNING granted_at`,
          [input.clientId, ds.code, fields, legalBasis, p.id],
        );
        await audit.append(tx, { actor: { kind: p.kind, id: p.id, subject: p.subject }, action: 'integration.grant.set', target: `grant:${input.clientId}/${ds.code}`, after: { fields, legalBasis } });
        return { clientId: input.clientId, dataset: ds.code, fields, legalBasis, grantedAt: new Date(r.rows[0]!.granted_at).toISOString() };
      });
    },

    /** Answers a client's query for one record: only the granted fields, each release logged. */
    async query(client: Principal, datasetCode: string, key: string, requestId: string | null): Promise<{ dataset: string; key: string; record: Record<string, unknown>; withheld: { field: string; reason: string }[] }> {
      const ds = await dataset(datasetCode);
      if (!ds) throw problems.notFound(`bộ dữ liệu ${datasetCode}`, 'dataset-not-found');
      const g = (await db.query<{ fields: string[]; legal_basis: string | null }>(`SELECT fields, legal_basis FROM integration.dataset_grant WHERE client_id = $1 AND dataset_code = $2`, [client.id, ds.code])).rows[0];
      const decision = decideRelease(ds.fields, g ? { fields: g.fields, legalBasis: g.legal_basis } : null);
      if (!decision.released.length) throw problems.forbidden(`Hệ thống kết nối chưa được cấp quyền đọc bộ dữ liệu ${ds.name}.`);
      if (ds.code !== 'ho-so-tthc') throw problems.notFound(`bản ghi ${key}`, 'record-not-found');
      const d = await ctx.services.dossiers!.release(key, { clientId: client.id, agencyName: client.displayName, dataset: ds.code, requestId });
      if (!d) throw problems.notFound(`hồ sơ ${key}`, 'record-not-found');
      const full = dossierRecord(d);
      const record = Object.fromEntries(decision.released.map((f) => [f, full[f] ?? null]));
      await db.query(`INSERT INTO integration.release (client_id, dataset_code, record_key, fields, legal_basis) VALUES ($1,$2,$3,$4,$5)`, [client.id, ds.code, key, decision.released, decision.personal ? g!.legal_basis : null]);
      await exchange.append({ system: 'client', direction: 'inbound', clientId: client.id, operation: `datasets.${ds.code}.query`, request: { dataset: ds.code, key }, response: record, status: 200 });
      return { dataset: ds.code, key, record, withheld: decision.withheld };
    },

    /** The catalogue as published to the national data coordination platform (metadata only). */
    async published(publicUrl: string): Promise<PublishedDataset[]> {
      return (await this.list()).map((d) => ({ ...d, endpoint: `${publicUrl}/api/v1/datasets/${d.code}/records/{key}` }));
    },
  };
}

export type Catalogue = ReturnType<typeof createCatalogue>;
