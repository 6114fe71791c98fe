import type { ReactNode } from 'react';
import type { SatisfactionRule } from '../../services/api/staff.ts';
import { formatCount, formatPercentShort } from '../../services/format/staff.ts';
import { overRuleWords, verdictFor, verdictWords } from './verdict.tsx';

type Counted = { readonly name: string; readonly responses: number; readonly dissatisfied: number; readonly flagged: boolean };

/**
 * The officers over the threshold by the rule, grouped by the verdict's words: those for whom it
 * is certain first (red), then those for whom it may be chance (amber). Nothing when none is over.
 */
export function FlaggedNote({ rule, officers, describe = (o) => o.name }: { readonly rule: SatisfactionRule; readonly officers: readonly Counted[]; readonly describe?: (o: Counted) => string }) {
  const words = verdictWords(rule);
  const groups = (['certain', 'chance'] as const)
    .map((tone) => ({ tone, names: officers.filter((o) => verdictFor(o, rule).tone === tone).map(describe) }))
    .filter((g) => g.names.length > 0);
  if (groups.length === 0) return null;
  return (
    <p className={`staff-flag-note${groups[0]!.tone === 'chance' ? ' is-chance' : ''}`} role="note">
      {groups.map((g, i) => (
        <span key={g.tone} className="flag-group" data-verdict={g.tone}>
          {i > 0 ? ' ' : ''}
          {words[g.tone]}: {g.names.join(', ')}.
        </span>
      ))}
    </p>
  );
}

/** What the verdict's words mean, under an officers table; `children` adds the screen's own sentences. */
export function VerdictFootnote({ rule, dissatisfiedNames, children }: { readonly rule: SatisfactionRule; readonly dissatisfiedNames: string; readonly children?: ReactNode }) {
  const t = formatPercentShort(rule.thresholdShare);
  const c = formatPercentShort(rule.confidence);
  return (
    <p className="staff-footnote">
      “{overRuleWords(rule)}”: tỷ lệ phiếu {dissatisfiedNames} lớn hơn {t} số phiếu của cán bộ{rule.strictlyGreater ? ` (đúng ${t} chưa tính)` : ''}, với bất kỳ số
      phiếu nào: đây là đánh giá chính thức theo quy định. “Chắc chắn”: cả khoảng tin cậy {c} (Wilson) của tỷ lệ nằm trên {t}, chênh lệch không thể chỉ do ngẫu nhiên. “Có thể
      do ngẫu nhiên (ít phiếu)”: vượt theo quy định, nhưng với số phiếu này khoảng tin cậy vẫn chứa {t}. “ít dữ liệu” khi dưới {formatCount(rule.smallSample)} phiếu.
      {children}
    </p>
  );
}
