import { useState } from 'react';
import type { LinkCode } from '../../../services/api/zalo-link.ts';
import { formatInstant } from '../../../services/format/staff.ts';

/** The code, big, with how to use it and until when; a new code once it has expired. */
export function LinkCodePanel({ code, now, busy, onNewCode }: { readonly code: LinkCode; readonly now: number; readonly busy: boolean; readonly onNewCode: () => void }) {
  const [copied, setCopied] = useState(false);
  const left = Math.ceil((Date.parse(code.expiresAt) - now) / 60_000);
  const expired = left <= 0;
  async function copy() {
    try {
      await navigator.clipboard.writeText(code.code);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div className={`zalo-code-panel${expired ? ' is-expired' : ''}`}>
      <p className="zalo-code-label" id="zalo-code-label">
        Mã liên kết của bạn
      </p>
      <p className="zalo-code" aria-labelledby="zalo-code-label" data-code={code.code}>
        {code.code}
      </p>
      <ol className="zalo-steps">
        <li>Mở ứng dụng Zalo trên điện thoại.</li>
        <li>Tìm Zalo OA (Official Account) của hệ thống Hài Lòng và mở cuộc trò chuyện.</li>
        <li>
          Nhắn đúng mã <strong>{code.code}</strong> rồi gửi. Màn hình này tự chuyển sang “Đã liên kết” khi OA nhận được mã.
        </li>
      </ol>
      <p className="staff-small">{code.instructions}</p>
      {expired ? (
        <p className="zalo-expiry is-expired" role="status">
          Mã đã hết hạn lúc {formatInstant(code.expiresAt)}. Bấm “Lấy mã mới” để nhận mã khác.
        </p>
      ) : (
        <p className="zalo-expiry">
          Mã dùng được một lần, hết hạn lúc {formatInstant(code.expiresAt)} (còn khoảng {left} phút).
        </p>
      )}
      <div className="zalo-actions no-print">
        {!expired && (
          <button type="button" className="staff-btn" onClick={() => void copy()}>
            {copied ? 'Đã sao chép mã' : 'Sao chép mã'}
          </button>
        )}
        <button type="button" className={`staff-btn${expired ? ' staff-btn-primary' : ''}`} disabled={busy} onClick={onNewCode}>
          Lấy mã mới
        </button>
      </div>
      {!expired && (
        <p className="staff-small staff-muted" role="status">
          <span className="staff-spinner" aria-hidden="true" /> Đang chờ Zalo OA nhận mã…
        </p>
      )}
    </div>
  );
}
