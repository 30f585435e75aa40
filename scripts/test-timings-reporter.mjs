// A reporter for Node's test runner that sums the time of each test file's top-level tests and suites and
// writes the files slowest first: `TEST_TIMINGS=timings.txt npm test` (scripts/test.mjs adds it beside spec).
export default async function* timings(source) {
  const perFile = new Map();
  for await (const e of source) {
    if ((e.type === 'test:pass' || e.type === 'test:fail') && e.data.nesting === 0 && e.data.file) {
      perFile.set(e.data.file, (perFile.get(e.data.file) ?? 0) + (e.data.details?.duration_ms ?? 0));
    }
  }
  const rows = [...perFile].sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((s, [, ms]) => s + ms, 0);
  yield `# seconds per test file (sum of its top-level tests), ${rows.length} files, ${(total / 1000).toFixed(0)} s in all\n`;
  for (const [file, ms] of rows) yield `${(ms / 1000).toFixed(1).padStart(8)}  ${file.replace(process.cwd() + '/', '')}\n`;
}
