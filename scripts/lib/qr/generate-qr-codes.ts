import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listOfficers } from '../../../backend/src/db/officers.repository.ts';
import { listPoints } from '../../../backend/src/db/points.repository.ts';
import { listUnits, type Unit } from '../../../backend/src/db/units.repository.ts';
import { pointLinks } from '../../../backend/src/services/setup.service.ts';
import type { Deps } from '../../../backend/src/deps.ts';
import { renderPoster, type PosterData } from './poster.ts';
import { qrPng, qrSvg, QR_OPTIONS } from './qr-code.ts';
import { slugify } from './slug.ts';
import { unitIndexMarkdown, type IndexEntry } from './unit-index.ts';

export interface QrRunSummary {
  units: number;
  points: number;
  written: string[];
  unchanged: number;
  removed: string[];
}

/** Writes only when the bytes differ, so unchanged files keep their timestamps and git sees nothing. */
function writeIfChanged(path: string, data: Buffer | string, summary: QrRunSummary): void {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  if (existsSync(path) && readFileSync(path).equals(bytes)) {
    summary.unchanged++;
    return;
  }
  writeFileSync(path, bytes);
  summary.written.push(path);
}

const GENERATED = /\.(svg|png|pdf)$|^index\.json$|^README\.md$/;

/** The files of one point: `<label-slug>-<id8>.{svg,png}`, `…-a4.pdf`, `…-a5.pdf`. */
export function pointFileBase(point: { id: string; label: string }): string {
  return `${slugify(point.label)}-${point.id.slice(0, 8)}`;
}

async function generateUnit(deps: Deps, unit: Unit, outDir: string, summary: QrRunSummary): Promise<void> {
  const dir = join(outDir, unit.code);
  const points = (await listPoints(deps.db.kysely, unit.id)).filter((p) => p.active).sort((a, b) => a.label.localeCompare(b.label, 'vi') || a.id.localeCompare(b.id));
  const officers = new Map((await listOfficers(deps.db.kysely, unit.id)).map((o) => [o.id, o]));
  const keep = new Set<string>();
  const entries: IndexEntry[] = [];
  if (points.length > 0) mkdirSync(dir, { recursive: true });
  for (const p of points) {
    const links = pointLinks(deps.config, p.tokenKey, p.kind);
    const officer = p.officerId ? officers.get(p.officerId) : undefined;
    const base = pointFileBase(p);
    const data: PosterData = {
      unitName: unit.name,
      pointLabel: p.label,
      officer: officer ? { name: officer.name, title: officer.title } : null,
      deepLink: links.deepLink,
      webLink: links.webLink,
      pointId: p.id,
      kiosk: p.kind === 'kiosk',
    };
    const files = { svg: `${base}.svg`, png: `${base}.png`, a4: `${base}-a4.pdf`, a5: `${base}-a5.pdf` };
    writeIfChanged(join(dir, files.svg), await qrSvg(links.deepLink), summary);
    writeIfChanged(join(dir, files.png), await qrPng(links.deepLink), summary);
    writeIfChanged(join(dir, files.a4), await renderPoster(data, 'A4'), summary);
    writeIfChanged(join(dir, files.a5), await renderPoster(data, 'A5'), summary);
    Object.values(files).forEach((f) => keep.add(f));
    entries.push({ pointId: p.id, label: p.label, officer: officer?.name ?? null, deepLink: links.deepLink, webLink: links.webLink, files });
    summary.points++;
  }
  if (points.length > 0) {
    const index = { unit: { code: unit.code, name: unit.name }, errorCorrection: QR_OPTIONS.errorCorrectionLevel, quietZoneModules: QR_OPTIONS.margin, points: entries };
    writeIfChanged(join(dir, 'index.json'), `${JSON.stringify(index, null, 2)}\n`, summary);
    writeIfChanged(join(dir, 'README.md'), unitIndexMarkdown(unit, entries), summary);
    keep.add('index.json').add('README.md');
  }
  // A disabled, rotated or relabelled point leaves old files behind: remove them so nobody prints a dead QR.
  if (existsSync(dir)) {
    for (const f of readdirSync(dir)) {
      if (GENERATED.test(f) && !keep.has(f)) {
        rmSync(join(dir, f));
        summary.removed.push(join(dir, f));
      }
    }
  }
  summary.units++;
}

/** QR codes and posters for every active point of the chosen units (all by default) into `outDir/<unitCode>/`. */
export async function generateQrCodes(deps: Deps, outDir: string, opts: { unitCodes?: string[] } = {}): Promise<QrRunSummary> {
  const all = await listUnits(deps.db.kysely);
  const wanted = opts.unitCodes && opts.unitCodes.length > 0 ? all.filter((u) => opts.unitCodes!.includes(u.code)) : all;
  const missing = (opts.unitCodes ?? []).filter((c) => !all.some((u) => u.code === c));
  if (missing.length > 0) throw new Error(`unknown unit code${missing.length > 1 ? 's' : ''}: ${missing.join(', ')}`);
  const summary: QrRunSummary = { units: 0, points: 0, written: [], unchanged: 0, removed: [] };
  for (const unit of wanted) await generateUnit(deps, unit, outDir, summary);
  return summary;
}
