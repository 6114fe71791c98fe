import { useState, type FormEvent } from 'react';
import { saveDossierCount, type CoverageRow } from '../../../services/api/coverage.ts';
import { StaffApiError } from '../../../services/api/staff.ts';
import { formatCount } from '../../../services/format/staff.ts';

type Source = CoverageRow['dossierSource'];

/** Where a count shown without being typed for the period comes from. */
const SOURCE_HINTS: Partial<Record<Source, string>> = {
  months: 'cộng từ các tháng',
  quarters: 'cộng từ các quý',
  fields: 'cộng từ các lĩnh vực',
};

/**
 * The dossier count of one field (or of the whole unit) for the period: typed here, saved with
 * PUT when the clerk presses "Lưu" or Enter. A count the API adds up from months, quarters or
 * fields shows as the placeholder, so an empty box never reads as zero.
 */
export function DossierInput({
  unitId,
  period,
  fieldId,
  label,
  dossiers,
  source,
  onSaved,
}: {
  readonly unitId: string;
  readonly period: string;
  /** undefined: the whole unit. */
  readonly fieldId: string | undefined;
  readonly label: string;
  readonly dossiers: number;
  readonly source: Source;
  readonly onSaved: () => void;
}) {
  const saved = source === 'period' ? String(dossiers) : '';
  const [text, setText] = useState(saved);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const dirty = text.trim() !== saved;
  const valid = /^\d{1,9}$/.test(text.trim());
  const hint = SOURCE_HINTS[source];

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!dirty || !valid) return;
    setBusy(true);
    setMessage(null);
    try {
      await saveDossierCount(unitId, period, fieldId, Number(text.trim()));
      setMessage({ ok: true, text: 'Đã lưu' });
      onSaved();
    } catch (err) {
      setMessage({ ok: false, text: err instanceof StaffApiError ? err.message : 'Chưa lưu được.' });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="dossier-input" onSubmit={(e) => void submit(e)}>
      <input
        type="number"
        inputMode="numeric"
        min={0}
        step={1}
        aria-label={`Số hồ sơ: ${label}`}
        placeholder={source === 'none' ? 'Chưa nhập' : formatCount(dossiers)}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setMessage(null);
        }}
      />
      {dirty && (
        <button type="submit" className="staff-btn staff-btn-primary" disabled={busy || !valid}>
          {busy ? 'Đang lưu…' : 'Lưu'}
        </button>
      )}
      {hint && !dirty && <span className="staff-small staff-muted">{hint}</span>}
      {message && (
        <span className={message.ok ? 'staff-small dossier-saved' : 'staff-error-text'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </span>
      )}
    </form>
  );
}
