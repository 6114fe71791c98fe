import type { CampaignProgress, ProgressRow } from '../../../services/api/campaigns.ts';
import { formatCount } from '../../../services/format/staff.ts';

type Cells = Pick<ProgressRow, 'official' | 'done' | 'reserveUsed' | 'missing'> & { readonly reserve: number | null; readonly refused: number; readonly unreachable: number };

const COLUMNS = [
  { key: 'official', label: 'Chính thức' },
  { key: 'done', label: 'Đã khảo sát' },
  { key: 'reserveUsed', label: 'Dự phòng đã dùng' },
  { key: 'missing', label: 'Còn thiếu' },
  { key: 'refused', label: 'Từ chối' },
  { key: 'unreachable', label: 'Không liên lạc được' },
] as const;

const sum = (rows: readonly ProgressRow[], k: 'reserve' | 'refused' | 'unreachable') => rows.reduce((n, r) => n + r[k], 0);

function NumberCells({ c }: { readonly c: Cells }) {
  return (
    <>
      {COLUMNS.map((col) => (
        <td key={col.key} className={`num${col.key === 'missing' && c.missing > 0 ? ' is-missing' : ''}`} data-label={col.label} data-col={col.key}>
          <span className="campaigns-value">
            {formatCount(c[col.key])}
            {col.key === 'reserveUsed' && c.reserve !== null && <span className="campaigns-of">/{formatCount(c.reserve)}</span>}
          </span>
        </td>
      ))}
    </>
  );
}

/**
 * One table: a block per unit (a row per field and respondent kind, then the unit's total) and
 * the campaign's total at the foot. On a phone every row is a card, its figures labelled.
 */
export function ProgressTable({ progress }: { readonly progress: CampaignProgress }) {
  const allRows = progress.units.flatMap((u) => u.rows);
  return (
    <table className="campaigns-table">
      <caption className="sr-only">Tiến độ theo đơn vị, lĩnh vực và đối tượng</caption>
      <thead>
        <tr>
          <th scope="col">Lĩnh vực · đối tượng</th>
          {COLUMNS.map((c) => (
            <th key={c.key} scope="col" className="num">
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      {progress.units.map((u) => (
        <tbody key={u.unitId} className="campaigns-unit">
          <tr className="campaigns-unit-row">
            <th scope="colgroup" colSpan={COLUMNS.length + 1}>
              {u.name}
            </th>
          </tr>
          {u.rows.map((r) => (
            <tr key={`${r.fieldKey}|${r.respondentKind}`} className={r.missing > 0 ? 'has-missing' : 'is-met'}>
              <th scope="row">
                <span className="row-name">{r.fieldName}</span>
                <span className="row-sub">{r.respondentKindLabel}</span>
              </th>
              <NumberCells c={r} />
            </tr>
          ))}
          <tr className="campaigns-subtotal">
            <th scope="row">Cộng {u.name}</th>
            <NumberCells c={{ ...u.total, reserve: sum(u.rows, 'reserve'), refused: sum(u.rows, 'refused'), unreachable: sum(u.rows, 'unreachable') }} />
          </tr>
        </tbody>
      ))}
      <tfoot>
        <tr className="campaigns-total">
          <th scope="row">Tổng cộng</th>
          <NumberCells c={{ ...progress.total, reserve: sum(allRows, 'reserve'), refused: sum(allRows, 'refused'), unreachable: sum(allRows, 'unreachable') }} />
        </tr>
      </tfoot>
    </table>
  );
}
