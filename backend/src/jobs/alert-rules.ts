import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import { isFlagged } from '../domain/flag.ts';
import { COUNTER_FORM_V1 } from '../domain/form.ts';
import { isLevel, levelLabel } from '../domain/levels.ts';
import { addLevel, dissatisfiedShare, emptyLevels, totalOf, type LevelCounts } from '../domain/tally.ts';
import { SMALL_SAMPLE, wilsonInterval } from '../domain/wilson.ts';
import { alertContext } from '../db/alerts.repository.ts';
import type { DialectName } from '../db/create-db.ts';
import type { AppendedResponse } from '../db/responses.repository.ts';
import type { Database } from '../db/schema.ts';
import { sumByOfficer, type LevelSum } from '../db/tallies.repository.ts';
import { crossingAlertText, responseAlertText } from './alert-text.ts';
import { createAlert } from './enqueue.ts';

type Trx = Transaction<Database>;
const OVERALL = COUNTER_FORM_V1.overallKey;

/** Rule 1: overall "Rất không hài lòng" or any reported issue → an immediate alert. */
async function ruleLowOrIssue(trx: Trx, config: Config, r: AppendedResponse): Promise<boolean> {
  const overall = r.answers[OVERALL];
  if (overall !== 1 && r.issues.length === 0) return false;
  const n = await alertContext(trx, { unitId: r.unitId, officerId: r.officerId, fieldId: r.fieldId, includeClerks: config.ALERT_NOTIFY_CLERK });
  const issueLabels = r.issues.map((k) => COUNTER_FORM_V1.issues.find((i) => i.key === k)?.label ?? k);
  const label = isLevel(overall) ? levelLabel(overall) : null;
  const id = await createAlert(trx, config, {
    unitId: r.unitId,
    kind: 'response',
    dedupeKey: `response:${r.id}`,
    officerId: r.officerId,
    responseId: r.id,
    day: r.day,
    createdAt: r.receivedAt,
    details: { level: overall ?? null, issues: r.issues, comment: r.comment, fieldId: r.fieldId, receivedAt: r.receivedAt, selfRating: r.selfRating === true },
    recipients: n.recipients,
    text: (link) =>
      responseAlertText({ unitName: n.unitName, officerName: n.officerName, fieldName: n.fieldName, levelLabel: label, issueLabels, comment: r.comment, receivedAt: r.receivedAt, selfRating: r.selfRating === true, link }),
  });
  return id !== null;
}

/**
 * Rule 2: an officer's month-to-date dissatisfied share crosses from ≤ 25 % to > 25 %. The
 * tallies already include this batch (same transaction), so "before" is the total minus the
 * batch. The dedupe key makes it once per officer per month however often it crosses back.
 */
async function ruleCrossing(trx: Trx, config: Config, appended: AppendedResponse[]): Promise<boolean> {
  let created = false;
  const groups = new Map<string, { unitId: string; officerId: string; month: string; lastDay: string; batch: LevelCounts; receivedAt: string }>();
  for (const r of appended) {
    const level = r.answers[OVERALL];
    if (!r.officerId || r.selfRating || !isLevel(level)) continue;
    const month = r.day.slice(0, 7);
    const key = `${r.unitId}|${r.officerId}|${month}`;
    const g = groups.get(key) ?? { unitId: r.unitId, officerId: r.officerId, month, lastDay: r.day, batch: emptyLevels(), receivedAt: r.receivedAt };
    addLevel(g.batch, level);
    if (r.day > g.lastDay) g.lastDay = r.day;
    if (r.receivedAt > g.receivedAt) g.receivedAt = r.receivedAt;
    groups.set(key, g);
  }
  // One query gives every officer of a unit's month: officers rated in the same batch share it.
  const monthSums = new Map<string, (LevelSum & { officerId: string })[]>();
  for (const g of groups.values()) {
    // Only dissatisfied ratings can push a share up: the common case costs no query.
    if (g.batch['1'] + g.batch['2'] === 0) continue;
    const rangeKey = `${g.unitId}|${g.month}|${g.lastDay}`;
    let sums = monthSums.get(rangeKey);
    if (!sums) monthSums.set(rangeKey, (sums = await sumByOfficer(trx, { unitId: g.unitId, from: `${g.month}-01`, to: g.lastDay }, OVERALL)));
    const now = emptyLevels();
    for (const s of sums) if (s.officerId === g.officerId && isLevel(s.level)) addLevel(now, s.level, s.n);
    const before = emptyLevels();
    for (const k of ['1', '2', '3', '4', '5'] as const) before[k] = now[k] - g.batch[k];
    if (isFlagged(before) || !isFlagged(now)) continue;
    const n = totalOf(now);
    const dissatisfied = now['1'] + now['2'];
    const share = dissatisfiedShare(now) ?? 0;
    const interval = wilsonInterval(dissatisfied, n);
    const nm = await alertContext(trx, { unitId: g.unitId, officerId: g.officerId, fieldId: null, includeClerks: config.ALERT_NOTIFY_CLERK });
    const id = await createAlert(trx, config, {
      unitId: g.unitId,
      kind: 'crossing',
      dedupeKey: `crossing:${g.officerId}:${g.month}`,
      officerId: g.officerId,
      responseId: null,
      day: g.lastDay,
      createdAt: g.receivedAt,
      details: { month: g.month, n, dissatisfied, share, interval, smallSample: n < SMALL_SAMPLE, levels: now },
      recipients: nm.recipients,
      text: (link) =>
        crossingAlertText({ unitName: nm.unitName, officerName: nm.officerName ?? '', month: g.month, n, dissatisfied, share, interval, smallSample: n < SMALL_SAMPLE, link }),
    });
    created ||= id !== null;
  }
  return created;
}

/** The writer hook (same transaction as the insert): alerts are recorded iff responses commit. */
export function alertRulesHook(config: Config, onAlert?: () => void) {
  return async (trx: Trx, _dialect: DialectName, appended: AppendedResponse[]): Promise<void> => {
    let created = false;
    for (const r of appended) created = (await ruleLowOrIssue(trx, config, r)) || created;
    created = (await ruleCrossing(trx, config, appended)) || created;
    if (created) onAlert?.();
  };
}
