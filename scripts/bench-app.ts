/**
 * npm run bench:app — the citizen's rating screen on a weak phone network, for two forms: the demo
 * counter point (the 5-question counter form) and a point serving the built-in SIPAS form (20
 * questions in 2 aspects / 9 factors), created through the admin API.
 * Builds the Mini App, reports the gzip size of the JS and CSS the rating screen needs plus each
 * point's form data, then loads each point's web link in Chromium with 1.6 Mbit/s down, 150 ms RTT
 * and a 4× CPU slowdown, and reports the median time from navigation start to the rating buttons
 * being interactive. Targets, for each form: ≤ 200 KB gzip, ≤ 2.0 s. A benchmark, not a test: it
 * always exits 0 unless it cannot run.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { startServerProcess, type ServerProcess } from '../backend/test/helpers/server-process.ts';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../mini-app/test/support/browser.ts';
import { ensureBuilt, MINI_APP_DIR } from '../mini-app/test/support/ensure-built.ts';

const RUNS = Number(process.env['BENCH_RUNS'] ?? 7);
const TARGET_BYTES = 200 * 1024;
const TARGET_MS = 2000;
const NETWORK = { offline: false, latency: 150, downloadThroughput: (1.6e6 / 8), uploadThroughput: (0.75e6 / 8) };
const CPU_SLOWDOWN = 4;

const www = join(MINI_APP_DIR, 'www');
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

/** The entry JS and CSS named in index.html, plus the chunks they preload: what the rating screen loads. */
function ratingScreenAssets(): string[] {
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="\.?\/?(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  return [...new Set(refs)];
}

/** What a chunk the rating screen does not load is for, from its name and content. */
function lazyChunkLabel(file: string, content: string): string {
  if (file.startsWith('apis') || content.includes('ZaloJavaScriptInterface')) return 'zmp-sdk, inside Zalo only';
  if (file.endsWith('.css')) return content.includes('.staff-') ? 'staff screens (CSS), #/staff/… only' : 'lazy styles';
  if (file.startsWith('trends') || content.includes('funnel')) return 'staff Trends screen with the chart library, #/staff/trends only';
  if (file.startsWith('reports')) return 'staff Reports screen, #/staff/reports only';
  if (file.startsWith('coverage')) return 'staff dossier-count screen, #/staff/coverage only';
  if (content.includes('staff-signin')) return 'staff screens (sign-in, Today, Comments, Alerts), #/staff/… only';
  return 'lazy chunk';
}

function sizeReport(): number {
  const needed = ratingScreenAssets();
  let total = 0;
  console.log('Rating screen assets (gzip -9):');
  for (const file of needed) {
    const raw = readFileSync(join(www, file));
    const gz = gzipSync(raw, { level: 9 }).length;
    total += gz;
    console.log(`  ${file.padEnd(44)} ${kb(raw.length).padStart(10)} raw  ${kb(gz).padStart(9)} gzip`);
  }
  const lazy = readdirSync(join(www, 'assets')).filter((f) => /\.(js|css)$/.test(f) && !needed.includes(`assets/${f}`));
  for (const f of lazy) {
    const raw = readFileSync(join(www, 'assets', f));
    const gz = gzipSync(raw, { level: 9 }).length;
    console.log(`  (not loaded on the web link; ${lazyChunkLabel(f, raw.toString('utf8'))}) assets/${f}: ${kb(statSync(join(www, 'assets', f)).size)} raw, ${kb(gz)} gzip`);
  }
  console.log(`  total for the rating screen: ${kb(total)} gzip (target ≤ ${kb(TARGET_BYTES)}) ${total <= TARGET_BYTES ? 'OK' : 'OVER'}`);
  return total;
}

/** Records when the first rating button is in the DOM and the main thread has finished that task. */
const READY_PROBE = `
  (() => {
    const seen = () => document.querySelector('.level-button');
    const obs = new MutationObserver(() => {
      if (!seen()) return;
      obs.disconnect();
      window.__ratingVisibleAt = performance.now();
      setTimeout(() => { window.__ratingReadyAt = performance.now(); }, 0);
    });
    obs.observe(document, { childList: true, subtree: true });
  })();
`;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

interface BenchPoint {
  readonly name: string;
  /** The web link on the address the bench server really listens on. */
  readonly url: string;
  readonly token: string;
}

