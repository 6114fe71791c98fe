/**
 * The kinds of unit in the tree. Since 1 July 2025 local government has two levels: the province
 * and its communes, wards and special zones (đặc khu), with departments (sở) under the province;
 * `district` stays for history and the seeds' examples (a town of 23 communes).
 */
export const UNIT_KINDS = ['commune', 'ward', 'special_zone', 'district', 'province', 'department'] as const;
export type UnitKind = (typeof UNIT_KINDS)[number];

/** What a Vietnamese reader calls each kind (a column, a badge). */
export const UNIT_KIND_LABELS: Record<UnitKind, string> = {
  commune: 'Xã',
  ward: 'Phường',
  special_zone: 'Đặc khu',
  district: 'Cấp huyện',
  province: 'Tỉnh, thành phố',
  department: 'Sở, ngành',
};

/** The label of a stored kind; an unknown word (from a newer server) is shown as it is. */
export const unitKindLabel = (kind: string): string => (UNIT_KINDS as readonly string[]).includes(kind) ? UNIT_KIND_LABELS[kind as UnitKind] : kind;
