// A countdown in whole seconds (for "wait N seconds" after RATE_LIMITED).
import { useEffect, useState } from 'react';

/** Seconds left, and `start(n)` to begin counting down from n. */
export function useCooldown(): [number, (seconds: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const timer = setTimeout(() => setLeft((s) => s - 1), 1000);
    return () => clearTimeout(timer);
  }, [left]);
  return [left, (seconds) => setLeft(Math.max(0, Math.ceil(seconds)))];
}
