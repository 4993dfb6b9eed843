/**
 * Dynamic search rules (Meilisearch 1.50, behind the `dynamicSearchRules` experimental feature): instance-wide
 * rules that pin documents at positions of a search's results when their conditions hold. Semantics from
 * meilisearch-types/src/dynamic_search_rules.rs (shape, validation, partial update) and
 * milli/src/dynamic_search_rules.rs (which rules are active for a search, and the order of their pins).
 */
import { MeiliError } from './errors.ts';
import { type Condition, type FilterNode, valueTest } from './filter.ts';
import { describeValue } from './errors.ts';
import { words } from './tokenize.ts';

export interface PinAction {
  selector: { indexUid?: string; id: string };
  action: { type: 'pin'; position: number };
}

export interface Conditions {
  time?: { start?: string; end?: string };
  query?: { isEmpty?: boolean; words?: string };
  filter?: { values: Record<string, unknown> };
}

export interface Rule {
  uid: string;
  description?: string;
  lastUpdatedAt: string;
  precedence?: number;
  active: boolean;
  conditions: Conditions;
  actions: PinAction[];
}

/** A PATCH body: a field left out keeps its value, `null` resets it. */
export type RuleUpdate = Partial<
  Record<'description' | 'precedence' | 'active' | 'conditions' | 'actions', unknown>
>;

/** The task type and index uid Meilisearch gives rule writes (its rules live in a hidden index). */
export const RULES_INDEX = '.meili_dsr';

const UPDATE_FIELDS = ['description', 'precedence', 'active', 'conditions', 'actions'];

const fail = (code: string, message: string) =>
  new MeiliError(400, `invalid_dynamic_search_rule_${code}`, message);
const typeError = (at: string, expected: string, value: unknown) =>
  `Invalid value type at \`${at}\`: expected ${expected}, but found ${describeValue(value)}`;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function unknownField(at: string, key: string, accepted: string[], code: string): MeiliError {
  return new MeiliError(
    400,
    code,
    `Unknown field \`${key}\`${at ? ` inside \`${at}\`` : ''}: expected one of ${accepted.map((k) => `\`${k}\``).join(', ')}`,
  );
}

function rfc3339(at: string, value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  const code = 'invalid_dynamic_search_rule_conditions';
  if (typeof value !== 'string') throw new MeiliError(400, code, typeError(at, 'a string', value));
  const ok = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value);
  if (!ok || Number.isNaN(Date.parse(value)))
    throw new MeiliError(
      400,
      code,
      `Invalid value at \`${at}\`: \`${value}\` is not a valid date. It should follow the RFC 3339 format to represents a date or datetime in the future or specified as a null value. e.g. 'YYYY-MM-DD' or 'YYYY-MM-DD HH:MM:SS'.\n`,
    );
  return value;
}

function parseConditions(value: unknown): Conditions {
  const code = 'invalid_dynamic_search_rule_conditions';
  if (!isObject(value)) throw fail('conditions', typeError('.conditions', 'an object', value));
  const out: Conditions = {};
  for (const [key, part] of Object.entries(value)) {
    if (!['time', 'query', 'filter'].includes(key))
      throw unknownField('.conditions', key, ['time', 'query', 'filter'], code);
    if (part === null) continue;
    const at = `.conditions.${key}`;
    if (!isObject(part)) throw fail('conditions', typeError(at, 'an object', part));
    if (key === 'time') {
      for (const k of Object.keys(part))
        if (k !== 'start' && k !== 'end') throw unknownField(at, k, ['start', 'end'], code);
      const start = rfc3339(`${at}.start`, part.start);
      const end = rfc3339(`${at}.end`, part.end);
      if (start && end && Date.parse(start) > Date.parse(end))
        throw new MeiliError(
          400,
          'bad_request',
          `Invalid value at \`${at}\`: \`end\` (\`${end}\`) should be later than \`start\` (\`${start}\`)`,
        );
      out.time = { ...(start ? { start } : {}), ...(end ? { end } : {}) };
    } else if (key === 'query') {
      for (const k of Object.keys(part))
        if (k !== 'isEmpty' && k !== 'words') throw unknownField(at, k, ['isEmpty', 'words'], code);
      const { isEmpty, words } = part;
      if (isEmpty !== undefined && isEmpty !== null && typeof isEmpty !== 'boolean')
        throw fail('conditions', typeError(`${at}.isEmpty`, 'a boolean', isEmpty));
      if (words !== undefined && words !== null && typeof words !== 'string')
        throw fail('conditions', typeError(`${at}.words`, 'a string', words));
      if (isEmpty === true && typeof words === 'string')
        throw new MeiliError(
          400,
          'bad_request',
          `Invalid value at \`${at}\`: either \`isEmpty\` or \`words\` can be used, not both at once`,
        );
      out.query = {
        ...(typeof isEmpty === 'boolean' ? { isEmpty } : {}),
        ...(typeof words === 'string' ? { words } : {}),
      };
    } else {
      for (const k of Object.keys(part))
        if (k !== 'values') throw unknownField(at, k, ['values'], code);
      const values = part.values ?? {};
      if (!isObject(values))
        throw fail('conditions', typeError(`${at}.values`, 'an object', values));
      out.filter = { values };
    }
  }
  return out;
}

