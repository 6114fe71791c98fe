/**
 * Overall levels as citizens of a commune whose officers do their job give them: 62 % level 5,
 * 26 % 4, 8 % 3, 2 % 2, 2 % 1 (about 4 % dissatisfied). Pick with `REALISTIC_LEVELS[(i * 7) % length]`.
 */
export const REALISTIC_LEVELS: readonly number[] = [
  ...Array<number>(31).fill(5),
  ...Array<number>(13).fill(4),
  ...Array<number>(4).fill(3),
  2,
  1,
];

export const realisticLevel = (i: number): number => REALISTIC_LEVELS[(i * 7) % REALISTIC_LEVELS.length]!;
