import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDeps, type TestDeps } from '../../test/helpers/test-deps.ts';
import { createApp } from './create-app.ts';

const ROOT = join(import.meta.dirname, '../../..');
let deps: TestDeps;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  app = createApp(deps, { benchRoutes: true });
});
afterAll(() => deps.close());

/** Every route a request can end at: `METHOD /path`, a path's own pattern syntax (`{[0-9]+}`) left out. */
function endpoints(): string[] {
  const out = new Set<string>();
  for (const r of app.routes) {
    if (r.method === 'ALL' || r.path.includes('*')) continue; // middleware and the static web app
    out.add(`${r.method} ${r.path.replace(/\{[^}]*\}/g, '')}`);
  }
  return [...out].sort();
}

describe('the HTTP contract in the repository (docs/http-api.md)', () => {
  it('names every route the app has, under a heading of its own', () => {
    const doc = readFileSync(join(ROOT, 'docs/http-api.md'), 'utf8');
    const documented = new Set([...doc.matchAll(/^### `([A-Z]+ \/[^`]*)`/gm)].map((m) => m[1]!));
    const missing = endpoints().filter((e) => !documented.has(e));
    expect(missing).toEqual([]);
    // And nothing documented that the app does not have.
    const known = new Set(endpoints());
    expect([...documented].filter((d) => !known.has(d))).toEqual([]);
  });
});

describe('the staff sub-app', () => {
  it('checks the session and the unit’s scope once per request, not once per router', () => {
    // The transform may suffix a function's name (staffAuth2): match the stem.
    const under = (name: string) => app.routes.filter((r) => new RegExp(`^${name}\\d*$`).test(r.handler.name) && r.path.startsWith('/api/units'));
    expect(under('staffAuth').map((r) => r.path)).toEqual(['/api/units/*']);
    expect(under('unitScope').map((r) => r.path)).toEqual(['/api/units/:unitId/*']);
  });
});
