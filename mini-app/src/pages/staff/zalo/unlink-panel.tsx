import { useState } from 'react';

/** "Huỷ liên kết", then a confirmation that says what it stops. */
export function UnlinkPanel({ busy, onUnlink }: { readonly busy: boolean; readonly onUnlink: () => void }) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <div className="zalo-actions no-print">
        <button type="button" className="staff-btn" onClick={() => setAsking(true)}>
          Huỷ liên kết Zalo
        </button>
      </div>
    );
  }
  return (
    <div className="zalo-confirm no-print" role="group" aria-labelledby="zalo-confirm-q">
      <p id="zalo-confirm-q">
        <strong>Huỷ liên kết Zalo?</strong> Bạn sẽ không nhận cảnh báo qua Zalo nữa và không đăng nhập bằng Zalo được, cho tới khi liên kết lại.
      </p>
      <div className="zalo-actions">
        <button type="button" className="staff-btn staff-btn-danger" disabled={busy} onClick={onUnlink}>
          Có, huỷ liên kết
        </button>
        <button type="button" className="staff-btn" disabled={busy} onClick={() => setAsking(false)}>
          Không
        </button>
      </div>
    </div>
  );
}
