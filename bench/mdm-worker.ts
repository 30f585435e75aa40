/**
 * A benchmark worker thread (bench/mdm.ts): builds its own units matcher from the reference files, then
 * standardises the person rows it is sent into match records — the standardisation step spread over the
 * machine's cores. Messages: in { id, mapping, rows }, out { id, ids, records, rejected }.
 */
import path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { projectRoot } from '../src/platform/config.ts';
import { readDataset } from '../src/modules/units/source.ts';
import { buildMatcher } from '../src/modules/units/domain/matcher.ts';
import { memoisedMatcher } from '../src/modules/mdm/domain/address.ts';
import { parseMapping } from '../src/modules/mdm/domain/mapping.ts';
import { standardiseRow } from '../src/modules/mdm/domain/pipeline.ts';
import { toMatchRecord, type MatchRecord } from '../src/modules/mdm/domain/match.ts';

const { today } = workerData as { today: string };
const ds = readDataset(path.join(projectRoot, 'reference', 'admin-units'));
const matcher = buildMatcher({ ...ds, today });
const memo = new Map<string, ReturnType<typeof memoisedMatcher>>();
parentPort!.postMessage({ ready: true });
parentPort!.on('message', (msg: { id: number; source: string; mapping: unknown; rows: Record<string, unknown>[] }) => {
  const mapping = parseMapping(msg.mapping);
  let mm = memo.get(msg.source);
  if (!mm) memo.set(msg.source, (mm = memoisedMatcher(matcher)));
  const ids: string[] = [];
  const records: MatchRecord[] = [];
  let rejected = 0;
  for (const row of msg.rows) {
    const s = standardiseRow(row, mapping, { matcher: mm, today });
    if (!s.ok || s.entity !== 'person') continue;
    for (const i of s.issues) if (i.severity === 'rejected') rejected++;
    ids.push(s.recordId);
    records.push(toMatchRecord(s.person));
  }
  parentPort!.postMessage({ id: msg.id, ids, records, rejected });
});
