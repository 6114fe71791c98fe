import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import { isLevel, levelLabel } from '../domain/levels.ts';
import { sharesOf } from '../domain/results.ts';
import { addLevel, emptyLevels, type LevelCounts } from '../domain/tally.ts';
import { alertContext, alertContextsQuery, AlertContexts, type AlertContext, type AlertSubject } from '../db/alerts.repository.ts';
import type { AppendedResponse, NewResponseInput } from '../write-path/append.ts';
import type { AfterAppend, BatchContext } from '../write-path/writer.ts';
import type { Database } from '../db/schema.ts';
import { officerSumsByRange, officerSumsQuery, rangeKey, type LevelSum, type TallyRange } from '../db/tallies.repository.ts';
import { crossingAlertText, responseAlertText } from './alert-text.ts';
import { queueAlert } from './enqueue.ts';

type Trx = Transaction<Database>;

/** Rule 1's events: "Rất không hài lòng" on the form's general question, or any reported issue. */
const isLowOrIssue = (r: NewResponseInput): boolean => r.answers[r.overallKey] === 1 || r.issues.length > 0;

/** Names and recipients for an alert's text: from the batch's read ahead when it covers the subject, else read now. */
type ContextOf = (s: AlertSubject) => Promise<AlertContext>;

/** Rule 1: overall "Rất không hài lòng" or any reported issue → an immediate alert. */
async function ruleLowOrIssue(trx: Trx, batch: BatchContext, config: Config, contextOf: ContextOf, r: AppendedResponse): Promise<boolean> {
  if (!isLowOrIssue(r)) return false;
  const overall = r.answers[r.overallKey];
  const n = await contextOf(r);
  const issueLabels = r.issues.map((k, i) => r.issueLabels?.[i] ?? k);
  const label = isLevel(overall) ? levelLabel(overall) : null;
  await queueAlert(trx, batch.statements, config, {
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
  return true;
}

interface CrossingGroup {
  unitId: string;
  formKey: string;
  overallKey: string;
  officerId: string;
  month: string;
  lastDay: string;
  batch: LevelCounts;
  receivedAt: string;
}

/** The batch's overall ratings per (unit, form, officer, month): the groups rule 2 looks at. */
function crossingGroups(records: NewResponseInput[]): Map<string, CrossingGroup> {
  const groups = new Map<string, CrossingGroup>();
  for (const r of records) {
    const level = r.answers[r.overallKey];
    if (!r.officerId || r.selfRating || !isLevel(level)) continue;
    const month = r.day.slice(0, 7);
    const key = `${r.unitId}|${r.formKey}|${r.officerId}|${month}`;
    const g = groups.get(key) ?? {
      unitId: r.unitId,
      formKey: r.formKey,
      overallKey: r.overallKey,
      officerId: r.officerId,
      month,
      lastDay: r.day,
      batch: emptyLevels(),
      receivedAt: r.receivedAt,
    };
    addLevel(g.batch, level);
    if (r.day > g.lastDay) g.lastDay = r.day;
    if (r.receivedAt > g.receivedAt) g.receivedAt = r.receivedAt;
    groups.set(key, g);
  }
  return groups;
}

// Only dissatisfied ratings can push a share up: the common case costs no query.
const mayCross = (g: CrossingGroup): boolean => g.batch['1'] + g.batch['2'] > 0;
// The whole month: what is counted so far is month-to-date, and the range (so its key) is the
// same for the submitted records as for the appended ones, whatever their last day.
const monthRange = (g: CrossingGroup): TallyRange & { questionKey: string } => ({ unitId: g.unitId, formKey: g.formKey, questionKey: g.overallKey, from: `${g.month}-01`, to: `${g.month}-31` });

/** The month ranges whose officer sums rule 2 will need for these records. */
function crossingRanges(records: NewResponseInput[]): (TallyRange & { questionKey: string })[] {
  const ranges = new Map<string, TallyRange & { questionKey: string }>();
  for (const g of crossingGroups(records).values()) {
    if (!mayCross(g)) continue;
    const range = monthRange(g);
    ranges.set(rangeKey(range), range);
  }
  return [...ranges.values()];
}

type OfficerSums = Map<string, (LevelSum & { officerId: string })[]>;

/**
 * Rule 2: an officer's month-to-date dissatisfied share crosses from ≤ 25 % to > 25 %. "Before"
 * is the month's sums read ahead, under the batch's chain-head locks and before its append (a
 * unit's tallies change only under its lock, so they are current); "now" adds the batch. The
 * dedupe key makes it once per officer per month however often it crosses back.
 */
async function ruleCrossing(trx: Trx, batch: BatchContext, config: Config, contextOf: ContextOf, appended: AppendedResponse[], sumsBefore: OfficerSums | undefined): Promise<boolean> {
  let queued = false;
  for (const g of crossingGroups(appended).values()) {
    if (!mayCross(g)) continue;
    // Appended records are some of the prepared ones, so their ranges were all read ahead.
    const sums = sumsBefore?.get(rangeKey(monthRange(g)));
    if (!sums) throw new Error(`officer sums of ${rangeKey(monthRange(g))} were not read ahead`);
    const before = emptyLevels();
    for (const s of sums) if (s.officerId === g.officerId && isLevel(s.level)) addLevel(before, s.level, s.n);
    const now = emptyLevels();
    for (const k of ['1', '2', '3', '4', '5'] as const) now[k] = before[k] + g.batch[k];
    const after = sharesOf(now);
    if (sharesOf(before).flagged || !after.flagged) continue;
    const n = after.responses;
    const dissatisfied = after.dissatisfied;
    const share = after.dissatisfiedShare ?? 0;
    const interval = after.dissatisfiedInterval;
    const nm = await contextOf({ unitId: g.unitId, officerId: g.officerId, fieldId: null });
    await queueAlert(trx, batch.statements, config, {
      unitId: g.unitId,
      kind: 'crossing',
      // The counter form keeps its old key (alerts already stored); others name their form.
      dedupeKey: g.formKey === 'counter' ? `crossing:${g.officerId}:${g.month}` : `crossing:${g.formKey}:${g.officerId}:${g.month}`,
      officerId: g.officerId,
      responseId: null,
      day: g.lastDay,
      createdAt: g.receivedAt,
      details: { month: g.month, formKey: g.formKey, n, dissatisfied, share, interval, smallSample: after.smallSample, levels: now },
      recipients: nm.recipients,
      text: (link) =>
        crossingAlertText({ unitName: nm.unitName, officerName: nm.officerName ?? '', month: g.month, n, dissatisfied, share, interval, smallSample: after.smallSample, link }),
    });
    queued = true;
  }
  return queued;
}

/**
 * The writer hook (same transaction as the insert): alerts are recorded iff responses commit.
 * Everything it reads (rule 1's names and recipients, rule 2's month sums) is read ahead, with
 * the batch's chain-head lock, and the alerts are written with the COMMIT, as is the append: on
 * PostgreSQL a batch takes two round trips, alerts or not.
 * `onAlert` hears of every alert queued, including one whose dedupe key turns out to be taken.
 */
export function alertRulesHook(config: Config, onAlert?: () => void) {
  const readAhead = new WeakMap<BatchContext, { contexts?: Promise<AlertContexts>; sums?: Promise<OfficerSums> }>();
  const hook: AfterAppend = async (trx, _dialect, appended, batch) => {
    const read = readAhead.get(batch);
    const ahead = await read?.contexts;
    const sums = await read?.sums;
    const contextOf: ContextOf = async (s) =>
      ahead?.covers(s) ? ahead.of(s) : alertContext(trx, { unitId: s.unitId, officerId: s.officerId, fieldId: s.fieldId, includeClerks: config.ALERT_NOTIFY_CLERK });
    let queued = false;
    for (const r of appended) queued = (await ruleLowOrIssue(trx, batch, config, contextOf, r)) || queued;
    queued = (await ruleCrossing(trx, batch, config, contextOf, appended, sums)) || queued;
    if (queued) onAlert?.();
  };
  hook.prepare = (trx, records, batch) => {
    const read: { contexts?: Promise<AlertContexts>; sums?: Promise<OfficerSums> } = {};
    const subjects = records.filter(isLowOrIssue);
    if (subjects.length > 0) {
      read.contexts = batch.statements.ahead(alertContextsQuery(trx, subjects, config.ALERT_NOTIFY_CLERK).compile()).then((r) => new AlertContexts(r.rows));
    }
    const [first, ...rest] = crossingRanges(records);
    if (first) read.sums = batch.statements.ahead(officerSumsQuery(trx, [first, ...rest]).compile()).then((r) => officerSumsByRange([first, ...rest], r.rows));
    // Awaited by the hook; a batch of duplicates only never asks.
    read.contexts?.catch(() => undefined);
    read.sums?.catch(() => undefined);
    readAhead.set(batch, read);
  };
  // Its reads are all ahead: names and recipients, which the batch does not change (the rare
  // fallback of contextOf reads them too), and month sums as they were before the batch.
  hook.readsAfterAppend = () => false;
  return hook;
}
