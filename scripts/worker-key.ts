/**
 * The key `npm start` gives the Worker, and how it gets there. The key is search-only, for the index,
 * and works now: an expired key would bring the site up broken (every search 502), so expired ones are
 * passed over, a key given in MEILI_SEARCH_KEY is tried before it is used, and when the engine holds no
 * usable key one is created. It reaches wrangler through its environment, never through a file.
 */
import { type Key, Meilisearch, MeilisearchApiError } from 'meilisearch';
import { articleIndexName } from '../src/schema/article.ts';

/** The indexes the Worker searches: the paragraphs, and the article index it counts articles in. */
const workerIndexes = (index: string) => [index, articleIndexName(index)];

/** A search-only key for `index` (and its article index) that is still valid a minute from `now`. */
export function usableSearchKey(keys: Key[], index: string, now: number): Key | undefined {
  return keys.find(
    (k) =>
      k.actions.length === 1 &&
      k.actions[0] === 'search' &&
      workerIndexes(index).every((i) => k.indexes.includes('*') || k.indexes.includes(i)) &&
      (k.expiresAt === null || new Date(k.expiresAt).getTime() > now + 60_000),
  );
}

/** Throws, saying why, unless `key` can search `index` on `host`. */
export async function checkSearchKey(host: string, key: string, index: string): Promise<void> {
  try {
    await new Meilisearch({ host, apiKey: key }).index(index).search('', { limit: 0 });
  } catch (error) {
    if (error instanceof MeilisearchApiError && [401, 403].includes(error.response.status))
      throw new Error(
        `the engine refuses MEILI_SEARCH_KEY (expired, revoked or wrong): ${error.message}`,
      );
    throw error;
  }
}

/**
 * The key for the Worker on `host`: MEILI_SEARCH_KEY when given and working; else an unexpired
 * search-only key the engine has; else a new one (no expiry, this index only), made with `adminKey`.
 * Undefined when the engine has no master key (it needs no key at all).
 */
export async function searchKeyFor(options: {
  host: string;
  adminKey: string | undefined;
  index: string;
  given?: string;
  log: (line: string) => void;
}): Promise<string | undefined> {
  const { host, adminKey, index, given, log } = options;
  if (given) {
    await checkSearchKey(host, given, index);
    return given;
  }
  const admin = new Meilisearch({ host, apiKey: adminKey });
  let keys: Key[];
  try {
    keys = (await admin.getKeys({ limit: 1000 })).results;
  } catch {
    return undefined; // no master key on this engine: it needs no key at all
  }
  const usable = usableSearchKey(keys, index, Date.now());
  if (usable) return usable.key;
  const created = await admin.createKey({
    name: 'news-search Worker',
    description: 'Search-only key created by npm start: no unexpired one was found',
    actions: ['search'],
    indexes: workerIndexes(index),
    expiresAt: null,
  });
  log(`the engine had no unexpired search-only key: created "${created.name}"`);
  return created.key;
}

/**
 * What wrangler gets of this process's environment. The Worker's secrets come from wrangler's own
 * environment (CLOUDFLARE_INCLUDE_PROCESS_ENV), so there is no key file to leave behind if this process
 * is killed; and because that whole environment becomes the Worker's, only what wrangler needs to run
 * passes: never MEILI_MASTER_KEY, MEILI_API_KEY or any other secret of the user's shell.
 */
export function wranglerEnv(
  from: NodeJS.ProcessEnv,
  searchKey: string | undefined,
): Record<string, string> {
  const needed =
    /^(PATH|HOME|USER|LOGNAME|SHELL|LANG|LC_\w+|TERM|TMPDIR|TZ|XDG_\w+|NODE_OPTIONS|NODE_EXTRA_CA_CERTS|(HTTPS?|NO)_PROXY|(https?|no)_proxy|WRANGLER_\w+)$/;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(from))
    if (value !== undefined && needed.test(name)) out[name] = value;
  return {
    ...out,
    CLOUDFLARE_INCLUDE_PROCESS_ENV: 'true',
    WRANGLER_SEND_METRICS: 'false',
    MEILI_SEARCH_KEY: searchKey ?? '',
  };
}
