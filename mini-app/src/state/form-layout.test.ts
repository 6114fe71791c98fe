import { describe, expect, it } from 'vitest';
import type { PublicPoint } from '../services/api/types.ts';
import { COUNTER_POINT, SIPAS_POINT } from '../test-support/point-fixture.ts';
import { firstQuestions, formLayout, questionOrder, type LayoutNode } from './form-layout.ts';

type Form = PublicPoint['form'];

/** The layout as text: "Q key@depth#number" and "G key@depth[…]". */
function outline(nodes: readonly LayoutNode[]): string[] {
  return nodes.map((n) => (n.kind === 'question' ? `Q ${n.question.key}@${n.depth}#${n.number}` : `G ${n.group.key}@${n.depth}[${outline(n.items).join(', ')}]`));
}

describe('formLayout', () => {
  it('keeps a form without groups flat, numbered in form order', () => {
    expect(outline(formLayout(COUNTER_POINT.form))).toEqual(COUNTER_POINT.form.questions.map((q, i) => `Q ${q.key}@0#${i + 1}`));
  });

  it('nests questions under factors under aspects, the ungrouped general question first', () => {
    expect(outline(formLayout(SIPAS_POINT.form))).toEqual([
      'Q overall@0#1',
      'G chinh_sach@0[G cs_thong_tin@1[Q cs1@2#2, Q cs2@2#3], G cs_chat_luong@1[Q cs3@2#4]]',
      'G dich_vu@0[G dv_tiep_can@1[Q dv1@2#5, Q dv2@2#6], G dv_cong_chuc@1[Q dv3@2#7, Q dv4@2#8]]',
    ]);
  });

  it('leaves out groups without questions, treats an unknown group as none, and stops at a loop', () => {
    const [a, b, c] = SIPAS_POINT.form.questions;
    const form: Form = {
      ...SIPAS_POINT.form,
      groups: [
        { key: 'empty', label: 'Trống', parent: null },
        { key: 'x', label: 'X', parent: 'y' },
        { key: 'y', label: 'Y', parent: 'x' },
      ],
      questions: [
        { ...a!, group: 'nowhere' },
        { ...b!, group: 'x' },
        { ...c!, group: null },
      ],
    };
    const layout = formLayout(form);
    expect(outline(layout)).toEqual([`Q ${a!.key}@0#1`, `G y@0[G x@1[Q ${b!.key}@2#2]]`, `Q ${c!.key}@0#3`]);
    expect(questionOrder(layout)).toEqual([a!.key, b!.key, c!.key]);
  });

  it('reads a copy of a form kept by an older app, which has no groups', () => {
    const { groups: _groups, ...old } = COUNTER_POINT.form;
    expect(questionOrder(formLayout(old as Form))).toEqual(COUNTER_POINT.form.questions.map((q) => q.key));
  });

  it('cuts a layout after the first questions in reading order, dropping the groups the cut leaves empty', () => {
    const layout = formLayout(SIPAS_POINT.form);
    expect(outline(firstQuestions(layout, 3))).toEqual(['Q overall@0#1', 'G chinh_sach@0[G cs_thong_tin@1[Q cs1@2#2, Q cs2@2#3]]']);
    expect(firstQuestions(layout, 100)).toEqual(layout);
  });
});