/** A point of the demo unit serving the built-in SIPAS form, made through the admin API as an operator would. */
async function sipasPoint(server: ServerProcess): Promise<BenchPoint> {
  const res = await fetch(`${server.url}/api/admin/units/${server.demo.unitId}/points`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ label: 'Quầy khảo sát SIPAS (bench)', formKey: 'sipas' }),
  });
  if (res.status !== 201) throw new Error(`creating the SIPAS point failed: ${res.status} ${await res.text()}`);
  const { webLink, token } = (await res.json()) as { webLink: string; token: string };
  const web = new URL(webLink);
  return { name: 'SIPAS form', url: `${server.url}${web.pathname}${web.search}`, token };
}

/** The point's form data as the screen loads it, gzip -9, and how many questions it has. */
async function pointData(server: ServerProcess, token: string): Promise<{ readonly bytes: number; readonly questions: number }> {
  const res = await fetch(`${server.url}/api/public/points/${encodeURIComponent(token)}`);
  const body = Buffer.from(await res.arrayBuffer());
  const { form } = JSON.parse(body.toString('utf8')) as { form: { questions: unknown[] } };
  return { bytes: gzipSync(body, { level: 9 }).length, questions: form.questions.length };
}

/** Cold loads of one point's web link: navigation start → first rating button interactive, per run. */
async function timeToInteractive(browser: Browser, url: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const cdp = await ctx.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Network.emulateNetworkConditions', NETWORK);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(READY_PROBE);
    await page.goto(url, { waitUntil: 'commit' });
    await page.waitForFunction(() => typeof (globalThis as { __ratingReadyAt?: number }).__ratingReadyAt === 'number', null, { timeout: 60_000 });
    const ready = await page.evaluate(() => (globalThis as { __ratingReadyAt?: number }).__ratingReadyAt ?? NaN);
    // Sanity: the button really answers a tap (the whole form renders in one commit, so the first is as good as any).
    const first = page.locator('.level-button').first();
    await first.tap();
    if ((await first.getAttribute('aria-checked')) !== 'true') throw new Error('rating button did not respond');
    times.push(ready);
    console.log(`  run ${run + 1}: ${Math.round(ready)} ms`);
    await ctx.close();
  }
  return times;
}

async function main(): Promise<void> {
  console.log('Building the Mini App…');
  ensureBuilt(true);
  const appBytes = sizeReport();
  const server = await startServerProcess();
  const browser = await launchChromium();
  const results: string[] = [];
  try {
    const counterLink = new URL(server.demo.counterWebLink);
    const points: BenchPoint[] = [
      { name: 'counter form', url: `${server.url}${counterLink.pathname}${counterLink.search}`, token: server.demo.counterToken },
      await sipasPoint(server),
    ];
    const entry = ratingScreenAssets().find((f) => f.endsWith('.js'));
    const probe = await fetch(`${server.url}/app/${entry}`, { headers: { 'accept-encoding': 'br, gzip' } });
    await probe.arrayBuffer();
    const encoding = probe.headers.get('content-encoding');
    console.log(`\nThe server sends the app's JS ${encoding ? `compressed (${encoding})` : 'UNCOMPRESSED: enable serveStatic({ precompressed: true }) for /app (www/assets has .br/.gz) or hono compress()'}`);
    for (const point of points) {
      const data = await pointData(server, point.token);
      const bytes = appBytes + data.bytes;
      console.log(`\n${point.name} (${data.questions} questions): point data ${kb(data.bytes)} gzip; with the app ${kb(bytes)} gzip`);
      console.log(`Loading ${point.url}\n  ${RUNS} cold runs, 1.6 Mbit/s down, 150 ms RTT, CPU ×${CPU_SLOWDOWN}, 360 × 740`);
      const times = await timeToInteractive(browser, point.url);
      const med = median(times);
      results.push(
        `RESULT  ${`${point.name} (${data.questions} questions)`.padEnd(28)} gzip JS+CSS+form data ${kb(bytes)} (≤ ${kb(TARGET_BYTES)}: ${bytes <= TARGET_BYTES ? 'met' : 'MISSED'})` +
          `  navigation → rating buttons interactive: median ${Math.round(med)} ms, min ${Math.round(Math.min(...times))}, max ${Math.round(Math.max(...times))}` +
          ` (≤ ${TARGET_MS} ms: ${med <= TARGET_MS ? 'met' : 'MISSED'})`,
      );
    }
  } finally {
    await browser.close();
    await server.cleanup();
  }
  console.log(`\n${results.join('\n')}`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
