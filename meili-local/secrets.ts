/**
 * How Meilisearch shows a secret it stores (an embedder's or chat workspace's `apiKey`, a webhook's
 * `authorization` header): cut short, the longer the secret the more of its start is kept. `offset`
 * characters (a `Bearer ` prefix) are kept and not counted.
 */
export function hideSecret(value: string, offset = 0): string {
  const rest = value.length - offset;
  if (rest < 0) return value;
  const keep = rest < 10 ? 0 : rest < 20 ? 2 : rest < 30 ? 3 : 5;
  const mark = rest < 10 ? 'XXX...' : rest < 20 ? 'XXXX...' : rest < 30 ? 'XXXXX...' : 'XXXXXX...';
  return value.slice(0, offset + keep) + mark;
}
