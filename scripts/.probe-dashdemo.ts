import { openRuntime } from '../src/main.ts';
import { loadConfig } from '../src/platform/config.ts';
const rt = await openRuntime(loadConfig({ ...process.env }));
const a = rt.ctx.services.analytics!;
await a.rebuild();
for (const key of process.argv.slice(2)) {
  const p = a.resolvePeriod({ period: key });
  const r = await a.ranking('25', 'commune', p);
  const classes: Record<string, number> = {};
  for (const row of r.rows) classes[row.class ?? '-'] = (classes[row.class ?? '-'] ?? 0) + 1;
  const late = r.rows.reduce((s, x) => s + x.late, 0), rec = r.rows.reduce((s, x) => s + x.received, 0);
  const prov = await a.serviceIndex({ provinceCode: '25' }, p);
  console.log(key, JSON.stringify(classes), 'received', rec, 'late', late, 'province', prov.index.scaled, prov.index.class);
}
{
  const p = a.resolvePeriod({ period: '2026' });
  const r = await a.ranking('25', 'commune', p);
  for (const row of r.rows.slice(0, 3)) {
    const x = await a.serviceIndex({ provinceCode: '25', unit: row.unit.code }, p);
    console.log(row.unit.name, x.index.scaled, x.index.total, x.index.maxWithData, x.index.indicators.filter(i => i.points !== null).map(i => `${i.id}=${i.points}/${i.max} (${i.numerator}/${i.denominator})`).join('; '));
  }
}
await rt.close();
