import { shortLabelOf, type FormDefinition } from '../../domain/form.ts';
import { listFields, listOfficers } from '../../db/officers.repository.ts';
import { listPoints } from '../../db/points.repository.ts';
import type { Deps } from '../../deps.ts';
import { BOM, csvLine } from './report-csv.ts';
import type { Cell } from './report-tables.ts';

/** '2026-11-12 08:06:33' in Vietnam time: sorts as text, and Excel reads it as a date. */
const vietnamClock = (iso: string) => new Date(Date.parse(iso) + 7 * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');

/** Rows read per query: a few hundred kilobytes of CSV, whatever the range holds. */
const BATCH = 2000;

/** Every question any version of the form asked, latest version's order first. */
async function questionsOf(deps: Deps, latest: FormDefinition): Promise<{ key: string; label: string }[]> {
  const seen = new Map<string, string>();
  for (let v = latest.version; v >= 1; v--) {
    const f = v === latest.version ? latest : await deps.forms.version(deps.db, latest.key, v, deps.now().getTime());
    for (const q of f?.questions ?? []) if (!seen.has(q.key)) seen.set(q.key, shortLabelOf(q));
  }
  return [...seen].map(([key, label]) => ({ key, label }));
}

/**
 * The clerk's raw export: one CSV line per stored response of one form in a range of days, in
 * chain order, read in keyset batches along the (unit_id, seq) key and yielded batch by batch,
 * so memory stays flat however many there are (the caller pulls: a slow download reads slowly).
 * Text is neutralised against formulas (spreadsheet-safe.ts); HTML stays text.
 */
export async function* rawResponsesCsv(deps: Deps, unitId: string, form: FormDefinition, from: string, to: string): AsyncGenerator<string> {
  const db = deps.db.kysely;
  const [questions, officers, fields, points] = await Promise.all([questionsOf(deps, form), listOfficers(db, unitId), listFields(db, unitId), listPoints(db, unitId, { includeHidden: true })]);
  const officerName = new Map(officers.map((o) => [o.id, o.name]));
  const fieldName = new Map(fields.map((f) => [f.id, f.name]));
  const pointLabel = new Map(points.map((p) => [p.id, p.label]));
  const issueLabel = new Map(form.issues.map((i) => [i.key, i.label]));

  yield BOM + csvLine(['STT chuỗi', 'Mã phiếu', 'Thời gian nhận (giờ Việt Nam)', 'Ngày', 'Kênh', 'Điểm khảo sát', 'Cán bộ', 'Lĩnh vực', 'Phiên bản phiếu', ...questions.map((q) => q.label), 'Phản ánh', 'Góp ý', 'Mã hồ sơ', 'Xác thực Zalo', 'Mã băm']);
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('responses')
      .select(['seq', 'id', 'received_at', 'day', 'channel', 'point_id', 'officer_id', 'field_id', 'form_version', 'answers', 'issues', 'comment', 'dossier_code', 'verification', 'hash'])
      .where('unit_id', '=', unitId)
      .where('seq', '>', after)
      .where('form_key', '=', form.key)
      .where('day', '>=', from)
      .where('day', '<=', to)
      .orderBy('seq')
      .limit(BATCH)
      .execute();
    if (rows.length === 0) return;
    let chunk = '';
    for (const r of rows) {
      const answers = JSON.parse(r.answers) as Record<string, number>;
      const issues = JSON.parse(r.issues) as string[];
      const cells: Cell[] = [
        Number(r.seq),
        r.id,
        vietnamClock(r.received_at),
        r.day,
        r.channel,
        pointLabel.get(r.point_id) ?? r.point_id,
        r.officer_id ? (officerName.get(r.officer_id) ?? r.officer_id) : null,
        r.field_id ? (fieldName.get(r.field_id) ?? r.field_id) : null,
        Number(r.form_version),
        ...questions.map((q) => answers[q.key] ?? null),
        issues.map((k) => issueLabel.get(k) ?? k).join('; ') || null,
        r.comment,
        r.dossier_code,
        r.verification,
        r.hash,
      ];
      chunk += csvLine(cells);
    }
    yield chunk;
    after = Number(rows.at(-1)!.seq);
    if (rows.length < BATCH) return;
  }
}
