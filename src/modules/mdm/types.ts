/** The contract of the mdm module (`ctx.services.mdm`). */
import type { Principal } from '../../platform/access.ts';
import type { GoldenPerson, Lineage, Conflict } from './domain/golden.ts';
import type { QualityReport } from './domain/quality.ts';
import type { WeightPart } from './domain/match.ts';
import type { RawPerson } from './domain/person.ts';
import type { Issue } from './domain/issues.ts';
import type { ExportEntity, ExportFormat } from './export.ts';

export interface RunSource {
  /** the mapping with its connector (docs/mdm.md) */
  mapping: unknown;
}

export interface RunConfig {
  sources: unknown[];
  thresholds?: { autoMerge?: number; review?: number };
}

export interface RunSummary {
  runId: number;
  mode: 'full' | 'incremental';
  read: number;
  /** rows standardised on worker threads (a source's rows after its first 20,000; 0 with MDM_WORKERS=0) */
  standardisedOnWorkers: number;
  changed: number;
  unchanged: number;
  skipped: { sourceId: string; reason: string; count: number }[];
  persons: number;
  businesses: number;
  golden: number;
  autoMergedPairs: number;
  reviewPairs: number;
  conflicts: number;
  ms: number;
  quality: QualityReport['overall'];
}

export interface GoldenView {
  id: string;
  entity: 'person' | 'business';
  data: GoldenPerson | Record<string, unknown>;
  lineage: Record<string, Lineage>;
  conflicts: Conflict[];
  members: { sourceId: string; recordId: string }[];
  updatedAt: string;
}

export interface MatchCandidate {
  goldenId: string;
  probability: number;
  weight: number;
  decision: 'merge' | 'review' | 'distinct';
  golden: GoldenPerson;
  parts: WeightPart[];
}

export interface MatchAnswer {
  candidates: MatchCandidate[];
  issues: Issue[];
}

export interface ReviewItem {
  id: number;
  /** a pair of persons or of businesses (enterprises, household businesses) */
  entity: 'person' | 'business';
  probability: number;
  weight: number;
  status: 'open' | 'merged' | 'distinct';
  parts: WeightPart[];
  a: { sourceId: string; recordId: string; raw: Record<string, unknown>; clean: Record<string, unknown>; goldenId: string | null };
  b: { sourceId: string; recordId: string; raw: Record<string, unknown>; clean: Record<string, unknown>; goldenId: string | null };
}

export interface ActionMeta {
  actor: Principal | null;
  ip?: string | null;
  requestId?: string | null;
}

export interface MdmService {
  /** `workers`: threads that standardise (default MDM_WORKERS or the machine's cores; 0 = the calling thread only). */
  run(config: RunConfig, opts?: { mode?: 'full' | 'incremental'; baseDir?: string; meta?: ActionMeta; workers?: number }): Promise<RunSummary>;
  matchPerson(input: RawPerson, meta: ActionMeta, limit?: number): Promise<MatchAnswer>;
  golden(id: string, meta: ActionMeta): Promise<GoldenView | null>;
  listGolden(opts: { q?: string; page?: number; pageSize?: number }): Promise<{ items: { id: string; full_name: string | null; birth_date: string | null; members: number; conflicts: number }[]; total: number }>;
  reviews(opts: { status?: 'open' | 'merged' | 'distinct'; page?: number; pageSize?: number }, meta: ActionMeta): Promise<{ items: ReviewItem[]; total: number }>;
  decide(reviewId: number, decision: 'merge' | 'distinct', meta: ActionMeta): Promise<{ actionId: number; goldenIds: string[] }>;
  split(goldenId: string, sourceId: string, recordId: string, meta: ActionMeta): Promise<{ actionId: number; goldenIds: string[] }>;
  undo(actionId: number, meta: ActionMeta): Promise<{ actionId: number; goldenIds: string[] }>;
  quality(): Promise<{ latest: QualityReport | null; trend: { runId: number; finishedAt: string; overall: QualityReport['overall'] }[] }>;
  /** streams the golden records of one entity (persons by default) with lineage; ends `out`; returns the count */
  exportGolden(out: NodeJS.WritableStream, opts?: { lineage?: boolean; format?: ExportFormat; entity?: ExportEntity }): Promise<number>;
}
