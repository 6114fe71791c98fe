import './stat-tile.css';

/** One figure with its label, as a tile of a `.stat-grid`; `tone` colours the figure (good green, bad red). */
export function StatTile({ label, value, tone, id }: { readonly label: string; readonly value: string; readonly tone?: 'good' | 'bad'; readonly id: string }) {
  return (
    <div className={`stat${tone ? ` stat-${tone}` : ''}`} data-stat={id}>
      <p className="stat-value">{value}</p>
      <p className="stat-label">{label}</p>
    </div>
  );
}
