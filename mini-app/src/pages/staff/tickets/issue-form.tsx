import type { ReactNode, RefObject } from 'react';
import { canScanCodes } from '../../../services/zalo/scan.ts';

export interface Choice {
  readonly id: string;
  readonly name: string;
}

export interface IssueFormProps {
  readonly code: string;
  readonly officerId: string;
  readonly fieldId: string;
  readonly officers: readonly Choice[];
  readonly fields: readonly Choice[];
  readonly busy: boolean;
  readonly error: string | null;
  readonly inputRef: RefObject<HTMLInputElement>;
  readonly onCode: (code: string) => void;
  readonly onOfficer: (id: string) => void;
  readonly onField: (id: string) => void;
  readonly onIssue: () => void;
  readonly onScan: () => void;
  /** Below the choices: why the officers and fields are missing, when they could not be loaded. */
  readonly children?: ReactNode;
}

/**
 * The dossier code (typed, or from a barcode scanner that types it and presses Enter, or from
 * Zalo's camera), the officer and the field, and "Tạo mã QR".
 */
export function IssueForm({ code, officerId, fieldId, officers, fields, busy, error, inputRef, onCode, onOfficer, onField, onIssue, onScan, children }: IssueFormProps) {
  return (
    <form
      className="report-card ticket-issue no-print"
      aria-labelledby="ticket-issue-h"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onIssue();
      }}
    >
      <h2 id="ticket-issue-h">Tạo mã QR cho một hồ sơ</h2>
      <label className="staff-field" htmlFor="ticket-code">
        Mã hồ sơ
      </label>
      <div className="ticket-code-row">
        <input
          id="ticket-code"
          ref={inputRef}
          className="ticket-code"
          value={code}
          onChange={(e) => onCode(e.target.value)}
          maxLength={64}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          enterKeyHint="go"
          placeholder="VD: 000.00.12.H56-241125-0001"
          aria-describedby={error ? 'ticket-code-error ticket-code-hint' : 'ticket-code-hint'}
          aria-invalid={error ? true : undefined}
        />
        {canScanCodes() && (
          <button type="button" className="staff-btn" onClick={onScan} disabled={busy}>
            Quét mã
          </button>
        )}
      </div>
      {error && (
        <p id="ticket-code-error" className="staff-error-text ticket-error" role="alert">
          {error}
        </p>
      )}
      <p id="ticket-code-hint" className="staff-small staff-muted ticket-hint">
        Gõ mã trên giấy biên nhận, hoặc quét mã vạch bằng máy quét (máy quét tự bấm Enter).
      </p>
      <div className="ticket-choices">
        <label className="staff-field">
          Cán bộ tiếp nhận
          <select value={officerId} onChange={(e) => onOfficer(e.target.value)}>
            <option value="">Không ghi (người dân tự chọn)</option>
            {officers.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
        </label>
        <label className="staff-field">
          Lĩnh vực
          <select value={fieldId} onChange={(e) => onField(e.target.value)}>
            <option value="">Không ghi (người dân tự chọn)</option>
            {fields.map((f) => (
              <option key={f.id} value={f.id}>
                {f.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {children}
      <button type="submit" className="staff-btn staff-btn-primary ticket-submit" disabled={busy}>
        {busy ? 'Đang tạo mã…' : 'Tạo mã QR'}
      </button>
    </form>
  );
}
