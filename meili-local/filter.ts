/**
 * Meilisearch's filter expression language, parsed into a predicate over documents.
 * Grammar: OR of ANDs of (NOT)* conditions or parenthesised expressions; conditions are
 * `a = v`, `a != v`, `a > v` (>=, <, <=), `a v1 TO v2`, `a [NOT] IN [v, ...]`, `a [NOT] EXISTS`,
 * `a IS [NOT] NULL`, `a IS [NOT] EMPTY`. Values are bare words or quoted with ' or " (\ escapes).
 * Arrays of filters: outer array = AND, inner array = OR.
 */
import { MeiliError } from './errors.ts';
import { normalizeFacet as normalize } from './tokenize.ts';

export type Document = Record<string, unknown>;
export type Predicate = (doc: Document) => boolean;
export type FilterInput = string | Array<string | string[]> | null | undefined;

interface Lexeme {
  kind: 'word' | 'quoted' | 'punct' | 'op';
  text: string;
  at: number;
}

function filterError(message: string, code = 'invalid_search_filter'): MeiliError {
  return new MeiliError(400, code, message);
}

function lex(source: string): Lexeme[] {
  const out: Lexeme[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if ('()[],'.includes(c)) {
      out.push({ kind: 'punct', text: c, at: i++ });
    } else if (c === '!' || c === '=' || c === '<' || c === '>') {
      const two = source.slice(i, i + 2);
      const op = ['!=', '>=', '<='].includes(two) ? two : c;
      if (op === '!')
        throw filterError(
          `Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\`, \`NOT IN\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IS NULL\`, \`IS NOT NULL\`, \`IS EMPTY\`, \`IS NOT EMPTY\`, \`_geoRadius\`, or \`_geoBoundingBox\` at \`${source.slice(i)}\`.\n${i + 1}:${source.length + 1} ${source}`,
        );
      out.push({ kind: 'op', text: op, at: i });
      i += op.length;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && j + 1 < source.length) j++;
        text += source[j];
        j++;
      }
      if (j >= source.length)
        throw filterError(
          `Expression \`${source.slice(i)}\` is missing the following closing delimiter: \`${c}\`.\n${i + 1}:${source.length + 1} ${source}`,
        );
      out.push({ kind: 'quoted', text, at: i });
      i = j + 1;
    } else {
      let j = i;
      while (j < source.length && !/[\s()[\],!=<>]/.test(source[j] as string)) j++;
      out.push({ kind: 'word', text: source.slice(i, j), at: i });
      i = j;
    }
  }
  return out;
}

export type Condition =
  | { op: 'cmp'; attr: string; cmp: '=' | '!=' | '>' | '>=' | '<' | '<='; value: string }
  | { op: 'to'; attr: string; from: string; to: string }
  | { op: 'in'; attr: string; values: string[] }
  | { op: 'exists' | 'null' | 'empty'; attr: string };

export type FilterNode =
  | { kind: 'and' | 'or'; children: FilterNode[] }
  | { kind: 'not'; child: FilterNode }
  | { kind: 'cond'; cond: Condition };

class Parser {
  private pos = 0;
  constructor(
    private readonly source: string,
    private readonly lexemes: Lexeme[],
  ) {}

  parse(): FilterNode {
    const node = this.or();
    const rest = this.peek();
    if (rest) throw this.expected(rest);
    return node;
  }

  private peek(): Lexeme | undefined {
    return this.lexemes[this.pos];
  }

  /** Keywords are upper case only, as in Meilisearch's grammar: `and` is a value, not `AND`. */
  private isKeyword(lexeme: Lexeme | undefined, word: string): boolean {
    return lexeme?.kind === 'word' && lexeme.text === word;
  }

  private expected(at: Lexeme | undefined): MeiliError {
    const offset = at ? at.at : this.source.length;
    return filterError(
      `Was expecting an operation \`=\`, \`!=\`, \`>=\`, \`>\`, \`<=\`, \`<\`, \`IN\`, \`NOT IN\`, \`TO\`, \`EXISTS\`, \`NOT EXISTS\`, \`IS NULL\`, \`IS NOT NULL\`, \`IS EMPTY\`, \`IS NOT EMPTY\`, \`_geoRadius\`, or \`_geoBoundingBox\` at \`${this.source.slice(offset)}\`.\n${offset + 1}:${this.source.length + 1} ${this.source}`,
    );
  }

