import type { FormContent } from './form.ts';
import { RULE, type SatisfactionRule } from './rule.ts';
import type { LevelCounts } from './tally.ts';

/**
 * The SIPAS index (Chỉ số hài lòng về sự phục vụ hành chính) of a form whose items sit in
 * groups (aspect → factor → item), computed as docs/sipas.md states it — the ministry's own
 * formula text (QĐ 2640/QĐ-BNV, 2017; QĐ 1001/QĐ-BNV, 2023) could not be found in public
 * sources, so this is the formula used, stated there:
 * - an item's index is the share of its answers that are satisfied (levels 4–5, the rule's),
 *   among the answers given to it (a blank item counts in no denominator);
 * - a group's index (a factor, an aspect) is the unweighted mean of the indices of what it holds
 *   (its items and its sub-groups) that have answers;
 * - the overall index is the unweighted mean of the top-level groups' (the aspects') indices.
 * Questions in no group (the general question) are not part of the index. An index is null
 * where nothing below it was answered.
 */
export interface IndexItem {
  key: string;
  label: string;
  answers: number;
  satisfied: number;
  index: number | null;
}

export interface IndexGroup {
  key: string;
  label: string;
  index: number | null;
  groups: IndexGroup[];
  items: IndexItem[];
}

export interface SipasIndex {
  index: number | null;
  groups: IndexGroup[];
}

const mean = (xs: (number | null)[]): number | null => {
  const known = xs.filter((x): x is number => x !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0) / known.length;
};

export function sipasIndex(form: Pick<FormContent, 'groups' | 'questions'>, levelsByQuestion: ReadonlyMap<string, LevelCounts>, rule: SatisfactionRule = RULE): SipasIndex {
  const item = (q: { key: string; label: string }): IndexItem => {
    const levels = levelsByQuestion.get(q.key);
    const answers = levels ? levels['1'] + levels['2'] + levels['3'] + levels['4'] + levels['5'] : 0;
    const satisfied = levels ? rule.satisfiedLevels.reduce((n, l) => n + levels[String(l) as keyof LevelCounts], 0) : 0;
    return { key: q.key, label: q.label, answers, satisfied, index: answers === 0 ? null : satisfied / answers };
  };
  const build = (key: string, label: string): IndexGroup => {
    const groups = form.groups.filter((g) => g.parent === key).map((g) => build(g.key, g.label));
    const items = form.questions.filter((q) => q.group === key).map(item);
    return { key, label, groups, items, index: mean([...groups.map((g) => g.index), ...items.map((i) => i.index)]) };
  };
  const groups = form.groups.filter((g) => g.parent === undefined).map((g) => build(g.key, g.label));
  return { index: mean(groups.map((g) => g.index)), groups };
}
