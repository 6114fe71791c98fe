import { AppError } from '../../app-error.ts';
import { entryKeys, isForeignKeyViolation, listEntries, replaceEntries, unitHasOutcomes } from '../../db/campaign-entries.repository.ts';
import { listCampaignUnits, listQuotas, type Campaign } from '../../db/campaigns.repository.ts';
import type { Deps } from '../../deps.ts';
import { parseRespondentList, type ListEntry } from '../../domain/campaign-list.ts';
import { readTabular, TabularFileError, type TabularKind } from '../../files/tabular.ts';
import type { Principal } from '../auth.service.ts';
import { campaignOrThrow, mayManage, reachOf, requireManager } from './campaign-access.ts';

const LISTS_IN_USE = 'Danh sách của đơn vị này đã có kết quả khảo sát (phiếu, từ chối hoặc không liên lạc được): không thể thay danh sách nữa.';

async function managedUnit(deps: Deps, principal: Principal, campaignId: string, unitId: string): Promise<Campaign> {
  requireManager(principal);
  const c = await campaignOrThrow(deps, campaignId);
  if (!(await listCampaignUnits(deps.db.kysely, c.id)).some((u) => u.unitId === unitId)) throw new AppError('not_found', 'Đơn vị này không thuộc đợt khảo sát.');
  if (!mayManage(principal, await reachOf(deps, principal), unitId)) throw new AppError('forbidden', 'Đơn vị ngoài phạm vi quản lý của bạn.');
  return c;
}

/** Lists shorter than the quotas: said, not refused (a commune may have fewer people than asked). */
function shortLists(entries: ListEntry[], quotas: Awaited<ReturnType<typeof listQuotas>>, unitId: string, c: Campaign): string[] {
  const count = (list: 'official' | 'reserve', fieldKey: string, kind: string) => entries.filter((e) => e.list === list && e.fieldKey === fieldKey && e.respondentKind === kind).length;
  const field = new Map(c.fields.map((f) => [f.key, f.name]));
  const kind = new Map(c.respondentKinds.map((k) => [k.key, k.label]));
  const out: string[] = [];
  for (const q of quotas.filter((q) => q.unitId === unitId)) {
    const what = `${field.get(q.fieldKey) ?? q.fieldKey}, ${kind.get(q.respondentKind) ?? q.respondentKind}`;
    const official = count('official', q.fieldKey, q.respondentKind);
    const reserve = count('reserve', q.fieldKey, q.respondentKind);
    if (official < q.official) out.push(`${what}: danh sách chính thức có ${official} người, ít hơn chỉ tiêu ${q.official}.`);
    if (reserve < q.reserve) out.push(`${what}: danh sách dự phòng có ${reserve} người, ít hơn ${q.reserve}.`);
  }
  return out;
}

/**
 * Replaces a unit's official and reserve lists from a CSV or XLSX file: every line checked first
 * (any bad line → 400 naming "dòng N", nothing applied); refused once any entry of the unit has
 * an outcome (409). A person who stays on the list (same list, field, order and name) keeps their
 * entry id, so an enumerator's downloaded list stays valid for them.
 */
export async function importRespondents(deps: Deps, principal: Principal, campaignId: string, unitId: string, bytes: Uint8Array, kind: TabularKind) {
  const c = await managedUnit(deps, principal, campaignId, unitId);
  let table;
  try {
    table = await readTabular(bytes, kind);
  } catch (err) {
    if (err instanceof TabularFileError) throw new AppError('invalid_input', 'Không đọc được tệp; danh sách chưa thay đổi.', { details: [{ path: `dòng ${err.line}`, message: err.message }] });
    throw err;
  }
  const { entries, problems } = parseRespondentList(table.headers, table.records, c);
  if (problems.length > 0) {
    throw new AppError('invalid_input', `Tệp có ${problems.length} lỗi; danh sách chưa thay đổi.`, { details: problems.map((p) => ({ path: `dòng ${p.line}`, message: p.message })) });
  }
  const now = deps.now().toISOString();
  try {
    await deps.db.kysely.transaction().execute(async (trx) => {
      if (await unitHasOutcomes(trx, c.id, unitId)) throw new AppError('conflict', LISTS_IN_USE);
      const kept = new Map((await entryKeys(trx, c.id, unitId)).map((e) => [`${e.list}|${e.fieldKey}|${e.order}|${e.name}`, e.id]));
      await replaceEntries(
        trx,
        c.id,
        unitId,
        entries.map((e) => ({ ...e, id: kept.get(`${e.list}|${e.fieldKey}|${e.order}|${e.name}`) ?? crypto.randomUUID() })),
        now,
      );
    });
  } catch (err) {
    // An outcome recorded while the list was being replaced (its entry is referenced).
    if (isForeignKeyViolation(err)) throw new AppError('conflict', LISTS_IN_USE);
    throw err;
  }
  return {
    official: entries.filter((e) => e.list === 'official').length,
    reserve: entries.filter((e) => e.list === 'reserve').length,
    warnings: shortLists(entries, await listQuotas(deps.db.kysely, c.id), unitId, c),
  };
}

/** A unit's lists with what became of each person (for the supervisor who imported them). */
export async function respondentsOf(deps: Deps, principal: Principal, campaignId: string, unitId: string) {
  const c = await managedUnit(deps, principal, campaignId, unitId);
  const entries = await listEntries(
    deps.db.kysely,
    c.id,
    [unitId],
    c.fields.map((f) => f.key),
  );
  return { campaignId: c.id, unitId, entries: entries.map(({ campaignId: _c, unitId: _u, ...e }) => e) };
}
