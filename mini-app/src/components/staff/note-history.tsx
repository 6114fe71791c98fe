import type { CaseStatus } from '../../services/api/cases.ts';
import { formatInstant } from '../../services/format/staff.ts';
import { caseStatusLabel } from './case-status.ts';

/** A handling note as every list of the API gives it (comments, cases). */
export interface HandlingNote {
  readonly id: string;
  readonly author: string;
  readonly handled: boolean;
  /** The case status the note set; null for a note on a response without a case. */
  readonly status: CaseStatus | null;
  readonly note: string;
  readonly createdAt: string;
}

/** The decisions taken on a response, oldest first: who, when, what status, what was done. */
export function NoteHistory({ notes }: { readonly notes: readonly HandlingNote[] }) {
  if (notes.length === 0) return null;
  return (
    <ol className="note-list" aria-label="Lịch sử xử lý">
      {notes.map((n) => (
        <li key={n.id}>
          <strong>{n.status ? caseStatusLabel(n.status) : n.handled ? 'Đã xử lý' : 'Mở lại'}</strong> · {n.author} · {formatInstant(n.createdAt)}
          {n.note && <p className="note-text">{n.note}</p>}
        </li>
      ))}
    </ol>
  );
}
