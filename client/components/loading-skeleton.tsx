/** Placeholder blocks while the synopsis loads; announced once to screen readers. */
export function LoadingSkeleton() {
  return (
    <div className="skeleton" role="status" aria-live="polite">
      <span className="visually-hidden">Loading the synopsis…</span>
      <div className="bone wide" aria-hidden="true" />
      <div className="bone" aria-hidden="true" />
      <div className="bone" aria-hidden="true" />
      <div className="bone short" aria-hidden="true" />
    </div>
  );
}
