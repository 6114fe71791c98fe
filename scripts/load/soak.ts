// `npm run soak -- --minutes 10 --rate 100`: a steady load on a real server process; samples its
// resident memory every 10 s and reports growth after warm-up (target < 10 %) and any error.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { startServerProcess } from '../../backend/test/helpers/server-process.ts';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, rate: { type: 'string', default: '100' } } });
const seconds = Math.round(Number(values.minutes) * 60);
const rate = Number(values.rate);

const server = await startServerProcess();
const pid = server.child.pid!;
const rssMiB = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const samples: { t: number; rss: number }[] = [];
const started = Date.now();
const timer = setInterval(() => {
  const s = { t: Math.round((Date.now() - started) / 1000), rss: rssMiB() };
  samples.push(s);
  process.stderr.write(`t=${s.t}s rss=${s.rss.toFixed(1)} MiB\n`);
}, 10_000);

const point = (await (await fetch(`${server.url}/api/public/points/${server.demo.counterToken}`)).json()) as { officers: { id: string }[] };
let i = 0;
try {
  const result = await autocannon({
    url: `${server.url}/api/public/responses`,
    connections: 10,
    overallRate: rate,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        setupRequest: (req) => {
          const level = 1 + (i++ % 5);
          return {
            ...req,
            body: JSON.stringify({
              token: server.demo.counterToken,
              clientId: crypto.randomUUID(),
              officerId: point.officers[i % point.officers.length]!.id,
              answers: { overall: level, access: 5, attitude: level, responsibility: 4, guidance: 4 },
              comment: i % 7 === 0 ? `Góp ý số ${i}: cán bộ nhiệt tình.` : undefined,
            }),
          };
        },
      },
    ],
  });
  clearInterval(timer);
  const warm = samples.find((s) => s.t >= 60) ?? samples[0]!;
  const last = samples[samples.length - 1]!;
  const growth = (last.rss - warm.rss) / warm.rss;
  const peak = Math.max(...samples.map((s) => s.rss));
  process.stdout.write(
    [
      `soak: ${seconds} s at ${rate} req/s: ${result['2xx']} stored, ${result.non2xx} non-2xx, ${result.errors} errors, p99 ${result.latency.p99} ms`,
      `rss after warm-up (t=${warm.t}s) ${warm.rss.toFixed(1)} MiB, at the end ${last.rss.toFixed(1)} MiB, peak ${peak.toFixed(1)} MiB: growth ${(growth * 100).toFixed(1)} % (target < 10 %): ${growth < 0.1 && result.non2xx + result.errors === 0 ? 'MET' : 'MISSED'}`,
      '',
    ].join('\n'),
  );
} finally {
  clearInterval(timer);
  await server.stop();
  await server.cleanup();
}
