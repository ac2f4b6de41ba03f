// Whether a CSS media query matches, following changes (a phone turned sideways); false
// where the browser cannot tell (no matchMedia, as in unit tests).
import { useSyncExternalStore } from 'react';

const supported = () => typeof window !== 'undefined' && typeof window.matchMedia === 'function';

export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (notify) => {
      if (!supported()) return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', notify);
      return () => list.removeEventListener('change', notify);
    },
    () => supported() && window.matchMedia(query).matches,
    () => false,
  );
}
