import { LEVEL_VALUES, type Level } from './levels.ts';

/** Counts per level, keyed "1".."5" as the API shows them. */
export type LevelCounts = Record<'1' | '2' | '3' | '4' | '5', number>;

export function emptyLevels(): LevelCounts {
  return { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
}

export function addLevel(counts: LevelCounts, level: Level, n = 1): LevelCounts {
  const key = String(level) as keyof LevelCounts;
  counts[key] += n;
  return counts;
}

export function countLevels(levels: Iterable<Level>): LevelCounts {
  const counts = emptyLevels();
  for (const level of levels) addLevel(counts, level);
  return counts;
}

export function totalOf(counts: LevelCounts): number {
  return LEVEL_VALUES.reduce((sum, l) => sum + counts[String(l) as keyof LevelCounts], 0);
}
