/**
 * The comparator: two answers to the same request, field by field. What legitimately varies between
 * engines or runs (timings, task and key uids, key values, dates) is ignored; everything else counts.
 * Lists of documents or facet values are compared by identity first (`.ids`: which ones, `.order`: same
 * ones in another order), then item by item; facet distributions value by value; errors by status and code.
 */
import type { HttpAnswer } from './http.ts';

export interface Difference {
  /** Where: a path with list positions folded, e.g. `hits.ids`, `hits[]._formatted.text`, `facetDistribution.persons`. */
  field: string;
  /** The same place unfolded: list items by position or identity, e.g. `hits[gen-1_0]._formatted.text`. */
  at: string;
  reference: unknown;
  local: unknown;
}

const IGNORED = new Set([
  'processingTimeMs',
  'requestUid',
  'enqueuedAt',
  'startedAt',
  'finishedAt',
  'duration',
  'createdAt',
  'updatedAt',
  'batchUid',
  'taskUid',
  'from',
  'next',
]);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function ignored(key: string, value: unknown): boolean {
  if (IGNORED.has(key)) return true;
  // Task uids are numbers, key uids UUIDs (an index's uid is its name and counts); key values are hex digests.
  if (key === 'uid')
    return typeof value === 'number' || (typeof value === 'string' && UUID.test(value));
  return key === 'key' && typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);
}

type Json = Record<string, unknown>;
const isObject = (x: unknown): x is Json =>
  typeof x === 'object' && x !== null && !Array.isArray(x);
const isPrimitive = (x: unknown) => typeof x !== 'object' || x === null;
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const join = (path: string, key: string) => (path ? `${path}.${key}` : key);

/** The identity of a list item: a document's `id`, a facet value's `value`. */
function identity(x: unknown): string | undefined {
  if (!isObject(x)) return undefined;
  if (typeof x.id === 'string' || typeof x.id === 'number') return String(x.id);
  return typeof x.value === 'string' || typeof x.value === 'number' ? String(x.value) : undefined;
}

function diff(path: string, at: string, a: unknown, b: unknown, out: Difference[]): void {
  if (Array.isArray(a) && Array.isArray(b)) {
    const ia = a.map(identity);
    const ib = b.map(identity);
    if ((a.length || b.length) && [...ia, ...ib].every((x) => x !== undefined)) {
      const kind = same([...ia].sort(), [...ib].sort()) ? 'order' : 'ids';
      if (!same(ia, ib))
        out.push({ field: `${path}.${kind}`, at: `${at}.${kind}`, reference: ia, local: ib });
      // An id may come more than once (one document from two indexes in a federated search): the k-th
      // time on one side is compared with the k-th time on the other.
      const byId = new Map<string | undefined, unknown[]>();
      b.forEach((x, i) => byId.set(ib[i], [...(byId.get(ib[i]) ?? []), x]));
      const seen = new Map<string | undefined, number>();
      a.forEach((x, i) => {
        const k = seen.get(ia[i]) ?? 0;
        seen.set(ia[i], k + 1);
        const other = byId.get(ia[i]);
        if (other && k < other.length) diff(`${path}[]`, `${at}[${ia[i]}]`, x, other[k], out);
      });
    } else if (a.every(isPrimitive) && b.every(isPrimitive)) {
      if (!same(a, b)) out.push({ field: path, at, reference: a, local: b });
    } else {
      if (a.length !== b.length)
        out.push({
          field: `${path}.length`,
          at: `${at}.length`,
          reference: a.length,
          local: b.length,
        });
      for (let i = 0; i < Math.min(a.length, b.length); i++)
        diff(`${path}[]`, `${at}[${i}]`, a[i], b[i], out);
    }
    return;
  }
  if (isObject(a) && isObject(b)) {
    const facetMap = /(^|\.)facetDistribution$/.test(path);
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (ignored(key, a[key] ?? b[key])) continue;
      const [x, y] = [a[key], b[key]];
      if (facetMap && isObject(x) && isObject(y)) {
        // One difference per facet, holding only the values whose counts differ.
        const values = [...new Set([...Object.keys(x), ...Object.keys(y)])].filter(
          (v) => x[v] !== y[v],
        );
        if (values.length)
          out.push({
            field: join(path, key),
            at: join(at, key),
            reference: Object.fromEntries(values.map((v) => [v, x[v]])),
            local: Object.fromEntries(values.map((v) => [v, y[v]])),
          });
      } else if (!(key in a) || !(key in b))
        out.push({
          field: join(path, key),
          at: join(at, key),
          reference: key in a ? x : '(absent)',
          local: key in b ? y : '(absent)',
        });
      else diff(join(path, key), join(at, key), x, y, out);
    }
    return;
  }
  if (!same(a, b))
    out.push({ field: path || '(body)', at: at || '(body)', reference: a, local: b });
}

function errorOf(body: unknown): { code?: unknown; type?: unknown; message?: unknown } {
  if (!isObject(body)) return { message: body };
  return isObject(body.error) ? body.error : body;
}

export function compareAnswers(reference: HttpAnswer, local: HttpAnswer): Difference[] {
  const out: Difference[] = [];
  if (reference.status !== local.status)
    out.push({ field: 'status', at: 'status', reference: reference.status, local: local.status });
  if (
    reference.status >= 400 ||
    local.status >= 400 ||
    reference.status === 0 ||
    local.status === 0
  ) {
    const [r, l] = [errorOf(reference.body), errorOf(local.body)];
    const shown = (e: typeof r, status: number) =>
      status > 0 && status < 400
        ? '(no error)'
        : `${String(e.code)}: ${String(e.message ?? '')}`.slice(0, 300);
    if (r.code !== l.code)
      out.push({
        field: 'error.code',
        at: 'error.code',
        reference: shown(r, reference.status),
        local: shown(l, local.status),
      });
    else if (r.type !== l.type)
      out.push({ field: 'error.type', at: 'error.type', reference: r.type, local: l.type });
    return out;
  }
  diff('', '', reference.body, local.body, out);
  return out;
}
