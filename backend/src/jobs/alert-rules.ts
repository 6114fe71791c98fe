import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import { alertPeriodOf, nextAlertState } from '../domain/alert-policy.ts';
import { addWorkingDays } from '../domain/calendar.ts';
import { isLevel, levelLabel } from '../domain/levels.ts';
import { sharesOf, verdictOf } from '../domain/results.ts';
import { addLevel, emptyLevels, type LevelCounts } from '../domain/tally.ts';
import { alertContext, alertContextsQuery, AlertContexts, alertStatesQuery, setAlertStateQuery, type AlertContext, type AlertSubject } from '../db/alerts.repository.ts';
import { insertCaseQuery } from '../db/cases.repository.ts';
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
  // A misconduct report, or "Rất không hài lòng" with a comment, opens a case (once per response).
  if (r.issues.length > 0 || (overall === 1 && r.comment)) {
    const opened = insertCaseQuery(trx, {
      responseId: r.id,
      unitId: r.unitId,
      officerId: r.officerId,
      kind: r.issues.length > 0 ? 'misconduct' : 'very_dissatisfied',
      day: r.day,
      dueDay: addWorkingDays(r.day, config.CASE_DUE_WORKING_DAYS),
      createdAt: r.receivedAt,
    });
    await batch.statements.atCommit(opened.compile());
  }
  // Paper ballots are typed days after the fact: their cases open, but nobody is woken up.
  if (r.channel === 'paper') return false;
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
  /** The alert period ('2026-11', or '2026-Q4' with ALERT_PERIOD=quarter) and its days. */
  period: { key: string; from: string; to: string };
  lastDay: string;
  batch: LevelCounts;
  receivedAt: string;
}

