import { useSearchParams } from 'react-router';

/**
 * The page's filters as address-bar parameters, so a view can be bookmarked and shared: `patch`
 * sets the given keys and removes those set to undefined or ''.
 */
export function useSearchPatch() {
  const [params, setParams] = useSearchParams();
  // applied to the address as it is when the change lands (react-router's own updater sees the
  // parameters of the last render), so two quick changes — typing, then picking a filter — both stay
  const patch = (changes: Record<string, string | undefined>) => {
    const next = new URLSearchParams(window.location.search);
    for (const [k, v] of Object.entries(changes))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace: true });
  };
  return { params, patch };
}
