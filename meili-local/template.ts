/**
 * Meilisearch's document templates (milli `prompt/`): Liquid, rendered with `doc` (the document) and
 * `fields` (its fields in order, each `{ name, value, is_searchable }`). Pure: parse, then render.
 * Values print as milli's Liquid prints them: nil as nothing, a list as its items one after another, an
 * object as each key followed by its value, keys sorted. An unknown variable or field is an error, except
 * in an `if` condition.
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

/** Parse a template; a syntax error is Meilisearch's `template_parsing_error`. */
export function parseTemplate(text: string, context: string): DocumentTemplate {
  try {
    return { text, parsed: liquid.parse(text) };
  } catch (error) {
    throw new MeiliError(
      400,
      'template_parsing_error',
      `${context}user error: cannot parse template: liquid: ${(error as Error).message}`,
    );
  }
}

export interface TemplateField {
  name: string;
  value: unknown;
  is_searchable: boolean;
}

/** Render `template` for one document; a missing variable is Meilisearch's `template_rendering_error`. */
export function renderTemplate(
  template: DocumentTemplate,
  doc: Record<string, unknown>,
  fields: TemplateField[],
  context: string,
): string {
  const scope = { doc, fields };
  try {
    return liquid.renderSync(template.parsed, scope) as string;
  } catch (error) {
    throw new MeiliError(
      400,
      'template_rendering_error',
      `${context}user error: missing field in document: liquid: ${missingMessage(error as Error, scope)}`,
    );
  }
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
