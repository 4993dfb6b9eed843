/**
 * Meilisearch's templates, parsed then rendered (pure). Document templates (milli `prompt/`): Liquid with
 * `doc` (the document) and `fields` (its fields in order, each `{ name, value, is_searchable }`).
 * Values print as milli's Liquid prints them: nil as nothing, a list as its items one after another, an
 * object as each key followed by its value (milli's key order is a hash map's; meili-local sorts them).
 * An unknown variable or field is an error, except in an `if` condition. Fragments (milli
 * `vector/json_template`) are below.
 */
import { Liquid, type Template } from 'liquidjs';
import { MeiliError } from './errors.ts';

/** Milli's default template: every searchable field that has a value, one `name: value` a line. */
export const DEFAULT_DOCUMENT_TEMPLATE =
  '{% for field in fields %}{% if field.is_searchable and field.value != nil %}{{ field.name }}: {{ field.value }}\n{% endif %}{% endfor %}';

/** How milli's Liquid prints a value. */
export function printValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(printValue).join('');
  if (typeof value === 'object')
    return Object.keys(value)
      .sort()
      .map((key) => key + printValue((value as Record<string, unknown>)[key]))
      .join('');
  return String(value);
}

const liquid = new Liquid({ strictVariables: true, lenientIf: true, outputEscape: printValue });

export interface DocumentTemplate {
  text: string;
  parsed: Template[];
}

const parsingError = (message: string) => new MeiliError(400, 'template_parsing_error', message);
const renderingError = (message: string) =>
  new MeiliError(400, 'template_rendering_error', message);

/** Parse a template; a syntax error is Meilisearch's `template_parsing_error`. */
export function parseTemplate(text: string, context: string): DocumentTemplate {
  try {
    return { text, parsed: liquid.parse(text) };
  } catch (error) {
    throw parsingError(
      `${context}user error: cannot parse template: liquid: ${(error as Error).message}`,
    );
  }
}

export interface TemplateField {
  name: string;
  value: unknown;
  is_searchable: boolean;
}

/** Render `parsed` in `scope`; a missing variable throws milli's words for it (after `liquid: `). */
function renderIn(parsed: Template[], scope: Record<string, unknown>): string {
  try {
    return liquid.renderSync(parsed, scope) as string;
  } catch (error) {
    throw new Error(missingMessage(error as Error, scope));
  }
}

/** Render `template` for one document; a missing variable is Meilisearch's `template_rendering_error`. */
export function renderTemplate(
  template: DocumentTemplate,
  doc: Record<string, unknown>,
  fields: TemplateField[],
  context: string,
): string {
  try {
    return renderIn(template.parsed, { doc, fields });
  } catch (error) {
    throw renderingError(
      `${context}user error: missing field in document: liquid: ${(error as Error).message}`,
    );
  }
}

/**
 * A fragment (milli `vector/json_template`): any JSON value, each string in it a Liquid template that
 * renders to a string in its place. A document's fragment sees `doc` only; a search's sees `q` and `media`.
 */
export interface Fragment {
  value: unknown;
  templates: Array<{ path: Array<string | number>; parsed: Template[] }>;
}

/** Where in the fragment, as milli names it: "in ``.a[0]``, " (nothing for the value itself). */
function at(path: Array<string | number>): string {
  if (path.length === 0) return '';
  const inner = path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
  return `in \`\`${inner}\`\`, `;
}

export function parseFragment(value: unknown, context: string): Fragment {
  const templates: Fragment['templates'] = [];
  const walk = (v: unknown, path: Array<string | number>): void => {
    if (typeof v === 'string') {
      try {
        templates.push({ path, parsed: liquid.parse(v) });
      } catch (error) {
        throw parsingError(
          `${context}${at(path)}error while parsing template: liquid: ${(error as Error).message}`,
        );
      }
    } else if (Array.isArray(v)) v.forEach((item, i) => walk(item, [...path, i]));
    else if (v !== null && typeof v === 'object')
      for (const [key, item] of Object.entries(v)) walk(item, [...path, key]);
  };
  walk(value, []);
  return { value, templates };
}

export function renderFragment(
  fragment: Fragment,
  scope: Record<string, unknown>,
  context: string,
): unknown {
  if (fragment.templates.length === 0) return fragment.value;
  let rendered: unknown = structuredClone(fragment.value);
  for (const { path, parsed } of fragment.templates) {
    let text: string;
    try {
      text = renderIn(parsed, scope);
    } catch (error) {
      throw renderingError(
        `${context}${at(path)}error while rendering template: liquid: ${(error as Error).message}`,
      );
    }
    if (path.length === 0) rendered = text;
    else {
      const parent = path
        .slice(0, -1)
        .reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], rendered);
      (parent as Record<string | number, unknown>)[path[path.length - 1] as string | number] = text;
    }
  }
  return rendered;
}

/**
 * Milli's words for a missing variable (`Unknown variable`, or `Unknown index` with the object it was
 * asked of and that object's keys), from the path liquidjs names; its own message when it names none.
 */
function missingMessage(error: Error, scope: Record<string, unknown>): string {
  const path = /^undefined variable: ([\w.]+)/.exec(error.message)?.[1]?.split('.');
  if (!path) return error.message;
  const [root, ...keys] = path as [string, ...string[]];
  if (!(root in scope)) return `Unknown variable\n  with:\n    requested variable=${root}\n`;
  let value: unknown = scope[root];
  const seen = [root];
  for (const key of keys) {
    const next =
      value !== null && typeof value === 'object'
        ? (value as Record<string, unknown>)[key]
        : undefined;
    if (next === undefined) {
      const available =
        value !== null && typeof value === 'object' && !Array.isArray(value)
          ? Object.keys(value).join(', ')
          : '';
      return `Unknown index\n  with:\n    variable=${seen.join('.')}\n    requested index=${key}\n    available indexes=${available}\n`;
    }
    value = next;
    seen.push(key);
  }
  return error.message;
}
