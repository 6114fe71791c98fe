import { CoverageVerdict } from '../../../components/staff/coverage-summary.tsx';
import type { CoverageReport } from '../../../services/api/coverage.ts';
import { formatCount, formatPercentShort } from '../../../services/format/staff.ts';
import { DossierInput } from './dossier-input.tsx';

/**
 * Per field: dossiers (editable), responses, the required share and number, and the verdict;
 * the unit's row last. Below 700 px each row is a card whose cells keep their labels.
 */
export function CoverageTable({ c, unitId, onSaved }: { readonly c: CoverageReport; readonly unitId: string; readonly onSaved: () => void }) {
  const rows = [
    ...c.fields.map((f) => ({ ...f, id: f.fieldId ?? 'none', fieldId: f.fieldId ?? undefined, isUnit: false })),
    { ...c, id: 'unit', fieldId: undefined, name: 'Cả đơn vị', isUnit: true },
  ];
  return (
    <table className="coverage-table">
      <caption className="sr-only">Số hồ sơ và số phiếu theo lĩnh vực, {c.label}</caption>
      <thead>
        <tr>
          <th scope="col">Lĩnh vực</th>
          <th scope="col">Số hồ sơ</th>
          <th scope="col" className="num">
            Số phiếu
          </th>
          <th scope="col" className="num">
            Cần tối thiểu
          </th>
          <th scope="col">Kết quả</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.id} data-field={r.id} className={r.isUnit ? 'is-total' : undefined}>
            <th scope="row">{r.name}</th>
            <td data-label="Số hồ sơ" data-col="dossiers">
              {/* Keyed on the stored value: after a save and reload the box shows what the server holds. */}
              <DossierInput
                key={`${c.period}|${r.dossiers}|${r.dossierSource}`}
                unitId={unitId}
                period={c.period}
                fieldId={r.fieldId}
                label={r.name}
                dossiers={r.dossiers}
                source={r.dossierSource}
                onSaved={onSaved}
              />
            </td>
            <td className="num" data-label="Số phiếu" data-col="responses">
              {formatCount(r.responses)}
            </td>
            <td className="num" data-label="Cần tối thiểu" data-col="required">
              <span>
                {formatCount(r.requiredResponses)} <span className="staff-small staff-muted">({formatPercentShort(r.requiredShare)})</span>
              </span>
            </td>
            <td data-label="Kết quả" data-col="verdict">
              <CoverageVerdict c={r} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