function parseActions(value: unknown): PinAction[] {
  const code = 'invalid_dynamic_search_rule_actions';
  if (!Array.isArray(value)) throw fail('actions', typeError('.actions', 'an array', value));
  return value.map((item, i) => {
    const at = `.actions[${i}]`;
    if (!isObject(item)) throw fail('actions', typeError(at, 'an object', item));
    for (const k of Object.keys(item))
      if (k !== 'selector' && k !== 'action')
        throw unknownField(at, k, ['selector', 'action'], code);
    const { selector, action } = item;
    if (selector === undefined)
      throw fail('actions', `Missing field \`selector\` inside \`${at}\``);
    if (action === undefined) throw fail('actions', `Missing field \`action\` inside \`${at}\``);
    if (!isObject(selector))
      throw fail('actions', typeError(`${at}.selector`, 'an object', selector));
    for (const k of Object.keys(selector))
      if (k !== 'indexUid' && k !== 'id')
        throw unknownField(`${at}.selector`, k, ['indexUid', 'id'], code);
    if (typeof selector.id !== 'string')
      throw fail(
        'actions',
        selector.id === undefined
          ? `Missing field \`id\` inside \`${at}.selector\``
          : typeError(`${at}.selector.id`, 'a string', selector.id),
      );
    const indexUid = selector.indexUid;
    if (indexUid !== undefined && indexUid !== null && typeof indexUid !== 'string')
      throw fail('actions', typeError(`${at}.selector.indexUid`, 'a string', indexUid));
    if (!isObject(action)) throw fail('actions', typeError(`${at}.action`, 'an object', action));
    if (action.type !== 'pin')
      throw fail(
        'actions',
        action.type === undefined
          ? `Missing field \`type\` inside \`${at}.action\``
          : `Invalid value at \`${at}.action\`: Incorrect tag value`,
      );
    for (const k of Object.keys(action))
      if (k !== 'type' && k !== 'position')
        throw unknownField(`${at}.action`, k, ['position'], code);
    const position = action.position;
    if (
      typeof position !== 'number' ||
      !Number.isInteger(position) ||
      position < 0 ||
      position > 2 ** 32 - 1
    )
      throw fail(
        'actions',
        position === undefined
          ? `Missing field \`position\` inside \`${at}.action\``
          : typeError(`${at}.action.position`, 'a positive integer', position),
      );
    return {
      selector: { ...(typeof indexUid === 'string' ? { indexUid } : {}), id: selector.id },
      action: { type: 'pin', position },
    };
  });
}

/** Check a PATCH body as Meilisearch does, field by field; returns it unchanged (the task's `rule` detail). */
export function checkRuleUpdate(body: unknown): RuleUpdate {
  if (!isObject(body))
    throw new MeiliError(
      400,
      'bad_request',
      typeError('', 'an object', body).replace(' at ``', ''),
    );
  for (const key of Object.keys(body))
    if (!UPDATE_FIELDS.includes(key)) throw unknownField('', key, UPDATE_FIELDS, 'bad_request');
  const { description, precedence, active, conditions, actions } = body;
  if (description !== undefined && description !== null && typeof description !== 'string')
    throw fail('description', typeError('.description', 'a string', description));
  if (
    precedence !== undefined &&
    precedence !== null &&
    (typeof precedence !== 'number' || !Number.isInteger(precedence) || precedence < 0)
  )
    throw fail('priority', typeError('.precedence', 'a positive integer', precedence));
  if (active !== undefined && active !== null && typeof active !== 'boolean')
    throw fail('active', typeError('.active', 'a boolean', active));
  if (conditions !== undefined && conditions !== null) parseConditions(conditions);
  if (actions !== undefined && actions !== null) parseActions(actions);
  return body;
}

