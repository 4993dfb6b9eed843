/**
 * `POST /indexes/:uid/documents/edit` runs a Rhai function on each document in Meilisearch. meili-local
 * understands a small part of Rhai, enough for the usual edits:
 *   doc.a.b = <expr>;   doc = ();   if <expr> { ... } else { ... }
 * with expressions made of string literals ("..." and `...${expr}...` templates), numbers, true/false,
 * `()`, paths (`doc.x`, `context.x`), unary `-`/`!`, `* / %`, `+ -`, comparisons and `&& ||`, parentheses.
 * Anything else fails the task with Meilisearch's `edit_documents_by_function_error`.
 */
import { MeiliError } from './errors.ts';

type Value = unknown;
type Token = { kind: 'str' | 'tpl' | 'num' | 'id' | 'op'; text: string };
type Expr = (scope: Scope) => Value;
type Stmt = (scope: Scope) => void;
interface Scope {
  doc: Record<string, unknown> | null;
  context: unknown;
}

export function editError(message: string): MeiliError {
  return new MeiliError(400, 'edit_documents_by_function_error', message);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '/') {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === '`') {
      let j = i + 1;
      let text = '';
      while (j < source.length && source[j] !== c) {
        if (source[j] === '\\' && c === '"') {
          const next = source[j + 1] ?? '';
          text += next === 'n' ? '\n' : next === 't' ? '\t' : next;
          j += 2;
          continue;
        }
        text += source[j];
        j++;
      }
      if (j >= source.length)
        throw editError('Error while compiling the function: unterminated string literal.');
      tokens.push({ kind: c === '"' ? 'str' : 'tpl', text });
      i = j + 1;
      continue;
    }
    const num = /^\d+(\.\d+)?/.exec(source.slice(i));
    if (num) {
      tokens.push({ kind: 'num', text: num[0] });
      i += num[0].length;
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i));
    if (id) {
      tokens.push({ kind: 'id', text: id[0] });
      i += id[0].length;
      continue;
    }
    const op = /^(==|!=|<=|>=|&&|\|\||[-+*/%<>=!(){}.;,[\]])/.exec(source.slice(i));
    if (!op) throw editError(`Error while compiling the function: unexpected character \`${c}\`.`);
    tokens.push({ kind: 'op', text: op[0] });
    i += op[0].length;
  }
  return tokens;
}

class Parser {
  private at = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(text?: string): Token | undefined {
    const t = this.tokens[this.at];
    return text === undefined || t?.text === text ? t : undefined;
  }
  private take(text?: string): Token {
    const t = this.tokens[this.at];
    if (!t || (text !== undefined && t.text !== text))
      throw editError(
        `Error while compiling the function: expected \`${text ?? 'a token'}\`, found \`${t?.text ?? 'end of script'}\`.`,
      );
    this.at++;
    return t;
  }

  program(): Stmt[] {
    const body: Stmt[] = [];
    while (this.at < this.tokens.length) {
      if (this.peek(';')) {
        this.at++;
        continue;
      }
      body.push(this.statement());
    }
    return body;
  }

  private block(): Stmt[] {
    this.take('{');
    const body: Stmt[] = [];
    while (!this.peek('}')) {
      if (this.at >= this.tokens.length)
        throw editError('Error while compiling the function: missing `}`.');
      if (this.peek(';')) {
        this.at++;
        continue;
      }
      body.push(this.statement());
    }
    this.take('}');
    return body;
  }

  private statement(): Stmt {
    if (this.peek('if')) {
      this.take('if');
      const condition = this.expression();
      const then = this.block();
      let otherwise: Stmt[] = [];
      if (this.peek('else')) {
        this.take('else');
        otherwise = this.peek('if') ? [this.statement()] : this.block();
      }
      return (scope) => {
        for (const stmt of truthy(condition(scope)) ? then : otherwise) stmt(scope);
      };
    }
    const target = this.take();
    if (target.text !== 'doc')
      throw editError(
        `Error while compiling the function: only assignments to \`doc\` are supported, found \`${target.text}\`.`,
      );
    const path: string[] = [];
    while (this.peek('.')) {
      this.take('.');
      path.push(this.take().text);
    }
    this.take('=');
    const value = this.expression();
    return (scope) => {
      const v = value(scope);
      if (path.length === 0) {
        if (v === null) scope.doc = null;
        else if (typeof v === 'object' && !Array.isArray(v))
          scope.doc = v as Record<string, unknown>;
        else throw editError('Document edition: the document must be an object.');
        return;
      }
      if (!scope.doc) throw editError('Document edition runtime error: the document was removed.');
      let obj = scope.doc;
      for (const key of path.slice(0, -1)) {
        if (typeof obj[key] !== 'object' || obj[key] === null) obj[key] = {};
        obj = obj[key] as Record<string, unknown>;
      }
      obj[path.at(-1) as string] = v;
    };
  }

