/**
 * Tenant tokens: JWTs (HS256/384/512) signed with an API key's value, naming the key in `apiKeyUid`, with
 * `searchRules` (a list of index patterns, or a map from pattern to `{ filter }` or null) and an optional
 * `exp`. They open search routes only, within both the token's rules and the key's own indexes.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { MeiliError } from './errors.ts';

export type SearchRules = string[] | Record<string, { filter?: unknown } | null>;

export interface TenantToken {
  apiKeyUid: string;
  rules: SearchRules;
}

const ALGORITHMS: Record<string, string> = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' };

function couldNotDecode(what: string): MeiliError {
  return new MeiliError(403, 'invalid_api_key', `Could not decode tenant token, ${what}.`, 'auth');
}

function decodePart(part: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  } catch {
    throw couldNotDecode('Json');
  }
  if (typeof value !== 'object' || value === null) throw couldNotDecode('Json');
  return value as Record<string, unknown>;
}

/**
 * Read `token` as a tenant token. Returns undefined when it is not one (not a JWT: it is then taken as an
 * API key); throws Meilisearch's error when it is one but invalid or expired. `secretOf` gives the value of
 * the key with that uid (derived from the master key, whether or not the key exists).
 */
export function readTenantToken(
  token: string,
  secretOf: (uid: string) => string | undefined,
): TenantToken | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const [header64, payload64, signature64] = parts as [string, string, string];
  const header = decodePart(header64);
  const claims = decodePart(payload64);
  const uid = claims.apiKeyUid;
  if (
    typeof uid !== 'string' ||
    !/^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i.test(uid)
  )
    throw couldNotDecode('Json');
  const secret = secretOf(uid.toLowerCase());
  if (secret === undefined)
    throw new MeiliError(403, 'invalid_api_key', 'The provided tenant token is invalid.', 'auth');
  const algorithm = ALGORITHMS[String(header.alg)];
  if (!algorithm) throw couldNotDecode('InvalidAlgorithm');
  const expected = createHmac(algorithm, secret).update(`${header64}.${payload64}`).digest();
  const given = Buffer.from(signature64, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw couldNotDecode('InvalidSignature');
  if (claims.searchRules === undefined) throw couldNotDecode('Json');
  if (claims.exp !== undefined && claims.exp !== null) {
    if (typeof claims.exp !== 'number') throw couldNotDecode('Json');
    const now = Math.floor(Date.now() / 1000);
    if (now > claims.exp)
      throw new MeiliError(
        403,
        'invalid_api_key',
        `Tenant token expired. Was valid up to \`${claims.exp}\` and we're now \`${now}\`.`,
        'auth',
      );
  }
  return { apiKeyUid: uid.toLowerCase(), rules: claims.searchRules as SearchRules };
}

function matches(pattern: string, uid: string): boolean {
  return (
    pattern === '*' ||
    pattern === uid ||
    (pattern.endsWith('*') && uid.startsWith(pattern.slice(0, -1)))
  );
}

function patterns(rules: SearchRules): string[] {
  return Array.isArray(rules) ? rules : Object.keys(rules);
}

export function tokenAllowsIndex(rules: SearchRules, uid: string): boolean {
  return patterns(rules).some((p) => matches(p, uid));
}

export function tokenIndexes(rules: SearchRules): string[] {
  return [...patterns(rules)].sort();
}

/** The filter the token adds on index `uid`: the rule of the most specific pattern (exact, then longest). */
export function tokenFilter(rules: SearchRules, uid: string): unknown {
  if (Array.isArray(rules)) return undefined;
  const best = Object.entries(rules)
    .filter(([p]) => matches(p, uid))
    .sort(([a], [b]) => Number(b === uid) - Number(a === uid) || b.length - a.length)[0];
  const filter = best?.[1]?.filter;
  return filter === undefined || filter === null ? undefined : filter;
}

/** `rule AND query`, in Meilisearch's array form (an inner array would read as OR). */
export function andFilters(rule: unknown, query: unknown): unknown {
  if (rule === undefined) return query;
  if (query === undefined || query === null || query === '') return rule;
  const parts = (f: unknown) => (Array.isArray(f) ? f : [f]);
  return [...parts(rule), ...parts(query)];
}