/** Apply a checked update to `current` (or a new rule), as DynamicSearchRule::apply_update. */
export function applyRuleUpdate(
  uid: string,
  current: Rule | undefined,
  update: RuleUpdate,
  at: string,
): Rule {
  const rule: Rule = current
    ? structuredClone(current)
    : { uid, lastUpdatedAt: at, active: true, conditions: {}, actions: [] };
  const { description, precedence, active, conditions, actions } = update;
  if (description === null) delete rule.description;
  else if (typeof description === 'string') rule.description = description;
  if (precedence === null) delete rule.precedence;
  else if (typeof precedence === 'number') rule.precedence = precedence;
  if (active !== undefined) rule.active = active === null ? true : (active as boolean);
  if (conditions !== undefined)
    rule.conditions = conditions === null ? {} : parseConditions(conditions);
  if (actions !== undefined) rule.actions = actions === null ? [] : parseActions(actions);
  rule.lastUpdatedAt = at;
  return rule;
}

/** A rule as the API shows it: optional fields only when set, in Meilisearch's order. */
export function ruleView(rule: Rule): Record<string, unknown> {
  return {
    uid: rule.uid,
    ...(rule.description !== undefined ? { description: rule.description } : {}),
    lastUpdatedAt: rule.lastUpdatedAt,
    ...(rule.precedence !== undefined ? { precedence: rule.precedence } : {}),
    active: rule.active,
    conditions: rule.conditions,
    actions: rule.actions,
  };
}

/**
 * The rules a listing returns: those whose description or query words hold every word of `query` (the last
 * as a prefix), newest update first, as the route's search over the rules index sorted by `lastUpdatedAt`.
 */
export function listRules(
  rules: Rule[],
  query: string | undefined,
  active: boolean | undefined,
): Rule[] {
  const wanted = words(query ?? '');
  return rules
    .filter((rule) => active === undefined || rule.active === active)
    .filter((rule) => {
      if (wanted.length === 0) return true;
      const have = [...words(rule.description ?? ''), ...words(rule.conditions.query?.words ?? '')];
      return wanted.every((w, i) =>
        i === wanted.length - 1 ? have.some((h) => h.startsWith(w)) : have.includes(w),
      );
    })
    .sort((a, b) =>
      a.lastUpdatedAt < b.lastUpdatedAt ? 1 : a.lastUpdatedAt > b.lastUpdatedAt ? -1 : 0,
    );
}

/** A filter in disjunctive form: each conjunction maps an attribute to its conditions (with polarity). */
type Conjunction = Map<string, Array<{ cond: Condition; polarity: boolean }>>;

/** FilterConstraints::new (filter-parser/src/constraint.rs): the filter as a list of conjunctions. */
export function disjunctiveForm(node: FilterNode | null, polarity = true): Conjunction[] {
  if (!node) return [];
  switch (node.kind) {
    case 'not':
      return disjunctiveForm(node.child, !polarity);
    case 'cond': {
      if (node.cond.op === 'in') {
        const { attr, values } = node.cond;
        const or: FilterNode = {
          kind: 'or',
          children: values.map((value) => ({
            kind: 'cond',
            cond: { op: 'cmp', attr, cmp: '=', value },
          })),
        };
        return disjunctiveForm(or, polarity);
      }
      return [new Map([[node.cond.attr, [{ cond: node.cond, polarity }]]])];
    }
    default: {
      // OR (or a negated AND) lists its children's conjunctions; AND (or a negated OR) multiplies them.
      const union = (node.kind === 'or') === polarity;
      const parts = node.children.map((child) => disjunctiveForm(child, polarity));
      if (union) return parts.flat();
      return parts.reduce<Conjunction[]>((acc, part) => {
        if (acc.length === 0) return part;
        return acc.flatMap((left) =>
          part.map((right) => {
            const merged: Conjunction = new Map([...left].map(([k, v]) => [k, [...v]]));
            for (const [attr, conds] of right)
              merged.set(attr, [...(merged.get(attr) ?? []), ...conds]);
            return merged;
          }),
        );
      }, []);
    }
  }
}

/** The scalar values of a rule's filter condition, counted as `nbConstraints` (facet_count). */
function scalarCount(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (Array.isArray(value)) return value.reduce<number>((n, v) => n + scalarCount(v), 0);
  if (typeof value === 'object')
    return Object.values(value).reduce<number>((n, v) => n + scalarCount(v), 0);
  return 1;
}

