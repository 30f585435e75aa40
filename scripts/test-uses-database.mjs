// Which test files can open a database: those that import, directly or through other files of the
// repository, the platform's database layer (src/platform/db.ts), a database driver, or that name
// TEST_DATABASE_URL. The PostgreSQL pass of the suite runs only these: any other file runs exactly as in the
// PGlite pass. The walk follows value imports (`import`, `export … from`, `import('…')`) and skips
// type-only ones, which are erased before the file runs. When in doubt a file counts as using a database.
import fs from 'node:fs';
import path from 'node:path';

const DRIVERS = new Set(['pg', '@electric-sql/pglite', 'mysql2', 'mysql2/promise']);
const IMPORT = /(?:^|[\s;])(?:import|export)\s+(type\s+)?(?:[^'";]*?\sfrom\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** @returns {(file: string) => boolean} a test for repository-relative paths, memoised over the walk */
export function databaseUsers(root, dbFile = 'src/platform/db.ts') {
  const memo = new Map(); // file → reaches the database layer
  const target = path.join(root, dbFile);
  // true as soon as one import reaches it; false is known only once the whole closure was walked, since a
  // file met again in a cycle answers false while its own walk is still open
  function reaches(abs, seen) {
    if (memo.has(abs)) return memo.get(abs);
    if (abs === target) return true;
    if (seen.has(abs)) return false;
    seen.add(abs);
    let text;
    try {
      text = fs.readFileSync(abs, 'utf8');
    } catch {
      return true; // unreadable: assume it does
    }
    if (/TEST_DATABASE_URL/.test(text)) return memo.set(abs, true).get(abs);
    for (const m of text.matchAll(IMPORT)) {
      if (m[1]) continue; // import type / export type
      const spec = m[2] ?? m[3];
      if (DRIVERS.has(spec)) return memo.set(abs, true).get(abs);
      if (!spec.startsWith('.')) continue;
      let next = path.resolve(path.dirname(abs), spec);
      if (!fs.existsSync(next) || fs.statSync(next).isDirectory()) {
        const candidates = [`${next}.ts`, `${next}.js`, path.join(next, 'index.ts'), next.replace(/\.js$/, '.ts')];
        next = candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile()) ?? next;
      }
      if (!/\.(m?[jt]s|tsx)$/.test(next)) continue; // json, sql, data
      if (reaches(next, seen)) return memo.set(abs, true).get(abs);
    }
    return false;
  }
  return (file) => {
    const seen = new Set();
    const result = reaches(path.resolve(root, file), seen);
    if (!result) for (const f of seen) memo.set(f, false); // the whole closure was walked without finding it
    return result;
  };
}
