// A random key per form submission, sent as `idempotencyKey` so a double submit or a retry
// after a lost answer creates one transaction, not two.
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP pages on a LAN address are not a secure context: no randomUUID there.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
