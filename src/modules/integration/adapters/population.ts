import type { ExternalSystem } from '../config.ts';
import type { ExchangeLog } from '../exchange.ts';
import { callSystem } from './http-client.ts';

/**
 * The national population database (Cơ sở dữ liệu quốc gia về dân cư): does this identification number
 * belong to a person with this full name and date of birth? The answer says which of the two differ,
 * never the registered values themselves.
 */
export type PopulationResult = { result: 'match' } | { result: 'mismatch'; mismatched: ('fullName' | 'dateOfBirth')[] } | { result: 'not_found' };

export interface PopulationAdapter {
  readonly source: string;
  verify(q: { idNumber: string; fullName: string; dateOfBirth: string }): Promise<PopulationResult>;
}

export function populationHttp(target: ExternalSystem, log: ExchangeLog): PopulationAdapter {
  return {
    source: `csdlqg-dan-cu:${new URL(target.url).host}`,
    async verify(q) {
      return callSystem<PopulationResult>('population', target, log, { method: 'POST', path: '/api/v1/cong-dan/xac-thuc', body: { SoDinhDanh: q.idNumber, HoVaTen: q.fullName, NgaySinh: q.dateOfBirth }, operation: 'population.verify' });
    },
  };
}