/** The batch's overall ratings per (unit, form, officer, alert period): the groups rule 2 looks at. */
function crossingGroups(records: NewResponseInput[], config: Config): Map<string, CrossingGroup> {
  const groups = new Map<string, CrossingGroup>();
  for (const r of records) {
    const level = r.answers[r.overallKey];
    // A paper batch is looked at once, when it is committed (services/paper.service.ts).
    if (!r.officerId || r.selfRating || !isLevel(level) || r.channel === 'paper') continue;
    const period = alertPeriodOf(r.day, config.ALERT_PERIOD);
    const key = stateKey(r.unitId, r.formKey, r.officerId, period.key);
    const g = groups.get(key) ?? {
      unitId: r.unitId,
      formKey: r.formKey,
      overallKey: r.overallKey,
      officerId: r.officerId,
      period: { key: period.key, from: period.from, to: period.to },
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

const stateKey = (unitId: string, formKey: string, officerId: string, periodKey: string) => `${unitId}|${formKey}|${officerId}|${periodKey}`;

// Only dissatisfied ratings can push a share up: the common case costs no query.
const mayCross = (g: CrossingGroup): boolean => g.batch['1'] + g.batch['2'] > 0;
// The whole period: what is counted so far is period-to-date, and the range (so its key) is the
// same for the submitted records as for the appended ones, whatever their last day.
const periodRange = (g: CrossingGroup): TallyRange & { questionKey: string } => ({ unitId: g.unitId, formKey: g.formKey, questionKey: g.overallKey, from: g.period.from, to: g.period.to });

/** The groups rule 2 will look at for these records. */
const crossingCandidates = (records: NewResponseInput[], config: Config) => [...crossingGroups(records, config).values()].filter(mayCross);

type OfficerSums = Map<string, (LevelSum & { officerId: string })[]>;

/**
 * Rule 2 (domain/alert-policy.ts): a dissatisfied rating leaves an officer over the threshold with
 * at least ALERT_MIN_RESPONSES in the period while no alert of theirs stands → an alert; seen at
 * or under the threshold again → the standing alert is reset, so a later crossing alerts again.
 * "Before" is the period's sums read ahead, under the batch's chain-head locks and before its
 * append (a unit's tallies and alert states change only under its lock, so they are current);
 * "after" adds the batch. The dedupe key holds n, unique per crossing within a period.
 */
async function ruleCrossing(
  trx: Trx,
  batch: BatchContext,
  config: Config,
  contextOf: ContextOf,
  appended: AppendedResponse[],
  sumsBefore: OfficerSums | undefined,
  standingBefore: Set<string> | undefined,
): Promise<boolean> {
  let queued = false;
  for (const g of crossingCandidates(appended, config)) {
    // Appended records are some of the prepared ones, so their ranges were all read ahead.
    const sums = sumsBefore?.get(rangeKey(periodRange(g)));
    if (!sums || !standingBefore) throw new Error(`officer sums of ${rangeKey(periodRange(g))} were not read ahead`);
    const before = emptyLevels();
    for (const s of sums) if (s.officerId === g.officerId && isLevel(s.level)) addLevel(before, s.level, s.n);
    const now = emptyLevels();
    for (const k of ['1', '2', '3', '4', '5'] as const) now[k] = before[k] + g.batch[k];
    const after = sharesOf(now);
    const key = stateKey(g.unitId, g.formKey, g.officerId, g.period.key);
    const standing = standingBefore.has(key);
    const next = nextAlertState(standing, sharesOf(before), after, { minResponses: config.ALERT_MIN_RESPONSES });
    if (next.standing !== standing) {
      await batch.statements.atCommit(setAlertStateQuery(trx, { unitId: g.unitId, formKey: g.formKey, officerId: g.officerId, periodKey: g.period.key, alerted: next.standing, at: g.receivedAt }).compile());
    }
    if (!next.alert) continue;
    const n = after.responses;
    const dissatisfied = after.dissatisfied;
    const share = after.dissatisfiedShare ?? 0;
    const interval = after.dissatisfiedInterval;
    const verdict = verdictOf(after);
    const nm = await contextOf({ unitId: g.unitId, officerId: g.officerId, fieldId: null });
    await queueAlert(trx, batch.statements, config, {
      unitId: g.unitId,
      kind: 'crossing',
      dedupeKey: `crossing:${g.formKey === 'counter' ? '' : `${g.formKey}:`}${g.officerId}:${g.period.key}:n${n}`,
      officerId: g.officerId,
      responseId: null,
      day: g.lastDay,
      createdAt: g.receivedAt,
      details: { period: g.period.key, month: g.period.key, formKey: g.formKey, n, dissatisfied, share, interval, smallSample: after.smallSample, certainty: verdict.certainty, levels: now },
      recipients: nm.recipients,
      text: (link) =>
        crossingAlertText({ unitName: nm.unitName, officerName: nm.officerName ?? '', period: g.period.key, n, dissatisfied, share, interval, smallSample: after.smallSample, verdict: verdict.label, link }),
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
  const readAhead = new WeakMap<BatchContext, { contexts?: Promise<AlertContexts>; sums?: Promise<OfficerSums>; standing?: Promise<Set<string>> }>();
  const hook: AfterAppend = async (trx, _dialect, appended, batch) => {
    const read = readAhead.get(batch);
    const ahead = await read?.contexts;
    const sums = await read?.sums;
    const standing = await read?.standing;
    const contextOf: ContextOf = async (s) =>
      ahead?.covers(s) ? ahead.of(s) : alertContext(trx, { unitId: s.unitId, officerId: s.officerId, fieldId: s.fieldId, includeClerks: config.ALERT_NOTIFY_CLERK });
    let queued = false;
    for (const r of appended) queued = (await ruleLowOrIssue(trx, batch, config, contextOf, r)) || queued;
    queued = (await ruleCrossing(trx, batch, config, contextOf, appended, sums, standing)) || queued;
    if (queued) onAlert?.();
  };
  hook.prepare = (trx, records, batch) => {
    const read: { contexts?: Promise<AlertContexts>; sums?: Promise<OfficerSums>; standing?: Promise<Set<string>> } = {};
    const subjects = records.filter(isLowOrIssue);
    if (subjects.length > 0) {
      read.contexts = batch.statements.ahead(alertContextsQuery(trx, subjects, config.ALERT_NOTIFY_CLERK).compile()).then((r) => new AlertContexts(r.rows));
    }
    const candidates = crossingCandidates(records, config);
    const ranges = new Map(candidates.map((g) => [rangeKey(periodRange(g)), periodRange(g)]));
    const [first, ...rest] = [...ranges.values()];
    if (first) {
      read.sums = batch.statements.ahead(officerSumsQuery(trx, [first, ...rest]).compile()).then((r) => officerSumsByRange([first, ...rest], r.rows));
      read.standing = batch.statements
        .ahead(alertStatesQuery(trx, candidates.map((g) => ({ unitId: g.unitId, formKey: g.formKey, officerId: g.officerId, periodKey: g.period.key }))).compile())
        .then((r) => new Set(r.rows.map((x) => stateKey(x.unit_id, x.form_key, x.officer_id, x.period_key))));
    }
    // Awaited by the hook; a batch of duplicates only never asks.
    read.contexts?.catch(() => undefined);
    read.sums?.catch(() => undefined);
    read.standing?.catch(() => undefined);
    readAhead.set(batch, read);
  };
  // Its reads are all ahead: names and recipients, which the batch does not change (the rare
  // fallback of contextOf reads them too), period sums and alert states as they were before the batch.
  hook.readsAfterAppend = () => false;
  return hook;
}
