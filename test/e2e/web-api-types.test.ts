// The web's contract with the platform is the platform's own OpenAPI document (docs/adr/0053): a change
// of a server schema that the web does not follow must fail the web's type-check. This builds the
// document as web/scripts/api-types.mjs does (no port, no database), type-checks a copy of web/ against
// it, then against a document with three server changes the web has not followed.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Generator {
  describeApi(): Promise<OpenApi>;
  toTypeScript(doc: OpenApi): Promise<string>;
}
interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: string[];
}
interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, { content?: Record<string, { schema: JsonSchema }> }> }>>;
  components: { schemas: Record<string, JsonSchema> };
}

describe('the web follows the platform’s API schemas', () => {
  let gen: Generator;
  let doc: OpenApi;
  let dir: string;

  before(async () => {
    gen = (await import(pathToFileURL(path.join(root, 'web/scripts/api-types.mjs')).href)) as Generator;
    doc = await gen.describeApi();
    fs.mkdirSync(path.join(root, 'tmp'), { recursive: true });
    dir = fs.mkdtempSync(path.join(root, 'tmp', 'web-contract-'));
    fs.cpSync(path.join(root, 'web/src'), path.join(dir, 'src'), { recursive: true });
    for (const f of ['tsconfig.json', 'vite.config.ts']) fs.copyFileSync(path.join(root, 'web', f), path.join(dir, f));
  });
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Type-checks the copy of web/ against the types of `d`; the compiler's report. */
  async function typecheck(d: OpenApi): Promise<{ status: number | null; out: string }> {
    fs.writeFileSync(path.join(dir, 'src/api/schema.d.ts'), await gen.toTypeScript(d));
    const r = spawnSync(process.execPath, [path.join(root, 'node_modules/typescript/bin/tsc'), '-p', dir], { cwd: root, encoding: 'utf8' });
    return { status: r.status, out: r.stdout + r.stderr };
  }

  it('builds the document without a database or a port, with every dossier action’s input', () => {
    assert.ok(doc.paths['/api/v1/dossiers/{code}']?.get, 'the dossier route is described');
    assert.deepEqual(doc.components.schemas['action.assign']?.required, ['assignee']);
  });

  it('type-checks as it is, and fails on a renamed field, a renamed action input and a new status', async () => {
    const ok = await typecheck(doc);
    assert.equal(ok.status, 0, ok.out);

    const changed = structuredClone(doc);
    // 1. the dossier view's `availableActions` renamed
    const view = changed.paths['/api/v1/dossiers/{code}']!.get!.responses!['200']!.content!['application/json']!.schema;
    view.properties!.allowedActions = view.properties!.availableActions!;
    delete view.properties!.availableActions;
    view.required = view.required!.map((k) => (k === 'availableActions' ? 'allowedActions' : k));
    // 2. the input of `assign` renamed
    const assign = changed.components.schemas['action.assign']!;
    assign.properties!.assigneeUsername = assign.properties!.assignee!;
    delete assign.properties!.assignee;
    assign.required = ['assigneeUsername'];
    // 3. a status the message catalogue has no words for
    view.properties!.status!.enum!.push('archived');

    const broken = await typecheck(changed);
    assert.notEqual(broken.status, 0, 'a server schema the web does not follow must fail the type-check');
    if (process.env.SHOW_TSC) console.log(broken.out);
    assert.match(broken.out, /availableActions/, broken.out);
    assert.match(broken.out, /src[\\/]office[\\/]actions\.ts.*assignee/, broken.out);
    assert.match(broken.out, /src[\\/]i18n[\\/]vi\.ts/, broken.out);
  });
});
