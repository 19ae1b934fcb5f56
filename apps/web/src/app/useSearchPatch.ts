import { useSearchParams } from 'react-router';

/**
 * The page's filters as address-bar parameters, so a view can be bookmarked and shared: `patch`
 * sets the given keys and removes those set to undefined or ''.
 */
export function useSearchPatch() {
  const [params, setParams] = useSearchParams();
  const patch = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  return { params, patch };
}
