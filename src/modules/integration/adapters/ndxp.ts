import type { ExternalSystem } from '../config.ts';
import type { ExchangeLog } from '../exchange.ts';
import { callSystem } from './http-client.ts';

/**
 * The national data coordination platform (Nền tảng điều phối dữ liệu quốc gia; Nghị định 278/2025): the
 * province's node publishes the catalogue of datasets it shares (metadata only: names, owners,
 * classifications, legal bases, fields), so that other agencies can find them and ask for a grant; their
 * queries then reach this platform as client systems (same tokens, scopes, grants and exchange log).
 */
export interface PublishedDataset {
  code: string;
  name: string;
  ownerUnit: string;
  classification: string;
  legalBasis: string;
  fields: { name: string; label: string; classification: string }[];
  endpoint: string;
}

export interface NdxpAdapter {
  publish(province: string, datasets: PublishedDataset[]): Promise<{ accepted: number }>;
}

export function ndxpHttp(target: ExternalSystem, log: ExchangeLog): NdxpAdapter {
  return {
    async publish(province, datasets) {
      return callSystem<{ accepted: number }>('ndxp', target, log, { method: 'PUT', path: `/api/v1/nut/${encodeURIComponent(province)}/du-lieu`, body: { datasets }, operation: 'ndxp.catalogue.publish' });
    },
  };
}
