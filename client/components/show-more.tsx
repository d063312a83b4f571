import { useState } from 'react';

/** Long lists start short in a side panel; one button shows the rest. */
export function useShowMore<T>(items: readonly T[], limit: number) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, limit);
  const hidden = items.length - shown.length;
  const toggle =
    items.length > limit ? (
      <button
        type="button"
        className="show-more"
        aria-expanded={all}
        onClick={() => {
          setAll(!all);
        }}
      >
        {all ? 'Show fewer' : `Show ${String(hidden)} more`}
      </button>
    ) : null;
  return { shown, toggle };
}
