/**
 * Meilisearch filter expressions built from validated values only. String values are always quoted and
 * escaped, so nothing from a request can change the structure of a filter.
 */
import { F } from '../schema/chunk.ts';

/** A double-quoted filter string literal: backslashes and quotes escaped. */
export function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

/** Unix seconds at the start of a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` period, and at the start of the next one. */
export function periodBounds(date: string): { start: number; end: number } {
  const [y, m, d] = date.split('-').map(Number) as [number, number | undefined, number | undefined];
  const start = Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  const end =
    d !== undefined
      ? Date.UTC(y, (m as number) - 1, d + 1)
      : m !== undefined
        ? Date.UTC(y, m, 1)
        : Date.UTC(y + 1, 0, 1);
  return { start: start / 1000, end: end / 1000 };
}

export interface FilterInput {
  persons: string[];
  /** The names a chosen person stands for when it is not one name of the index (a surname alone). */
  personNames?: Readonly<Record<string, string[]>>;
  personMode: 'all' | 'any';
  /** Field holding persons: per article when grouped by article, per paragraph otherwise. */
  personField: string;
  years: number[];
  from?: string;
  to?: string;
  articleId?: string;
}

/** The filter clauses (AND-ed), each a string; `omit` leaves out one facet's own clause for disjunctive counts. */
export function buildFilter(input: FilterInput, omit?: 'person' | 'year'): string[] {
  const clauses: string[] = [];
  if (input.persons.length && omit !== 'person') {
    const names = (person: string) => input.personNames?.[person] ?? [person];
    const anyOf = (values: string[]) =>
      values.length === 1
        ? `${input.personField} = ${quote(values[0] as string)}`
        : `${input.personField} IN [${values.map(quote).join(', ')}]`;
    if (input.personMode === 'any')
      clauses.push(
        `${input.personField} IN [${input.persons.flatMap(names).map(quote).join(', ')}]`,
      );
    else for (const person of input.persons) clauses.push(anyOf(names(person)));
  }
  if (input.years.length && omit !== 'year')
    clauses.push(`${F.year} IN [${input.years.map((y) => String(Math.trunc(y))).join(', ')}]`);
  if (input.from) clauses.push(`${F.dateTs} >= ${periodBounds(input.from).start}`);
  if (input.to) clauses.push(`${F.dateTs} < ${periodBounds(input.to).end}`);
  if (input.articleId !== undefined) clauses.push(`${F.articleId} = ${quote(input.articleId)}`);
  return clauses;
}

/** What a client's filter costs: its conditions (each IN value counts as one) and its nesting depth. */
export interface FilterCost {
  clauses: number;
  depth: number;
  attributes: Set<string>;
}

export class FilterSyntaxError extends Error {}

type Token = { kind: 'word' | 'quoted' | 'op' | 'punct'; text: string; at: number };

const KEYWORDS = new Set([
  ...['AND', 'OR', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS'],
  'WITH',
]);

/** Tokens of a filter expression, as Meilisearch's filter grammar splits them. */
function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  const word = /[\p{L}\p{N}_.-]+/uy;
  let i = 0;
  while (i < expression.length) {
    const ch = expression[i] as string;
    if (/\s/.test(ch)) i++;
    else if ('()[],'.includes(ch)) tokens.push({ kind: 'punct', text: ch, at: i++ });
    else if (/^(<=|>=|!=)/.test(expression.slice(i, i + 2))) {
      tokens.push({ kind: 'op', text: expression.slice(i, i + 2), at: i });
      i += 2;
    } else if ('<>='.includes(ch)) tokens.push({ kind: 'op', text: ch, at: i++ });
    else if (ch === '"' || ch === "'") {
      let j = i + 1;
      let text = '';
      while (j < expression.length && expression[j] !== ch) {
        if (expression[j] === '\\' && j + 1 < expression.length) j++;
        text += expression[j];
        j++;
      }
      if (j >= expression.length) throw new FilterSyntaxError(`unclosed quote at ${i}`);
      tokens.push({ kind: 'quoted', text, at: i });
      i = j + 1;
    } else {
      word.lastIndex = i;
      const match = word.exec(expression);
      if (!match) throw new FilterSyntaxError(`unexpected "${ch}" at ${i}`);
      tokens.push({ kind: 'word', text: match[0], at: i });
      i += match[0].length;
    }
  }
  return tokens;
}

/**
 * Parse a client's filter expression (Meilisearch's grammar without geo, vector and foreign filters)
 * and measure it, so limits and the attribute allow-list apply before the engine sees it.
 */
export function measureFilter(expression: string): FilterCost {
  const tokens = tokenize(expression);
  const cost: FilterCost = { clauses: 0, depth: 0, attributes: new Set() };
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (text: string, t = peek()) => t?.kind === 'word' && t.text === text;
  const fail = (expected: string): never => {
    const t = peek();
    throw new FilterSyntaxError(
      t ? `expected ${expected} at ${t.at}, found "${t.text}"` : `expected ${expected} at the end`,
    );
  };
  const expectWord = (text: string) => (isWord(text) ? pos++ : fail(text));
  const expectPunct = (text: string) =>
    peek()?.kind === 'punct' && peek()?.text === text ? pos++ : fail(`"${text}"`);
  const value = (): string => {
    const t = peek();
    if (t && (t.kind === 'quoted' || (t.kind === 'word' && !KEYWORDS.has(t.text)))) {
      pos++;
      return t.text;
    }
    return fail('a value');
  };
  const list = (): void => {
    expectPunct('[');
    if (peek()?.text !== ']')
      for (;;) {
        value();
        cost.clauses++;
        if (peek()?.text !== ',') break;
        pos++;
        if (peek()?.text === ']') break; // a trailing comma is allowed
      }
    expectPunct(']');
  };
  const take = (text: string): boolean => {
    if (!isWord(text)) return false;
    pos++;
    return true;
  };
  /** `CONTAINS v` or `STARTS WITH v`, after an attribute or `attribute NOT`. */
  const textOperator = (): boolean => {
    if (take('CONTAINS')) value();
    else if (take('STARTS')) {
      expectWord('WITH');
      value();
    } else return false;
    return true;
  };
  const condition = (): void => {
    cost.attributes.add(value());
    if (peek()?.kind === 'op') {
      pos++;
      value();
    } else if (take('IN')) {
      list();
      return;
    } else if (take('NOT')) {
      if (take('IN')) {
        list();
        return;
      }
      if (!take('EXISTS') && !textOperator()) fail('IN, EXISTS, CONTAINS or STARTS WITH');
    } else if (take('IS')) {
      take('NOT');
      if (!take('NULL') && !take('EMPTY')) fail('NULL or EMPTY');
    } else if (!take('EXISTS') && !textOperator()) {
      value(); // `attribute low TO high`
      expectWord('TO');
      value();
    }
    cost.clauses++;
  };
  const primary = (depth: number): void => {
    cost.depth = Math.max(cost.depth, depth);
    if (take('NOT')) primary(depth + 1);
    else if (peek()?.kind === 'punct' && peek()?.text === '(') {
      pos++;
      or(depth + 1);
      expectPunct(')');
    } else condition();
  };
  const and = (depth: number): void => {
    primary(depth);
    while (take('AND')) primary(depth);
  };
  const or = (depth: number): void => {
    and(depth);
    while (take('OR')) and(depth);
  };
  if (tokens.length === 0) return cost; // an empty filter filters nothing
  or(1);
  if (pos < tokens.length) fail('AND, OR or the end');
  return cost;
}
