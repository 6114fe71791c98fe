import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');

/** Paths a document names: backticked tokens that look like files or folders of this repository. */
function pathsIn(markdown: string): string[] {
  const out = new Set<string>();
  for (const m of markdown.matchAll(/`((?:backend|mini-app|scripts|docs|qr-codes)\/[^`\s]*)`/g)) out.add(m[1]!.replace(/[:,]$/, ''));
  // The map's own lines: "backend/src/… " inside code blocks.
  for (const m of markdown.matchAll(/(?:^|\s)((?:backend|mini-app|scripts)\/[\w./-]+)/gm)) out.add(m[1]!.replace(/[.,:]$/, ''));
  return [...out];
}

describe('docs/architecture.md', () => {
  it('names only paths that exist', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const named = pathsIn(doc);
    expect(named.length).toBeGreaterThan(30);
    expect(named.filter((p) => !existsSync(join(ROOT, p)))).toEqual([]);
  });

  it('lists every file of the write path', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    const files = readdirSync(join(ROOT, 'backend/src/write-path')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && f !== 'writer-worker.ts');
    expect(files.filter((f) => !doc.includes(f))).toEqual([]);
  });
});

describe('the README and docs/ link to files that exist', () => {
  it('has no broken relative link', () => {
    const docs = ['README.md', ...readdirSync(join(ROOT, 'docs')).map((f) => `docs/${f}`)];
    const broken: string[] = [];
    for (const file of docs) {
      const text = readFileSync(join(ROOT, file), 'utf8');
      const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
      for (const m of text.matchAll(/\]\((?!https?:|#)([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (!existsSync(join(ROOT, dir, m[1]!))) broken.push(`${file} → ${m[1]}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
