import type { SipasIndex } from '../../services/api/staff.ts';
import { formatCount, formatPercent } from '../../services/format/staff.ts';
import './sipas-index-table.css';

type Group = SipasIndex['groups'][number];

/**
 * A group's sub-groups. Hono's client types stop at a recursive type (a group's `groups` comes out
 * as JSONValue); the server's IndexGroup nests the very same shape at every level.
 */
const subGroups = (g: Group): readonly Group[] => (Array.isArray(g.groups) ? (g.groups as unknown as Group[]) : []);

/** Answers given to the items under a group (its own and its sub-groups'). */
const answersOf = (g: Group): number => g.items.reduce((n, i) => n + i.answers, 0) + subGroups(g).reduce((n, sub) => n + answersOf(sub), 0);

/**
 * The SIPAS index as the API computes it: overall, per aspect, per factor. Indices are the
 * server's; only the answer counts are added up here, for the reader to judge how much data
 * each index rests on.
 */
export function SipasIndexTable({ index }: { readonly index: SipasIndex }) {
  const rows: { key: string; label: string; depth: 0 | 1 | 2; index: number | null; answers: number }[] = [
    { key: '*', label: 'Chỉ số SIPAS chung', depth: 0, index: index.index, answers: index.groups.reduce((n, g) => n + answersOf(g), 0) },
  ];
  for (const aspect of index.groups) {
    rows.push({ key: aspect.key, label: aspect.label, depth: 1, index: aspect.index, answers: answersOf(aspect) });
    for (const factor of subGroups(aspect)) rows.push({ key: factor.key, label: factor.label, depth: 2, index: factor.index, answers: answersOf(factor) });
  }
  return (
    <div className="staff-card">
      <table className="plain-table index-table">
        <caption className="sr-only">Chỉ số hài lòng SIPAS theo khía cạnh và yếu tố</caption>
        <thead>
          <tr>
            <th scope="col">Khía cạnh, yếu tố</th>
            <th scope="col" className="num">
              Chỉ số
            </th>
            <th scope="col" className="num">
              Lượt trả lời
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-index-key={r.key} className={`index-depth-${r.depth}`}>
              <th scope="row">{r.label}</th>
              <td className="num" data-col="index">
                {formatPercent(r.index)}
              </td>
              <td className="num" data-col="answers">
                {formatCount(r.answers)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
