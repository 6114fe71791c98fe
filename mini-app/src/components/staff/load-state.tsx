import type { Loaded } from '../../services/api/use-loaded.ts';

/** Loading and error states, the same on every staff screen. */
export function LoadState({ state, onRetry }: { readonly state: Loaded<unknown>; readonly onRetry?: () => void }) {
  if (state.kind === 'loading') {
    return (
      <p className="staff-status" role="status">
        <span className="staff-spinner" aria-hidden="true" /> Đang tải số liệu…
      </p>
    );
  }
  if (state.kind === 'error') {
    return (
      <div className="staff-error" role="alert">
        <p>{state.message}</p>
        {onRetry && (
          <button type="button" className="staff-btn" onClick={onRetry}>
            Thử lại
          </button>
        )}
      </div>
    );
  }
  return null;
}