function valuesAt(values: Record<string, unknown>, attr: string): unknown[] {
  let found: unknown = values[attr];
  if (found === undefined) {
    found = values;
    for (const part of attr.split('.')) found = isObject(found) ? found[part] : undefined;
  }
  return found === undefined || found === null ? [] : Array.isArray(found) ? found : [found];
}

/** Does the rule's value for `attr` satisfy every condition on it (resolve_constraints)? */
function satisfies(
  values: Record<string, unknown>,
  attr: string,
  conds: Array<{ cond: Condition; polarity: boolean }>,
): boolean {
  return conds.every(({ cond, polarity }) => {
    const test = valueTest(cond);
    // EXISTS holds for every rule, IS NULL / IS EMPTY for none (not solved on rule values).
    const evaluated = test ? valuesAt(values, attr).some(test.test) : cond.op === 'exists';
    return evaluated === (test?.negated ? !polarity : polarity);
  });
}

/**
 * The filter condition (apply_filter_conditions): a rule with k filter values is active when one
 * conjunction of the search's filter has k attributes whose conditions the rule's values satisfy.
 */
function filterHolds(rule: Rule, conjunctions: Conjunction[]): boolean {
  const filter = rule.conditions.filter;
  if (!filter) return true;
  const needed = scalarCount(filter.values);
  if (needed === 0) return true;
  return conjunctions.some((conjunction) => {
    let met = 0;
    for (const [attr, conds] of conjunction) if (satisfies(filter.values, attr, conds)) met++;
    return met >= needed;
  });
}

/** The context a search gives the rules: its query words (normalized, stop words out) and its filter. */
export interface RuleContext {
  indexUid: string;
  queryWords: string[];
  /** No word and no phrase (a placeholder search). */
  queryEmpty: boolean;
  filter: FilterNode | null;
  now: string;
}

/**
 * The pins of the rules active for a search: rules by ascending precedence (rules without one last, then in
 * creation order), each rule's actions in order; a document pinned twice keeps its first pin.
 * `resolve(id)` maps a selected id to the document, if it passes the search's filter.
 */
export function activePins<N>(
  rules: Iterable<Rule>,
  context: RuleContext,
  resolve: (id: string) => N | undefined,
): Array<{ n: N; position: number }> {
  const queryWords = new Set(context.queryWords);
  const now = Date.parse(context.now);
  const conjunctions = disjunctiveForm(context.filter);
  const active = [...rules].filter((rule) => {
    if (!rule.active) return false;
    const { time, query } = rule.conditions;
    if (time?.start && Date.parse(time.start) > now) return false;
    if (time?.end && Date.parse(time.end) < now) return false;
    if (query?.isEmpty !== undefined && query.isEmpty !== context.queryEmpty) return false;
    if (query?.words !== undefined && !words(query.words).every((w) => queryWords.has(w)))
      return false;
    return filterHolds(rule, conjunctions);
  });
  const ordered = active
    .map((rule, i) => ({ rule, i }))
    .sort((a, b) => (a.rule.precedence ?? Infinity) - (b.rule.precedence ?? Infinity) || a.i - b.i);
  const pins: Array<{ n: N; position: number }> = [];
  const seen = new Set<N>();
  for (const { rule } of ordered) {
    for (const { selector, action } of rule.actions) {
      if (selector.indexUid !== undefined && selector.indexUid !== context.indexUid) continue;
      const n = resolve(selector.id);
      if (n === undefined || seen.has(n)) continue;
      seen.add(n);
      pins.push({ n, position: action.position });
    }
  }
  // By position, rule order breaking ties (the real engine answers so, searches and multi-searches alike).
  return pins.sort((a, b) => a.position - b.position);
}

/**
 * Merge pins into the organic hits from the top and cut the page [from, to) (merge_positioned_hits_into_page):
 * a pin takes its position when reached, and comes next once the organic hits run out.
 */
export function mergePins<T, P extends { position: number }>(
  organic: T[],
  pins: P[],
  from: number,
  to: number,
  pinHit: (pin: P) => T,
): T[] {
  if (pins.length === 0) return organic.slice(from, to);
  const out: T[] = [];
  let o = 0;
  let p = 0;
  for (let at = 0; at < to; at++) {
    let hit: T | undefined;
    const pin = pins[p];
    if (pin && (pin.position <= at || o >= organic.length)) {
      hit = pinHit(pin);
      p++;
    } else hit = organic[o++];
    if (hit === undefined) break;
    if (at >= from) out.push(hit);
  }
  return out;
}
