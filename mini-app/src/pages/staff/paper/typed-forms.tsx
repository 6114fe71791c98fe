import { useState } from 'react';
import type { PaperForm } from '../../../services/api/paper.ts';
import type { FormView } from '../../../services/api/staff.ts';
import type { Choice } from './entry-form.tsx';

/**
 * The forms typed into a batch, in their numbers' order: each form's answers as coloured digits,
 * officer, field, issues, comment; "Sửa" and "Xóa" (asked first) while the batch is open.
 */
export function TypedForms({
  forms,
  form,
  officers,
  fields,
  editable,
  editing,
  onEdit,
  onRemove,
}: {
  readonly forms: readonly PaperForm[];
  readonly form: FormView;
  readonly officers: readonly Choice[];
  readonly fields: readonly Choice[];
  readonly editable: boolean;
  readonly editing: number | null;
  readonly onEdit: (formNo: number) => void;
  /** Removes; resolves when done, throws with the server's message. */
  readonly onRemove: (formNo: number) => Promise<void>;
}) {
  const [asking, setAsking] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (forms.length === 0) return <p className="staff-empty paper-none">Chưa nhập phiếu nào.</p>;
  const name = (list: readonly Choice[], id: string | null) => (id === null ? '–' : (list.find((c) => c.id === id)?.name ?? 'Không còn trong danh sách'));
  const issueLabel = (key: string) => form.issues.find((i) => i.key === key)?.label ?? key;

  async function remove(formNo: number) {
    setError(null);
    try {
      await onRemove(formNo);
      setAsking(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Chưa xóa được phiếu.');
    }
  }

  return (
    <>
      <table className="paper-forms">
        <caption className="sr-only">Các phiếu đã nhập</caption>
        <thead>
          <tr>
            <th scope="col">Phiếu</th>
            <th scope="col">Trả lời (câu 1–{form.questions.length})</th>
            <th scope="col">Cán bộ</th>
            <th scope="col">Lĩnh vực</th>
            <th scope="col">Phản ánh, ý kiến</th>
            {editable && (
              <th scope="col" className="paper-actions-h">
                <span className="sr-only">Sửa, xóa</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {forms.map((f) => (
            <tr key={f.formNo} data-form-no={f.formNo} className={editing === f.formNo ? 'is-editing' : undefined}>
              <th scope="row">Số {f.formNo}</th>
              <td data-label="Trả lời" data-col="answers">
                <ol className={`level-chips paper-chips${form.questions.length > 8 ? ' is-many' : ''}`}>
                  {form.questions.map((q) => {
                    const v = f.answers[q.key];
                    const word = form.levels.find((l) => l.value === v)?.label ?? 'bỏ trống';
                    return (
                      <li key={q.key} className={`lc lc-${v ?? 0}`} title={`${q.shortLabel}: ${word}`}>
                        <span aria-hidden="true">{v ?? '–'}</span>
                        <span className="sr-only">
                          {q.shortLabel}: {word}
                        </span>
                      </li>
                    );
                  })}
                </ol>
              </td>
              <td data-label="Cán bộ" className={f.officerId ? undefined : 'is-empty'}>
                {name(officers, f.officerId)}
              </td>
              <td data-label="Lĩnh vực" className={f.fieldId ? undefined : 'is-empty'}>
                {name(fields, f.fieldId)}
              </td>
              <td data-label="Phản ánh, ý kiến" className={`paper-remarks${f.issues.length === 0 && !f.comment ? ' is-empty' : ''}`}>
                {f.issues.length === 0 && !f.comment && '–'}
                {f.issues.map((k) => (
                  <span key={k} className="badge badge-flag">
                    {issueLabel(k)}
                  </span>
                ))}
                {f.comment && <q>{f.comment}</q>}
              </td>
              {editable && (
                <td className="paper-row-actions">
                  {asking === f.formNo ? (
                    <span role="group" aria-label={`Xóa phiếu số ${f.formNo}?`} className="paper-confirm">
                      <span>Xóa phiếu số {f.formNo}?</span>
                      <button type="button" className="staff-btn staff-btn-danger" onClick={() => void remove(f.formNo)}>
                        Xóa
                      </button>
                      <button type="button" className="staff-btn" onClick={() => setAsking(null)}>
                        Không
                      </button>
                    </span>
                  ) : (
                    <>
                      <button type="button" className="staff-btn" aria-label={`Sửa phiếu số ${f.formNo}`} onClick={() => onEdit(f.formNo)}>
                        Sửa
                      </button>
                      <button type="button" className="staff-btn" aria-label={`Xóa phiếu số ${f.formNo}`} onClick={() => setAsking(f.formNo)}>
                        Xóa
                      </button>
                    </>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {error && (
        <p className="staff-error-text" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