  expression(): Expr {
    return this.binary(0);
  }

  private static readonly LEVELS = [
    ['||'],
    ['&&'],
    ['==', '!='],
    ['<', '>', '<=', '>='],
    ['+', '-'],
    ['*', '/', '%'],
  ];

  private binary(level: number): Expr {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.tokens[this.at];
      if (t?.kind !== 'op' || !(Parser.LEVELS[level] as string[]).includes(t.text)) return left;
      this.at++;
      const right = this.binary(level + 1);
      const l = left;
      left = (scope) => apply(t.text, l(scope), right(scope));
    }
  }

  private unary(): Expr {
    if (this.peek('-')) {
      this.take('-');
      const inner = this.unary();
      return (scope) => -(inner(scope) as number);
    }
    if (this.peek('!')) {
      this.take('!');
      const inner = this.unary();
      return (scope) => !truthy(inner(scope));
    }
    return this.primary();
  }

  private primary(): Expr {
    const t = this.take();
    if (t.kind === 'num') return () => Number(t.text);
    if (t.kind === 'str') return () => t.text;
    if (t.kind === 'tpl') return template(t.text);
    if (t.text === '(') {
      if (this.peek(')')) {
        this.take(')');
        return () => null;
      }
      const inner = this.expression();
      this.take(')');
      return inner;
    }
    if (t.text === 'true' || t.text === 'false') return () => t.text === 'true';
    if (t.text === 'doc' || t.text === 'context') {
      const path: string[] = [];
      while (this.peek('.')) {
        this.take('.');
        path.push(this.take().text);
      }
      return (scope) => {
        let v: unknown = t.text === 'doc' ? scope.doc : scope.context;
        for (const key of path)
          v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[key] : undefined;
        return v === undefined ? null : v;
      };
    }
    throw editError(`Error while compiling the function: unsupported expression \`${t.text}\`.`);
  }
}

function template(text: string): Expr {
  const parts: Array<string | Expr> = [];
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) {
      parts.push(text.slice(i));
      break;
    }
    parts.push(text.slice(i, start));
    const end = text.indexOf('}', start);
    if (end < 0)
      throw editError(
        'Error while compiling the function: unterminated `${` in a template string.',
      );
    parts.push(new Parser(tokenize(text.slice(start + 2, end))).expression());
    i = end + 1;
  }
  return (scope) => parts.map((p) => (typeof p === 'string' ? p : display(p(scope)))).join('');
}

function display(v: Value): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

function truthy(v: Value): boolean {
  if (typeof v !== 'boolean')
    throw editError(`Document edition runtime error: expected a boolean, found \`${display(v)}\`.`);
  return v;
}

function apply(op: string, a: Value, b: Value): Value {
  switch (op) {
    case '+':
      if (typeof a === 'number' && typeof b === 'number') return a + b;
      if (typeof a === 'string' || typeof b === 'string') return display(a) + display(b);
      throw editError(
        `Document edition runtime error: cannot add \`${display(a)}\` and \`${display(b)}\`.`,
      );
    case '-':
    case '*':
    case '/':
    case '%': {
      if (typeof a !== 'number' || typeof b !== 'number')
        throw editError(`Document edition runtime error: \`${op}\` needs numbers.`);
      return op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b;
    }
    case '==':
      return JSON.stringify(a) === JSON.stringify(b);
    case '!=':
      return JSON.stringify(a) !== JSON.stringify(b);
    case '<':
      return (a as number) < (b as number);
    case '>':
      return (a as number) > (b as number);
    case '<=':
      return (a as number) <= (b as number);
    case '>=':
      return (a as number) >= (b as number);
    case '&&':
      return truthy(a) && truthy(b);
    case '||':
      return truthy(a) || truthy(b);
  }
  throw editError(`Error while compiling the function: unsupported operator \`${op}\`.`);
}

/** Compile `source`; the result edits a copy of a document and returns it, or null when the function removes it. */
export function compileEdit(
  source: string,
): (doc: Record<string, unknown>, context: unknown) => Record<string, unknown> | null {
  const program = new Parser(tokenize(source)).program();
  return (doc, context) => {
    const scope: Scope = { doc: structuredClone(doc), context };
    for (const stmt of program) stmt(scope);
    return scope.doc;
  };
}
