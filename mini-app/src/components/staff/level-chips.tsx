import { LEVEL_LABELS } from '../../services/staff-format.ts';

type Levels = Readonly<Record<'1' | '2' | '3' | '4' | '5', number>>;

/** The five level counts, highest first, colour-coded; each labelled for screen readers. */
export function LevelChips({ levels }: { readonly levels: Levels }) {
  return (
    <ul className="level-chips">
      {LEVEL_LABELS.map((l) => (
        <li key={l.value} className={`lc lc-${l.value}`} data-level={l.value} title={l.label}>
          <span className="sr-only">{l.label}: </span>
          {levels[String(l.value) as keyof Levels]}
        </li>
      ))}
    </ul>
  );
}

export function LevelLegend() {
  return (
    <ul className="level-legend" aria-label="Chú giải mức đánh giá">
      {LEVEL_LABELS.map((l) => (
        <li key={l.value} className={`lc-key lc-${l.value}`}>
          {l.label}
        </li>
      ))}
    </ul>
  );
}
