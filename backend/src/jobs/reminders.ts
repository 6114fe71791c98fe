import { alertRecipients } from '../db/alerts.repository.ts';
import { listPublications } from '../db/publications.repository.ts';
import { listUnits } from '../db/units.repository.ts';
import type { Deps } from '../deps.ts';
import { nextDueDates } from '../domain/calendar.ts';
import { addDays, daysBetween, formatViDate, vietnamDay } from '../domain/day.ts';
import { createAlert } from './enqueue.ts';

/** Text of a publication reminder (Zalo message and alert list). */
export function reminderText(a: { unitName: string; label: string; due: string; inDays: number; note: string | null; link: string }): string {
  const when = a.inDays === 0 ? 'hôm nay' : `còn ${a.inDays} ngày`;
  return [`[${a.unitName}] Nhắc lịch công bố: ${a.label}, hạn ngày ${formatViDate(a.due)} (${when}).`, a.note, `Lập và công bố báo cáo: ${a.link}`].filter(Boolean).join('\n');
}

/**
 * Publication reminders (issue 26): REPORT_REMINDER_DAYS before each due date of the calendar,
 * every unit that has not published that period gets one alert, to its chairman and clerks,
 * through the alert pipeline (outbox → Zalo). The dedupe key (unit, due date) makes it once,
 * from any replica, however often this runs. Returns how many reminders this call created.
 */
export async function runReminders(deps: Deps): Promise<number> {
  const days = deps.config.REPORT_REMINDER_DAYS;
  if (days === 0) return 0;
  const now = deps.now();
  const today = vietnamDay(now);
  const soon = nextDueDates(today, 12).filter((d) => daysBetween(today, d.due) - 1 <= days);
  if (soon.length === 0) return 0;
  const db = deps.db.kysely;
  const keys = new Set(
    (await db.selectFrom('alerts').select('dedupe_key').where('kind', '=', 'reminder').where('day', '>=', addDays(today, -61)).execute()).map((r) => r.dedupe_key),
  );
  let created = 0;
  for (const unit of await listUnits(db)) {
    const pending = soon.filter((d) => !keys.has(`reminder:${unit.id}:${d.key}`));
    if (pending.length === 0) continue;
    const published = new Set((await listPublications(db, unit.id, 100)).filter((p) => p.formKey === 'counter').map((p) => p.periodKey));
    for (const d of pending) {
      if (published.has(d.periodKey)) continue;
      const made = await db.transaction().execute(async (trx) =>
        createAlert(trx, deps.config, {
          unitId: unit.id,
          kind: 'reminder',
          dedupeKey: `reminder:${unit.id}:${d.key}`,
          officerId: null,
          responseId: null,
          day: today,
          createdAt: now.toISOString(),
          details: { dueKey: d.key, periodKey: d.periodKey, due: d.due, nominal: d.nominal },
          // The clerk publishes: reminders go to the clerks whatever ALERT_NOTIFY_CLERK says.
          recipients: await alertRecipients(trx, unit.id, true),
          text: (link) => reminderText({ unitName: unit.name, label: d.label, due: d.due, inDays: daysBetween(today, d.due) - 1, note: d.note, link }),
        }),
      );
      if (made) created++;
    }
  }
  if (created > 0) deps.zalo.notify('outbox');
  return created;
}