  private or(): FilterNode {
    const children = [this.and()];
    while (this.isKeyword(this.peek(), 'OR')) {
      this.pos++;
      children.push(this.and());
    }
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'or', children };
  }

  private and(): FilterNode {
    const children = [this.not()];
    while (this.isKeyword(this.peek(), 'AND')) {
      this.pos++;
      children.push(this.not());
    }
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'and', children };
  }

  private not(): FilterNode {
    if (this.isKeyword(this.peek(), 'NOT')) {
      this.pos++;
      return { kind: 'not', child: this.not() };
    }
    const next = this.peek();
    if (next?.kind === 'punct' && next.text === '(') {
      this.pos++;
      const inner = this.or();
      const close = this.peek();
      if (!(close?.kind === 'punct' && close.text === ')')) {
        throw filterError(
          `Expression \`${this.source.slice(next.at)}\` is missing the following closing delimiter: \`)\`.\n${next.at + 1}:${this.source.length + 1} ${this.source}`,
        );
      }
      this.pos++;
      return inner;
    }
    return { kind: 'cond', cond: this.condition() };
  }

  private value(): string {
    const lexeme = this.peek();
    if (!lexeme || lexeme.kind === 'punct' || lexeme.kind === 'op') throw this.expected(lexeme);
    this.pos++;
    return lexeme.text;
  }

  private condition(): Condition {
    const attrLexeme = this.peek();
    if (!attrLexeme || attrLexeme.kind === 'punct' || attrLexeme.kind === 'op')
      throw this.expected(attrLexeme);
    this.pos++;
    const attr = attrLexeme.text;
    const next = this.peek();
    if (next?.kind === 'op') {
      this.pos++;
      return { op: 'cmp', attr, cmp: next.text as '=', value: this.value() };
    }
    if (this.isKeyword(next, 'EXISTS')) {
      this.pos++;
      return { op: 'exists', attr };
    }
    if (this.isKeyword(next, 'IN')) {
      this.pos++;
      return { op: 'in', attr, values: this.list() };
    }
    if (this.isKeyword(next, 'IS')) {
      this.pos++;
      const negated = this.isKeyword(this.peek(), 'NOT');
      if (negated) this.pos++;
      const what = this.peek();
      const op = this.isKeyword(what, 'NULL')
        ? 'null'
        : this.isKeyword(what, 'EMPTY')
          ? 'empty'
          : undefined;
      if (!op) throw this.expected(what);
      this.pos++;
      return negated ? this.negated({ op, attr }) : { op, attr };
    }
    if (this.isKeyword(next, 'NOT')) {
      this.pos++;
      if (this.isKeyword(this.peek(), 'EXISTS')) {
        this.pos++;
        return this.negated({ op: 'exists', attr });
      }
      if (this.isKeyword(this.peek(), 'IN')) {
        this.pos++;
        return this.negated({ op: 'in', attr, values: this.list() });
      }
      throw this.expected(this.peek());
    }
    if (
      next &&
      (next.kind === 'word' || next.kind === 'quoted') &&
      this.isKeyword(this.lexemes[this.pos + 1], 'TO')
    ) {
      const from = this.value();
      this.pos++;
      return { op: 'to', attr, from, to: this.value() };
    }
    throw this.expected(next);
  }

  /** `NOT` applied to a single condition is represented by wrapping it; see `negate` below. */
  private negatedConditions: Condition[] = [];
  private negated(cond: Condition): Condition {
    this.negatedConditions.push(cond);
    return cond;
  }
  isNegated(cond: Condition): boolean {
    return this.negatedConditions.includes(cond);
  }

  private list(): string[] {
    const open = this.peek();
    if (!(open?.kind === 'punct' && open.text === '[')) throw this.expected(open);
    this.pos++;
    const values: string[] = [];
    while (true) {
      const lexeme = this.peek();
      if (lexeme?.kind === 'punct' && lexeme.text === ']') {
        this.pos++;
        return values;
      }
      values.push(this.value());
      const sep = this.peek();
      if (sep?.kind === 'punct' && sep.text === ',') this.pos++;
      else if (!(sep?.kind === 'punct' && sep.text === ']')) {
        throw filterError(
          `Expression \`${this.source.slice(open.at)}\` is missing the following closing delimiter: \`]\`.\n${open.at + 1}:${this.source.length + 1} ${this.source}`,
        );
      }
    }
  }
}

