import type { Deps } from '../deps.ts';
import type { WaitingCode } from '../zalo/outcome.ts';

/**
 * Zalo's Official Account may send a "tin Tư vấn" (consultation message) only while the user's last
 * interaction with the OA is within 7 days (Zalo Cloud, "ngừng hỗ trợ dịch vụ ZNS Follower", in
 * force since 18/4/2023: "Tương tác cuối của người dùng trong khoảng thời gian cho phép (07 ngày)");
 * outside it the API answers -230. Past the window, messages wait here until the user writes to
 * the OA again, or go out as ZNS when a template and a phone number are configured (docs/zalo.md).
 */
export const MESSAGING_WINDOW_DAYS = 7;

const ADVICE: Record<WaitingCode | 'failed' | 'ok', string> = {
  ok: 'Đang nhận cảnh báo qua Zalo.',
  not_linked: 'Chưa liên kết Zalo: bấm "Liên kết Zalo", rồi gửi mã hiện ra cho Zalo OA của hệ thống.',
  not_follower: 'Chưa quan tâm (theo dõi) Zalo OA: mở Zalo, tìm OA của hệ thống và bấm "Quan tâm".',
  outside_window: `Zalo chỉ cho OA nhắn trong ${MESSAGING_WINDOW_DAYS} ngày kể từ lần cuối người nhận nhắn cho OA: hãy nhắn một tin bất kỳ cho OA; các cảnh báo đang chờ sẽ được gửi ngay sau đó.`,
  oa_not_configured: 'Máy chủ chưa cấu hình Zalo OA: báo quản trị viên (docs/zalo.md). Cảnh báo vẫn có trên màn hình này và trong bản tổng hợp hằng ngày.',
  no_fallback: `Quá ${MESSAGING_WINDOW_DAYS} ngày chưa nhắn cho OA và chưa cấu hình ZNS: hãy nhắn một tin bất kỳ cho OA.`,
  failed: 'Zalo từ chối một số tin: xem lý do ở từng cảnh báo.',
};

export interface RecipientState {
  staffId: string;
  username: string;
  role: string;
  linkedAt: string | null;
  /** ok: the last message was delivered (or none is waiting); else why the messages wait. */
  state: WaitingCode | 'failed' | 'ok';
  waiting: number;
  lastDeliveredAt: string | null;
  advice: string;
}

/**
 * Whether the unit's alerts reach their recipients over Zalo, and what each can do when not:
 * the chairman sees it on the alerts screen, not only in each alert's delivery line.
 */
export async function alertDeliveryState(deps: Deps, unitId: string): Promise<{ windowDays: number; recipients: RecipientState[] }> {
  const db = deps.db.kysely;
  const roles = deps.config.ALERT_NOTIFY_CLERK ? (['chairman', 'clerk'] as const) : (['chairman'] as const);
  const [staff, links, waiting, delivered] = await Promise.all([
    db.selectFrom('staff').select(['id', 'username', 'role']).where('unit_id', '=', unitId).where('active', '=', 1).where('role', 'in', [...roles]).orderBy('role').orderBy('username').execute(),
    db.selectFrom('zalo_links').select(['subject_id', 'linked_at']).where('unit_id', '=', unitId).where('subject_kind', '=', 'staff').execute(),
    db
      .selectFrom('outbox')
      .select(['recipient_staff_id', 'status', 'reason_code', 'updated_at'])
      .where('unit_id', '=', unitId)
      .where('status', 'in', ['waiting', 'failed'])
      .orderBy('updated_at', 'desc')
      .limit(500)
      .execute(),
    db
      .selectFrom('outbox')
      .select(['recipient_staff_id', (eb) => eb.fn.max('delivered_at').as('at')])
      .where('unit_id', '=', unitId)
      .where('status', '=', 'delivered')
      .groupBy('recipient_staff_id')
      .execute(),
  ]);
  const linkedAt = new Map(links.map((l) => [l.subject_id, l.linked_at]));
  const lastDelivered = new Map(delivered.map((d) => [d.recipient_staff_id, d.at]));
  return {
    windowDays: MESSAGING_WINDOW_DAYS,
    recipients: staff.map((s) => {
      const mine = waiting.filter((w) => w.recipient_staff_id === s.id);
      const latest = mine[0];
      const last = lastDelivered.get(s.id) ?? null;
      // A delivery after the latest problem means it was solved (the user wrote to the OA, linked…).
      const solved = latest && last !== null && last > latest.updated_at;
      let state: RecipientState['state'] = 'ok';
      if (!linkedAt.has(s.id)) state = 'not_linked';
      else if (latest && !solved) state = latest.status === 'failed' ? 'failed' : ((latest.reason_code as WaitingCode | null) ?? 'failed');
      if (!(state in ADVICE)) state = 'failed';
      return {
        staffId: s.id,
        username: s.username,
        role: s.role,
        linkedAt: linkedAt.get(s.id) ?? null,
        state,
        waiting: mine.filter((w) => w.status === 'waiting').length,
        lastDeliveredAt: last,
        advice: ADVICE[state],
      };
    }),
  };
}
