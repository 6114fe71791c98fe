/** The five satisfaction levels (R1, seed 004 §III.5), labels verbatim, highest first. */
export const LEVELS = [
  { value: 5, label: 'Rất hài lòng' },
  { value: 4, label: 'Hài lòng' },
  { value: 3, label: 'Bình thường' },
  { value: 2, label: 'Không hài lòng' },
  { value: 1, label: 'Rất không hài lòng' },
] as const;

export type Level = (typeof LEVELS)[number]['value'];
export const LEVEL_VALUES: readonly Level[] = [1, 2, 3, 4, 5];

export function isLevel(value: unknown): value is Level {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
}

export function levelLabel(level: Level): string {
  return LEVELS.find((l) => l.value === level)!.label;
}
