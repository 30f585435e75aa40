import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { loadConfig, projectRoot } from '../src/platform/config.ts';
import { ModuleContractError, moduleOrderProblems, requireService, type AppModule } from '../src/platform/modules.ts';
import { openRuntime } from '../src/main.ts';
import { modules, platformModule } from '../src/modules/index.ts';

/**
 * The module contracts: the dependency order of src/modules/index.ts is checked, every service a module
 * reaches is declared, and modules see each other only through type-only imports of index.ts.
 */

const modulesDir = path.join(projectRoot, 'src', 'modules');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && e.name !== 'testkit.ts' && e.name !== 'testing.ts') out.push(p);
  }
  return out;
}

const byName = (n: string) => modules.find((m) => m.name === n)!;

describe('module contracts', () => {
  it('the dependency order of src/modules/index.ts is right', () => {
    assert.deepEqual(moduleOrderProblems(modules), []);
    for (const m of modules) if (m.name !== 'platform' && m.name !== 'web') assert.equal(m.provides, m.name, `${m.name} provides its service under its name`);
  });

  it('says in Vietnamese which module is misplaced or missing', () => {
    const swapped = modules.filter((m) => m.name !== 'catalog');
    swapped.splice(swapped.indexOf(byName('dossiers')) + 1, 0, byName('catalog'));
    const problems = moduleOrderProblems(swapped);
    assert.ok(problems.some((p) => /Mô-đun "dossiers" cần dịch vụ "catalog" nhưng mô-đun "catalog" cung cấp nó được xếp sau; hãy đặt "catalog" trước "dossiers"/.test(p)), problems.join('\n'));
    const missing = moduleOrderProblems(modules.filter((m) => m.name !== 'calendar'));
    assert.ok(missing.some((x) => /Mô-đun "dossiers" cần dịch vụ "calendar" nhưng không có mô-đun nào cung cấp/.test(x)), missing.join('\n'));
    const twice: AppModule[] = [...modules, { name: 'units-copy', provides: 'units' }];
    assert.ok(moduleOrderProblems(twice).some((x) => /cùng cung cấp dịch vụ "units"/.test(x)));
  });

  it('a platform without a required module stops at start-up with that message (before opening the database)', async () => {
    const config = loadConfig({ DATA_DIR: '/nonexistent/never-created', LOG_LEVEL: 'silent' });
    await assert.rejects(
      openRuntime(config, { modules: [platformModule, byName('audit'), byName('dossiers')] }),
      (err: unknown) => err instanceof ModuleContractError && /Mô-đun "dossiers" cần dịch vụ "units"/.test(err.message),
    );
    assert.ok(!fs.existsSync('/nonexistent/never-created'));
  });

  it('reaching an absent service throws a clear error instead of substituting something', () => {
    assert.throws(() => requireService({ services: {} }, 'units', 'dossiers'), (err: unknown) => err instanceof ModuleContractError && /Mô-đun "dossiers" cần dịch vụ "units"/.test(err.message));
  });

  it('every service a module reaches is one it declares in requires (source scan)', () => {
    const undeclared: string[] = [];
    for (const m of modules) {
      const dir = path.join(modulesDir, m.name);
      if (!fs.existsSync(dir)) continue;
      const allowed = new Set([m.name, ...(m.requires ?? [])]);
      for (const f of sourceFiles(dir)) {
        const text = fs.readFileSync(f, 'utf8');
        const used = [
          ...[...text.matchAll(/services(?:!)?(?:\?)?\.(\w+)/g)].map((x) => x[1]!),
          ...[...text.matchAll(/requireService\(\s*[\w.]+\s*,\s*'(\w+)'/g)].map((x) => x[1]!),
        ];
        for (const s of used) if (!allowed.has(s)) undeclared.push(`${path.relative(projectRoot, f)} uses "${s}" (requires: ${[...(m.requires ?? [])].join(', ') || '—'})`);
      }
    }
    assert.deepEqual(undeclared, []);
  });

  it('no module casts ctx.services to a shape of its own, and modules import each other only as types from index.ts', () => {
    const problems: string[] = [];
    for (const f of sourceFiles(path.join(projectRoot, 'src'))) {
      const rel = path.relative(projectRoot, f);
      const text = fs.readFileSync(f, 'utf8');
      if (/services\s+as\s/.test(text)) problems.push(`${rel}: casts ctx.services`);
      const own = rel.startsWith('src/modules/') && rel.split('/').length > 3 ? rel.split('/')[2] : null; // src/modules/index.ts composes them
      if (!own) continue;
      for (const m of text.matchAll(/^(import|export)(\s+type)?\s[^;]*?from\s+'([^']+)'/gms)) {
        const spec = m[3]!;
        if (!spec.startsWith('.')) continue;
        const target = path.relative(modulesDir, path.resolve(path.dirname(f), spec));
        if (target.startsWith('..')) continue; // the platform
        const [other, ...rest] = target.split(path.sep);
        if (other === own) continue;
        if (!m[2]) problems.push(`${rel}: imports a value from module "${other}" (${spec}); use \`import type\``);
        if (rest.join('/') !== 'index.ts') problems.push(`${rel}: reaches inside module "${other}" (${spec}); import its index.ts`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
