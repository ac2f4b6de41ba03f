// A short name for a browser from its User-Agent ("Chrome 140 on Linux"), for the sessions
// table and the audit log, by Bowser (a maintained parser); the full string stays next to
// it. A description only, never used for any decision.
import Bowser from 'bowser';

export function describeUserAgent(userAgent: string | null | undefined): string {
  if (!userAgent?.trim()) return 'Unknown device';
  const parsed = Bowser.parse(userAgent);
  const name = parsed.browser.name;
  const major = parsed.browser.version?.split('.')[0];
  const browser = name ? (major ? `${name} ${major}` : name) : null;
  const system = parsed.os.name ?? null;
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown browser';
}