/** Parse one filter string into a tree. Negated conditions (`a NOT IN`, `a IS NOT NULL`) become `not` nodes. */
export function parseFilterString(source: string): FilterNode | null {
  if (source.trim() === '') return null;
  const parser = new Parser(source, lex(source));
  const tree = parser.parse();
  const wrap = (node: FilterNode): FilterNode => {
    switch (node.kind) {
      case 'and':
      case 'or':
        return { kind: node.kind, children: node.children.map(wrap) };
      case 'not':
        return { kind: 'not', child: wrap(node.child) };
      case 'cond':
        return parser.isNegated(node.cond) ? { kind: 'not', child: node } : node;
    }
  };
  return wrap(tree);
}

/** Parse the `filter` search parameter: a string or an array (AND of strings or OR-arrays). */
export function parseFilter(input: unknown): FilterNode | null {
  if (input === null || input === undefined) return null;
  if (typeof input === 'string') return parseFilterString(input);
  if (Array.isArray(input)) {
    const children: FilterNode[] = [];
    for (const item of input) {
      if (typeof item === 'string') {
        const node = parseFilterString(item);
        if (node) children.push(node);
      } else if (Array.isArray(item)) {
        const alternatives: FilterNode[] = [];
        for (const inner of item) {
          if (typeof inner !== 'string')
            throw filterError(
              `Invalid value type at \`.filter\`: expected a string, but found ${describe(inner)}: \`${JSON.stringify(inner)}\`.`,
            );
          const node = parseFilterString(inner);
          if (node) alternatives.push(node);
        }
        if (alternatives.length)
          children.push(
            alternatives.length === 1
              ? (alternatives[0] as FilterNode)
              : { kind: 'or', children: alternatives },
          );
      } else {
        throw filterError(
          `Invalid value type at \`.filter\`: expected a string or an array, but found ${describe(item)}: \`${JSON.stringify(item)}\`.`,
        );
      }
    }
    if (children.length === 0) return null;
    return children.length === 1 ? (children[0] as FilterNode) : { kind: 'and', children };
  }
  throw filterError(
    `Invalid value type at \`.filter\`: expected a string or an array, but found ${describe(input)}: \`${JSON.stringify(input)}\`.`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'number') return 'a positive integer';
  return `a ${typeof value}`;
}

/** Every attribute a filter tree names. */
export function filterAttributes(node: FilterNode | null, into = new Set<string>()): Set<string> {
  if (!node) return into;
  if (node.kind === 'cond') into.add(node.cond.attr);
  else if (node.kind === 'not') filterAttributes(node.child, into);
  else for (const child of node.children) filterAttributes(child, into);
  return into;
}

/** Values at a dotted path, flattened through arrays and nested objects. */
export function valuesAt(doc: Document, path: string): unknown[] {
  if (path in doc) {
    const value = doc[path];
    if (!Array.isArray(value)) return value === undefined ? [] : [value];
    return value.some(Array.isArray) ? flatten(value) : value;
  }
  const dot = path.indexOf('.');
  if (dot > 0) {
    const head = doc[path.slice(0, dot)];
    const rest = path.slice(dot + 1);
    const objects = Array.isArray(head) ? head : [head];
    return objects.flatMap((o) =>
      o && typeof o === 'object' && !Array.isArray(o) ? valuesAt(o as Document, rest) : [],
    );
  }
  return [];
}

function flatten(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value.flatMap(flatten) : [value];
}

function asNumber(value: string): number | null {
  const n = Number(value);
  return value.trim() !== '' && Number.isFinite(n) ? n : null;
}

