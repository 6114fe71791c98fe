import type { PublicPoint } from '../services/api/types.ts';

type Form = PublicPoint['form'];
export type FormQuestion = Form['questions'][number];
export type FormGroup = Form['groups'][number];

/** A question where it is shown: its number on the screen and how deep its group sits (0: ungrouped). */
export interface QuestionNode {
  readonly kind: 'question';
  readonly question: FormQuestion;
  readonly number: number;
  readonly depth: number;
}

/** A group (aspect, factor, …) with what it holds, in the order the citizen reads it. */
export interface SectionNode {
  readonly kind: 'section';
  readonly group: FormGroup;
  /** 0 for a top-level group (an aspect), 1 for its child (a factor), … */
  readonly depth: number;
  readonly items: readonly LayoutNode[];
}

export type LayoutNode = QuestionNode | SectionNode;

/** The form's groups, outermost first, that hold a question; unknown keys and loops end the path. */
function groupPath(byKey: ReadonlyMap<string, FormGroup>, key: string | null): FormGroup[] {
  const path: FormGroup[] = [];
  const seen = new Set<string>();
  for (let k = key; k !== null && !seen.has(k); ) {
    const group = byKey.get(k);
    if (!group) break;
    seen.add(k);
    path.unshift(group);
    k = group.parent;
  }
  return path;
}

interface Draft {
  readonly items: (QuestionDraft | SectionDraft)[];
  readonly sections: Map<string, SectionDraft>;
}
interface QuestionDraft {
  readonly kind: 'question';
  readonly question: FormQuestion;
}
interface SectionDraft extends Draft {
  readonly kind: 'section';
  readonly group: FormGroup;
}

/**
 * What the rating screen shows, from the form alone: questions in form order, each under its
 * group, groups nested by `parent`. A group takes the place of its first question, so ungrouped
 * questions that come first (the general question) stay first, and a group whose questions are
 * not adjacent is still shown once. Groups without questions are left out; numbers run 1…n in
 * reading order.
 */
export function formLayout(form: Form): LayoutNode[] {
  // A copy kept on the phone by an older app (point-cache) may predate groups.
  const byKey = new Map((form.groups ?? []).map((g) => [g.key, g]));
  const root: Draft = { items: [], sections: new Map() };
  for (const question of form.questions) {
    let at = root;
    for (const group of groupPath(byKey, question.group ?? null)) {
      let section = at.sections.get(group.key);
      if (!section) {
        section = { kind: 'section', group, items: [], sections: new Map() };
        at.sections.set(group.key, section);
        at.items.push(section);
      }
      at = section;
    }
    at.items.push({ kind: 'question', question });
  }
  let number = 0;
  const finish = (items: Draft['items'], depth: number): LayoutNode[] =>
    items.map((item) =>
      item.kind === 'question'
        ? { kind: 'question', question: item.question, number: (number += 1), depth }
        : { kind: 'section', group: item.group, depth, items: finish(item.items, depth + 1) },
    );
  return finish(root.items, 0);
}

/** The question keys in the order the screen shows them. */
export function questionOrder(layout: readonly LayoutNode[]): string[] {
  return layout.flatMap((node) => (node.kind === 'question' ? [node.question.key] : questionOrder(node.items)));
}

/** The layout cut after question `count` (in reading order), groups left empty by the cut dropped. */
export function firstQuestions(layout: readonly LayoutNode[], count: number): LayoutNode[] {
  const out: LayoutNode[] = [];
  for (const node of layout) {
    if (node.kind === 'question') {
      if (node.number <= count) out.push(node);
    } else {
      const items = firstQuestions(node.items, count);
      if (items.length > 0) out.push({ ...node, items });
    }
  }
  return out;
}
