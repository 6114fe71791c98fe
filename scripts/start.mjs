// `npm start`: build the Mini App once if it is missing, then run the backend (TypeScript through tsx).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const appPkg = JSON.parse(readFileSync(join(root, 'mini-app/package.json'), 'utf8'));
const built = existsSync(join(root, 'mini-app/www/index.html'));
if (!built && appPkg.scripts?.build && process.env.HAILONG_SKIP_APP_BUILD !== '1') {
  process.stderr.write('Building the Mini App (first start only)…\n');
  const r = spawnSync('npm', ['run', 'build', '-w', 'mini-app'], { stdio: 'inherit', cwd: root });
  if (r.status !== 0) process.stderr.write('Mini App build failed; the API still starts, /app/ answers 503.\n');
}

const { register } = await import('tsx/esm/api');
register();
const { main } = await import('../backend/src/server.ts');
await main();