/** A test for "equals one of `values`", with the values parsed and normalised once, not per document. */
function equalsAny(values: string[]): (docValue: unknown) => boolean {
  const numbers = new Set(values.map(asNumber).filter((n): n is number => n !== null));
  const strings = new Set(values.map(normalize));
  const booleans = new Set(values.map((v) => v.toLowerCase()));
  return (docValue) => {
    if (typeof docValue === 'number') return numbers.has(docValue);
    if (typeof docValue === 'string') return strings.has(normalize(docValue));
    if (typeof docValue === 'boolean') return booleans.has(String(docValue));
    return false;
  };
}

/** `filterNumber` is `filterValue` as a number, when the caller has parsed it once already. */
function compare(
  docValue: unknown,
  cmp: string,
  filterValue: string,
  filterNumber = asNumber(filterValue),
): boolean {
  const n = filterNumber;
  if (n !== null) {
    if (typeof docValue !== 'number') return false;
    switch (cmp) {
      case '>':
        return docValue > n;
      case '>=':
        return docValue >= n;
      case '<':
        return docValue < n;
      case '<=':
        return docValue <= n;
    }
    return false;
  }
  // Meilisearch compares strings lexicographically with the comparison operators since v1.6.
  if (typeof docValue !== 'string') return false;
  const a = normalize(docValue);
  const b = normalize(filterValue);
  switch (cmp) {
    case '>':
      return a > b;
    case '>=':
      return a >= b;
    case '<':
      return a < b;
    case '<=':
      return a <= b;
  }
  return false;
}

export function compileFilter(node: FilterNode | null): Predicate {
  if (!node) return () => true;
  switch (node.kind) {
    case 'and': {
      const parts = node.children.map(compileFilter);
      return (doc) => parts.every((p) => p(doc));
    }
    case 'or': {
      const parts = node.children.map(compileFilter);
      return (doc) => parts.some((p) => p(doc));
    }
    case 'not': {
      const inner = compileFilter(node.child);
      return (doc) => !inner(doc);
    }
    case 'cond':
      return compileCondition(node.cond);
  }
}

/** Does any value of `attr` pass `test`? Scalars (the common case) are tested without building an array. */
function anyValue(doc: Document, attr: string, test: (value: unknown) => boolean): boolean {
  const direct = doc[attr];
  if (direct !== undefined && (direct === null || typeof direct !== 'object')) return test(direct);
  return valuesAt(doc, attr).some(test);
}

/**
 * For conditions that hold when some value of the attribute passes a test (or, negated, when none does):
 * that test. Null for the conditions about the attribute itself (EXISTS, IS NULL, IS EMPTY).
 */
export function valueTest(
  cond: Condition,
): { test: (value: unknown) => boolean; negated: boolean } | null {
  switch (cond.op) {
    case 'cmp': {
      if (cond.cmp === '=' || cond.cmp === '!=')
        return { test: equalsAny([cond.value]), negated: cond.cmp === '!=' };
      const number = asNumber(cond.value);
      return { test: (v) => compare(v, cond.cmp, cond.value, number), negated: false };
    }
    case 'to': {
      const [from, to] = [asNumber(cond.from), asNumber(cond.to)];
      return {
        test: (v) => compare(v, '>=', cond.from, from) && compare(v, '<=', cond.to, to),
        negated: false,
      };
    }
    case 'in':
      return { test: equalsAny(cond.values), negated: false };
    default:
      return null;
  }
}

export function compileCondition(cond: Condition): Predicate {
  const { attr } = cond;
  const byValue = valueTest(cond);
  if (byValue) return (doc) => anyValue(doc, attr, byValue.test) !== byValue.negated;
  switch (cond.op) {
    case 'exists':
      return (doc) => attr in doc || valuesAt(doc, attr).length > 0;
    case 'null':
      return (doc) => attr in doc && doc[attr] === null;
    default:
      return (doc) => {
        if (!(attr in doc)) return false;
        const v = doc[attr];
        return (
          v === '' ||
          (Array.isArray(v) && v.length === 0) ||
          (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0)
        );
      };
  }
}
