import { describeFailure, errorCodeOf, type ZaloAnswer } from './http.ts';

/** What became of one send, as the dispatcher needs it. Reasons are Vietnamese: staff read them. */
export type SendOutcome =
  | { kind: 'sent'; messageId: string | null }
  /** Try again later (outage, timeout, rate limit, token trouble). */
  | { kind: 'retry'; code: string; reason: string }
  /** Needs the recipient or an operator to act first; kept visible in the staff alert list. */
  | { kind: 'waiting'; code: WaitingCode; reason: string }
  /** Zalo refused it for good. */
  | { kind: 'failed'; code: string; reason: string };

export type WaitingCode = 'not_linked' | 'not_follower' | 'outside_window' | 'oa_not_configured' | 'no_fallback';

export const WAITING_REASON: Record<WaitingCode, string> = {
  not_linked: 'Người nhận chưa liên kết tài khoản với Zalo.',
  not_follower: 'Người nhận chưa quan tâm (theo dõi) Zalo OA.',
  outside_window: 'Người nhận chưa nhắn tin cho OA trong 7 ngày qua; tin sẽ được gửi khi họ nhắn lại.',
  oa_not_configured: 'Zalo OA chưa được cấu hình trên máy chủ.',
  no_fallback: 'Người nhận ngoài thời hạn 7 ngày và chưa có mẫu ZNS hoặc số điện thoại để gửi thay.',
};

/** Token rejected: refresh once and retry. */
export const TOKEN_ERRORS = new Set([-216, -220, -124]);

/** Maps a Zalo answer (HTTP 200 + `error`) or a transport failure to an outcome. */
export function outcomeOf(answer: ZaloAnswer): SendOutcome {
  if (!answer.ok) return { kind: 'retry', code: answer.failure.kind, reason: `Không kết nối được Zalo (${describeFailure(answer.failure)}).` };
  const code = errorCodeOf(answer.body);
  const zaloMessage = typeof answer.body['message'] === 'string' ? answer.body['message'].slice(0, 200) : '';
  if (code === 0) {
    const data = answer.body['data'];
    const id = data && typeof data === 'object' && 'message_id' in data ? String(data.message_id) : data && typeof data === 'object' && 'msg_id' in data ? String(data.msg_id) : null;
    return { kind: 'sent', messageId: id };
  }
  if (TOKEN_ERRORS.has(code)) return { kind: 'retry', code: `zalo${code}`, reason: 'Mã truy cập Zalo OA không hợp lệ hoặc đã hết hạn.' };
  if (code === -32) return { kind: 'retry', code: 'zalo-32', reason: 'Zalo giới hạn tốc độ gửi; sẽ gửi lại.' };
  if (code === -213) return { kind: 'waiting', code: 'not_follower', reason: WAITING_REASON.not_follower };
  if (code === -230) return { kind: 'waiting', code: 'outside_window', reason: WAITING_REASON.outside_window };
  return { kind: 'failed', code: `zalo${code}`, reason: `Zalo từ chối tin nhắn (mã ${code}${zaloMessage ? `: ${zaloMessage}` : ''}).` };
}
