import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The tree of an earlier commit, unpacked beside this one and sharing its installed packages, so
 * that a bench can run the code before and after a change in one run, on one machine state
 * (`npm run bench -- --against <ref>`). The packages must not have changed between the two.
 */
export function checkoutOf(ref: string): { root: string; commit: string; remove(): void } {
  const commit = execFileSync('git', ['rev-parse', '--short', ref], { cwd: ROOT, encoding: 'utf8' }).trim();
  const root = mkdtempSync(join(tmpdir(), `hailong-${commit}-`));
  execFileSync('sh', ['-c', `git archive ${commit} | tar -x -C "${root}"`], { cwd: ROOT });
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'), 'dir');
  return { root, commit, remove: () => rmSync(root, { recursive: true, force: true }) };
}
