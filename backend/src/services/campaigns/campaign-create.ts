import { AppError } from '../../app-error.ts';
import { fieldsOfUnits, insertCampaign, insertCampaignPoints, insertInactiveFields, type Campaign, type CampaignField, type RespondentKind } from '../../db/campaigns.repository.ts';
import { unitSubtreeIds } from '../../db/units.repository.ts';
import type { Deps } from '../../deps.ts';
import { DEFAULT_RESPONDENT_KINDS, definitionProblems, expandQuotas, matchUnitField, type QuotaInput } from '../../domain/campaign-definition.ts';
import { isValidDay } from '../../domain/day.ts';
import { newTokenKey } from '../../security/point-token.ts';
import type { Principal } from '../auth.service.ts';
import { requireManager } from './campaign-access.ts';

export interface CampaignInput {
  name: string;
  formKey: string;
  opensOn: string;
  closesOn: string;
  unitIds: string[];
  fields: CampaignField[];
  respondentKinds?: RespondentKind[] | undefined;
  quotas: QuotaInput[];
}

const invalid = (details: { path: string; message: string }[]) =>
  new AppError('invalid_input', details.length === 1 ? details[0]!.message : `Đợt khảo sát có ${details.length} chỗ chưa hợp lệ; chưa có gì được tạo.`, { details });

/**
 * Makes a campaign at a unit (R4.3; seeds 000, 001, 003): its form's latest version pinned, its
 * units (the unit or units below it), fields, respondent kinds and quotas. Each unit gets a point
 * of the campaign's form (inactive: no QR opens it) for its responses to carry, and its campaign
 * fields mapped onto the unit's own fields — a field the unit lacks is added, inactive, so that the
 * unit's tallies count it and its citizens' form does not change. All in one transaction.
 */
export async function createCampaign(deps: Deps, principal: Principal, rootUnitId: string, input: CampaignInput): Promise<Campaign> {
  requireManager(principal);
  const dayProblems = (['opensOn', 'closesOn'] as const).filter((k) => !isValidDay(input[k])).map((k) => ({ path: k, message: 'Ngày không hợp lệ (YYYY-MM-DD).' }));
  if (dayProblems.length > 0) throw invalid(dayProblems);
  if (input.opensOn > input.closesOn) throw invalid([{ path: 'closesOn', message: 'Ngày kết thúc phải từ ngày bắt đầu trở đi.' }]);
  const form = await deps.forms.latest(deps.db, input.formKey, deps.now().getTime());
  if (!form) throw invalid([{ path: 'formKey', message: `Không có phiếu khảo sát "${input.formKey}".` }]);
  const definition = { ...input, respondentKinds: input.respondentKinds ?? DEFAULT_RESPONDENT_KINDS.map((k) => ({ ...k })) };
  const problems = definitionProblems(definition, await unitSubtreeIds(deps.db.kysely, rootUnitId));
  if (problems.length > 0) throw invalid(problems);

  const now = deps.now().toISOString();
  const campaign: Campaign = {
    id: crypto.randomUUID(),
    rootUnitId,
    name: input.name,
    formKey: form.key,
    formVersion: form.version,
    opensOn: input.opensOn,
    closesOn: input.closesOn,
    fields: input.fields,
    respondentKinds: definition.respondentKinds,
    createdBy: principal.kind === 'staff' ? principal.staff.id : null,
    createdAt: now,
  };
  await deps.db.kysely.transaction().execute(async (trx) => {
    const unitFields = await fieldsOfUnits(trx, input.unitIds);
    const newFields: { id: string; unitId: string; name: string; sortOrder: number }[] = [];
    const units = input.unitIds.map((unitId) => {
      const own = unitFields.get(unitId) ?? [];
      let next = own.reduce((m, f) => Math.max(m, f.sortOrder), 0) + 1;
      const fieldIds: Record<string, string> = {};
      for (const f of input.fields) {
        let id = matchUnitField(f.name, own);
        if (id === undefined) {
          id = crypto.randomUUID();
          newFields.push({ id, unitId, name: f.name, sortOrder: next++ });
        }
        fieldIds[f.key] = id;
      }
      return { unitId, pointId: crypto.randomUUID(), fieldIds };
    });
    await insertInactiveFields(trx, newFields);
    const label = `Điều tra viên – ${input.name}`.slice(0, 200);
    await insertCampaignPoints(
      trx,
      units.map((u) => ({ id: u.pointId, unitId: u.unitId, label, tokenKey: `campaign:${newTokenKey()}`, formKey: form.key, now })),
    );
    await insertCampaign(trx, campaign, units, expandQuotas(definition));
  });
  return campaign;
}
