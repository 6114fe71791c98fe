import { AppError } from '../../app-error.ts';
import type { campaignAnswers, UnitQuestionSum } from '../../db/comparison.repository.ts';
import type { Deps } from '../../deps.ts';
import type { FormDefinition } from '../../domain/form.ts';

/**
 * A comparison restricted to a survey campaign (migration 014's campaign_responses): its form
 * version, its window, and its responses counted from the rows themselves (a campaign is small:
 * 460 forms in seed 000, 16,300 in seed 001), as the tallies would count them.
 */

/** A campaign's responses, counted as the tallies would count them (a self-rating counts for the unit, not the officer). */
export function campaignRows(answers: Awaited<ReturnType<typeof campaignAnswers>>, form: FormDefinition): UnitQuestionSum[] {
  const cells = new Map<string, UnitQuestionSum>();
  for (const a of answers) {
    const parsed = JSON.parse(a.answers) as Record<string, number>;
    for (const [questionKey, level] of Object.entries(parsed)) {
      if (!Number.isInteger(level) || level < 1 || level > 5) continue;
      const officerId = questionKey === form.overallKey && !a.selfRating ? (a.officerId ?? '') : '';
      const key = `${a.unitId}|${questionKey}|${officerId}`;
      const cell = cells.get(key) ?? cells.set(key, { unitId: a.unitId, questionKey, officerId, levels: [0, 0, 0, 0, 0] }).get(key)!;
      cell.levels[level - 1]!++;
    }
  }
  return [...cells.values()];
}

async function findCampaign(deps: Deps, campaignId: string) {
  const c = await deps.db.kysely.selectFrom('campaigns').select(['form_key', 'form_version', 'opens_on', 'closes_on']).where('id', '=', campaignId).executeTakeFirst();
  if (!c) throw new AppError('not_found', 'Không tìm thấy đợt khảo sát.');
  return c;
}

/** A campaign's window: the default range of its comparison. */
export async function campaignWindow(deps: Deps, campaignId: string): Promise<{ from: string; to: string }> {
  const c = await findCampaign(deps, campaignId);
  return { from: c.opens_on, to: c.closes_on };
}

export async function campaignForm(deps: Deps, campaignId: string, formKey: string | null): Promise<FormDefinition> {
  const c = await findCampaign(deps, campaignId);
  if (formKey !== null && formKey !== c.form_key) {
    throw new AppError('invalid_input', `Đợt khảo sát này dùng phiếu "${c.form_key}", không phải "${formKey}".`, { details: [{ path: 'form', message: 'khác phiếu của đợt khảo sát' }] });
  }
  const form = await deps.forms.version(deps.db, c.form_key, Number(c.form_version), deps.now().getTime());
  if (!form) throw new AppError('not_found', `Không có phiếu khảo sát "${c.form_key}".`);
  return form;
}
