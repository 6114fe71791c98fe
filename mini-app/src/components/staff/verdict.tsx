import { BY_CHANCE, CERTAIN, OVER_RULE, verdictOf, type Verdict } from '@hai-long/backend/domain/results';
import { thresholdText } from '@hai-long/backend/domain/rule';
import type { SatisfactionRule } from '../../services/api/staff.ts';
import './verdict.css';

/*
 * The chairman's two questions about a share, in the one wording the server uses everywhere
 * (domain/results.ts verdictOf): over the threshold by the rule, and more than chance explains?
 * Colour: over and certain red, over by chance amber, not over green; no responses muted.
 */
export type VerdictTone = 'certain' | 'chance' | 'ok' | 'none';
export type ToneVerdict = Verdict & { readonly tone: VerdictTone };

type Counted = { readonly responses: number; readonly dissatisfied: number; readonly flagged: boolean };

export function verdictFor(s: Counted, rule: SatisfactionRule): ToneVerdict {
  const v = verdictOf(s, rule);
  const tone: VerdictTone = s.responses === 0 ? 'none' : v.certainty === 'certain' ? 'certain' : v.certainty === 'chance' ? 'chance' : 'ok';
  return { ...v, tone };
}

/** "Vượt <threshold> (theo quy định)", the threshold from the rule the API serves. */
export const overRuleWords = (rule: SatisfactionRule): string => OVER_RULE(thresholdText(rule));
/** The verdict's three labels, for legends: certain, by chance, not over. */
export function verdictWords(rule: SatisfactionRule): Record<'certain' | 'chance' | 'ok', string> {
  const over = overRuleWords(rule);
  return { certain: `${over} – ${CERTAIN}`, chance: `${over} – ${BY_CHANCE}`, ok: `Không vượt ${thresholdText(rule)}` };
}

/** The row-class of an officer's row: flagged by the rule, and how sure. */
export function verdictRowClass(v: ToneVerdict): string | undefined {
  if (v.tone === 'certain') return 'is-flagged is-certain';
  if (v.tone === 'chance') return 'is-flagged is-chance';
  return undefined;
}

/** The verdict as a badge (no responses: muted text). */
export function VerdictBadge({ shares, rule }: { readonly shares: Counted; readonly rule: SatisfactionRule }) {
  const v = verdictFor(shares, rule);
  if (v.tone === 'none') return <span className="staff-muted" data-verdict="none">{v.label}</span>;
  return (
    <span className={`badge verdict-badge verdict-${v.tone}`} data-verdict={v.tone}>
      {v.label}
    </span>
  );
}
