import { casesToEscalate, markEscalated, type Case } from '../db/cases.repository.ts';
import type { Database } from '../db/schema.ts';
import { findUnitById } from '../db/units.repository.ts';
import type { Deps } from '../deps.ts';
import { addWorkingDays } from '../domain/calendar.ts';
import { formatViDate, vietnamDay } from '../domain/day.ts';
import type { Transaction } from 'kysely';
import { createAlert } from './enqueue.ts';

/** Cases escalated per step and run: a backlog is worked off over a few runs, not in one long transaction. */
const BATCH = 200;

const STEP_LABEL = ['nhắc người xử lý', 'báo Chủ tịch', 'báo cơ quan cấp trên'] as const;

/** Who hears of an overdue case at each step: its owner (else the unit's clerks), then the unit's chairmen, then the supervisors of its parent unit. */
async function recipientsOf(trx: Transaction<Database>, c: Case, step: 0 | 1 | 2, parentId: string | null): Promise<string[]> {
  const active = trx.selectFrom('staff').select('id').where('active', '=', 1);
  if (step === 0) {
    if (c.ownerStaffId) return [c.ownerStaffId];
    return (await active.where('unit_id', '=', c.unitId).where('role', '=', 'clerk').orderBy('id').execute()).map((r) => r.id);
  }
  if (step === 1) return (await active.where('unit_id', '=', c.unitId).where('role', '=', 'chairman').orderBy('id').execute()).map((r) => r.id);
  if (!parentId) return [];
  return (await active.where('unit_id', '=', parentId).where('role', '=', 'supervisor').orderBy('id').execute()).map((r) => r.id);
}

export function overdueCaseText(a: { unitName: string; step: 0 | 1 | 2; kind: Case['kind']; officerName: string | null; day: string; dueDay: string; link: string }): string {
  const what = a.kind === 'misconduct' ? 'Phản ánh tiêu cực, nhũng nhiễu' : 'Ý kiến "Rất không hài lòng"';
  return [
    `⏰ ${a.unitName}: ${what} nhận ngày ${formatViDate(a.day)}${a.officerName ? ` (cán bộ ${a.officerName})` : ''} chưa được xử lý, quá hạn ${formatViDate(a.dueDay)}.`,
    a.step === 0 ? 'Đề nghị xử lý và ghi kết quả trên màn hình cán bộ.' : a.step === 1 ? 'Người xử lý đã được nhắc nhưng chưa có kết quả: đề nghị Chủ tịch chỉ đạo.' : 'Đơn vị chưa xử lý sau khi đã báo Chủ tịch: báo cáo cơ quan cấp trên theo dõi.',
    `Xem: ${a.link}`,
  ].join('\n');
}

/**
 * Overdue cases climb one step at a time, CASE_ESCALATION_STEP_DAYS working days apart: the owner
 * is reminded the day after the due day, then the chairman is alerted, then the supervisors of the
 * unit's parent (the province's Home Affairs department). Each step is an alert through the outbox
 * (so over Zalo), recorded with the step in the same transaction: once, from any replica.
 * Returns how many steps this call took.
 */
export async function runCaseEscalation(deps: Deps): Promise<number> {
  const now = deps.now();
  const today = vietnamDay(now);
  const step = deps.config.CASE_ESCALATION_STEP_DAYS;
  let done = 0;
  for (const k of [0, 1, 2] as const) {
    // Step k is due once today is past due_day + k steps: due_day < today − k steps.
    const cases = await casesToEscalate(deps.db.kysely, addWorkingDays(today, -step * k), k, BATCH);
    for (const c of cases) {
      const unit = await findUnitById(deps.db.kysely, c.unitId);
      if (!unit) continue;
      const officer = c.officerId ? await deps.db.kysely.selectFrom('officers').select('name').where('id', '=', c.officerId).executeTakeFirst() : undefined;
      const made = await deps.db.kysely.transaction().execute(async (trx) => {
        if (!(await markEscalated(trx, c.responseId, k, now.toISOString()))) return false;
        await createAlert(trx, deps.config, {
          unitId: c.unitId,
          kind: 'case_overdue',
          dedupeKey: `case:${c.responseId}:${k + 1}`,
          officerId: c.officerId,
          responseId: c.responseId,
          day: today,
          createdAt: now.toISOString(),
          details: { step: k + 1, stepLabel: STEP_LABEL[k], dueDay: c.dueDay, day: c.day, kind: c.kind },
          recipients: await recipientsOf(trx, c, k, unit.parentId),
          text: (link) => overdueCaseText({ unitName: unit.name, step: k, kind: c.kind, officerName: officer?.name ?? null, day: c.day, dueDay: c.dueDay, link }),
        });
        return true;
      });
      if (made) done++;
    }
  }
  if (done > 0) deps.zalo.notify('outbox');
  return done;
}
