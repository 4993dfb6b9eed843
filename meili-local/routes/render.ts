/**
 * `POST /render-template` (behind the `renderRoute` experimental feature), as Meilisearch 1.50's
 * `routes/render.rs`: a document template (inline, an embedder's, or an index's chat template) rendered
 * with a document (inline or from an index). The request is checked field by field with Meilisearch's
 * messages and codes, then each kind's parameters, in Meilisearch's order. Fragments (the `multimodal`
 * feature's JSON templates: inline, or an embedder's indexing or search fragment) render with a document
 * or a search (`q`, `media`).
 */
import { MeiliError } from '../errors.ts';
import { assertIndexUid, type Engine } from '../engine.ts';
import type { Index } from '../index.ts';
import { featureNotEnabled, matchesAny, object, onlyKeys, typeError } from '../settings.ts';
import {
  DEFAULT_DOCUMENT_TEMPLATE,
  type DocumentTemplate,
  type Fragment,
  parseFragment,
  parseTemplate,
  renderFragment,
  renderTemplate,
  type TemplateField,
} from '../template.ts';
import { type Request, type Route, asObject } from './http.ts';
import { allowsIndex } from './keys.ts';

const TEMPLATE_KINDS = [
  'documentTemplate',
  'chatDocumentTemplate',
  'indexingFragment',
  'searchFragment',
  'inlineDocumentTemplate',
  'inlineFragment',
] as const;
const INPUT_KINDS = ['indexDocument', 'inlineDocument', 'inlineSearch'] as const;

const TEMPLATE_FIELDS = [
  'kind',
  'indexUid',
  'embedder',
  'fragment',
  'inline',
  'documentTemplateMaxBytes',
];
const INPUT_FIELDS = ['kind', 'indexUid', 'id', 'inline'];

const FEATURES = {
  renderRoute: {
    label: 'render_route',
    link: 'https://github.com/orgs/meilisearch/discussions/888',
  },
  multimodal: { label: 'multimodal', link: 'https://github.com/orgs/meilisearch/discussions/846' },
  chatCompletions: {
    label: 'chat completions',
    link: 'https://github.com/orgs/meilisearch/discussions/835',
  },
};

type Fields = Record<string, unknown>;

/** Check one part of the body (`.template` or `.input`) as Meilisearch's deserializer does. */
function readPart(
  at: string,
  value: unknown,
  accepted: string[],
  kinds: readonly string[],
  code: string,
): Fields {
  const error = (message: string) => new MeiliError(400, code, message);
  const part = object(at, value, error);
  onlyKeys(at, part, accepted, error);
  const fields: Fields = {};
  for (const [key, v] of Object.entries(part)) {
    if (v === null) continue; // null is absent
    const path = `${at}.${key}`;
    if (key === 'kind') {
      if (typeof v !== 'string') throw error(typeError(path, 'a string', v));
      if (!kinds.includes(v))
        throw error(
          `Unknown value \`${v}\` at \`${path}\`: expected one of ${kinds.map((k) => `\`${k}\``).join(', ')}`,
        );
    } else if (key === 'indexUid') {
      if (typeof v !== 'string') throw error(typeError(path, 'a string', v));
      try {
        assertIndexUid(v);
      } catch (invalid) {
        throw error(`Invalid value at \`${path}\`: ${(invalid as Error).message}`);
      }
    } else if (key === 'documentTemplateMaxBytes') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        throw error(typeError(path, 'a positive integer', v));
      if (v === 0)
        throw error(
          `Invalid value at \`${path}\`: a non-zero integer value lower than \`18446744073709551615\` was expected, but found a zero`,
        );
    } else if (key !== 'inline' && typeof v !== 'string') {
      throw error(typeError(path, 'a string', v));
    }
    fields[key] = v;
  }
  if (fields.kind === undefined && !('kind' in part))
    throw error(`Missing field \`kind\` inside \`${at}\``);
  if (fields.kind === undefined) throw error(typeError(`${at}.kind`, 'a string', null));
  return fields;
}

function readBody(body: unknown): { template: Fields; input?: Fields } {
  const top = asObject(body);
  onlyKeys('', top, ['template', 'input'], (m) => new MeiliError(400, 'bad_request', m));
  let template: Fields | undefined;
  let input: Fields | undefined;
  for (const [key, value] of Object.entries(top)) {
    if (key === 'template')
      template = readPart(
        '.template',
        value,
        TEMPLATE_FIELDS,
        TEMPLATE_KINDS,
        'invalid_render_template',
      );
    else if (value !== null)
      input = readPart('.input', value, INPUT_FIELDS, INPUT_KINDS, 'invalid_render_input');
  }
  if (!template) throw new MeiliError(400, 'bad_request', 'Missing field `template`');
  return { template, input };
}

/** The rules of one kind: which parameters it must have, which it must not, in Meilisearch's order. */
interface KindRules {
  feature?: { name: keyof typeof FEATURES; action: string };
  /** Checked in order: `+name` must be present, `-name` must be absent (its message's spelling). */
  checks: string[];
}

const TEMPLATE_RULES: Record<string, KindRules> = {
  documentTemplate: { checks: ['-fragment', '-inline', '+index_uid', '+embedder'] },
  chatDocumentTemplate: {
    feature: { name: 'chatCompletions', action: 'accessing chat settings' },
    checks: ['+index_uid', '-embedder', '-fragment', '-inline'],
  },
  indexingFragment: {
    feature: { name: 'multimodal', action: 'accessing fragments' },
    checks: ['+index_uid', '+embedder', '+fragment', '-inline', '-document_template_max_bytes'],
  },
  searchFragment: {
    feature: { name: 'multimodal', action: 'accessing fragments' },
    checks: ['+index_uid', '+embedder', '+fragment', '-inline', '-document_template_max_bytes'],
  },
  inlineDocumentTemplate: { checks: ['-index_uid', '-embedder', '-fragment', '+inline'] },
  inlineFragment: {
    feature: { name: 'multimodal', action: 'rendering an inline fragment' },
    checks: ['-index_uid', '-embedder', '-fragment', '+inline', '-document_template_max_bytes'],
  },
};

const INPUT_RULES: Record<string, KindRules> = {
  indexDocument: { checks: ['+indexUid', '+id', '-inline'] },
  inlineDocument: { checks: ['-index_uid', '-id', '+inline'] },
  inlineSearch: {
    feature: { name: 'multimodal', action: 'rendering search' },
    checks: ['-index_uid', '-id', '+inline'],
  },
};

/** A parameter as the request names it, from its spelling in Meilisearch's messages. */
const camel = (name: string) => name.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());

function checkKind(
  engine: Engine,
  rules: KindRules,
  fields: Fields,
  kind: string,
  stage: string,
  code: string,
): void {
  if (rules.feature && !engine.features[rules.feature.name])
    throw new MeiliError(
      400,
      'feature_not_enabled',
      `${stage}${featureNotEnabled(rules.feature.action, FEATURES[rules.feature.name]).message}`,
    );
  for (const check of rules.checks) {
    const name = check.slice(1);
    const present = fields[camel(name)] !== undefined;
    if (check[0] === '+' && !present)
      throw new MeiliError(400, code, `${stage}parameter \`${name}\` missing for kind \`${kind}\``);
    if (check[0] === '-' && present)
      throw new MeiliError(
        400,
        code,
        `${stage}parameter \`${name}\` disallowed for kind \`${kind}\``,
      );
  }
}

const TEMPLATE_STAGE = 'error while fetching template: ';
const INPUT_STAGE = 'error while fetching input: ';
const RENDER_STAGE = 'error while rendering template: ';

function templateError(message: string): MeiliError {
  return new MeiliError(400, 'invalid_render_template', `${TEMPLATE_STAGE}${message}`);
}

function openIndex(engine: Engine, uid: string, prefix: string): Index {
  const index = engine.indexes.get(uid);
  if (!index)
    throw new MeiliError(
      404,
      'index_not_found',
      `${prefix} \`${uid}\`: Index \`${uid}\` not found.`,
    );
  return index;
}

/** The template of the request (a document template or a fragment), and the index it came from. */
function fetchTemplate(
  engine: Engine,
  t: Fields,
): { template: DocumentTemplate | Fragment; index?: Index } {
  const kind = t.kind as string;
  checkKind(
    engine,
    TEMPLATE_RULES[kind] as KindRules,
    t,
    kind,
    TEMPLATE_STAGE,
    'invalid_render_template',
  );
  if (kind === 'inlineDocumentTemplate') {
    if (typeof t.inline !== 'string')
      throw templateError('inline document templates must be strings');
    return { template: parseTemplate(t.inline, TEMPLATE_STAGE) };
  }
  if (kind === 'inlineFragment') return { template: parseFragment(t.inline, TEMPLATE_STAGE) };
  const uid = t.indexUid as string;
  const index = openIndex(engine, uid, `${TEMPLATE_STAGE}cannot open index`);
  if (kind === 'chatDocumentTemplate') {
    const text = index.settings.chat?.documentTemplate;
    return {
      template: parseTemplate(
        typeof text === 'string' ? text : DEFAULT_DOCUMENT_TEMPLATE,
        TEMPLATE_STAGE,
      ),
      index,
    };
  }
  const name = t.embedder as string;
  const embedder = index.settings.embedders[name] as Record<string, unknown> | undefined;
  if (!embedder) {
    if (kind === 'searchFragment')
      throw templateError(
        `cannot find indexing fragment \`${t.fragment}\` for embedder \`${name}\` in index \`${uid}\``,
      );
    throw templateError(`cannot find embedder \`${name}\` in index \`${uid}\``);
  }
  if (kind === 'documentTemplate') {
    if (embedder.source === 'userProvided' || hasFragments(embedder))
      throw templateError(
        `embedder \`${name}\` in index \`${uid}\` does not use a document template.`,
      );
    const text = embedder.documentTemplate;
    return {
      template: parseTemplate(
        typeof text === 'string' ? text : DEFAULT_DOCUMENT_TEMPLATE,
        TEMPLATE_STAGE,
      ),
      index,
    };
  }
  if (!hasFragments(embedder))
    throw templateError(`embedder \`${name}\` in index \`${uid}\` does not use fragments.`);
  const side = kind === 'indexingFragment' ? 'indexing' : 'search';
  const fragments = embedder[`${side}Fragments`] as Record<string, { value?: unknown }> | undefined;
  const fragment = fragments?.[t.fragment as string];
  if (!fragment)
    throw templateError(
      `cannot find ${side} fragment \`${t.fragment}\` for embedder \`${name}\` in index \`${uid}\``,
    );
  return { template: parseFragment(fragment.value, TEMPLATE_STAGE), index };
}

/** An embedder that embeds fragments rather than a document template. */
const hasFragments = (embedder: Record<string, unknown>) =>
  Object.keys((embedder.indexingFragments as object | undefined) ?? {}).length > 0;

type Input =
  | { kind: 'document'; doc: Record<string, unknown>; fields: TemplateField[] }
  | { kind: 'search'; scope: Record<string, unknown> };

/** serde's words for a JSON value that is not a map, as Meilisearch quotes them. */
function notAMap(value: unknown): string {
  const text = JSON.stringify(value);
  if (Array.isArray(value)) return 'invalid type: sequence, expected a map at line 1 column 0';
  if (typeof value === 'string')
    return `invalid type: string ${text}, expected a map at line 1 column ${text.length}`;
  if (typeof value === 'boolean')
    return `invalid type: boolean \`${text}\`, expected a map at line 1 column ${text.length}`;
  const what = Number.isInteger(value) ? 'integer' : 'floating point';
  return `invalid type: ${what} \`${text}\`, expected a map at line 1 column ${text.length}`;
}

function fetchInput(engine: Engine, input: Fields, index: Index | undefined): Input {
  const kind = input.kind as string;
  checkKind(
    engine,
    INPUT_RULES[kind] as KindRules,
    input,
    kind,
    INPUT_STAGE,
    'invalid_render_input',
  );
  const inline = input.inline;
  const isMap = typeof inline === 'object' && inline !== null && !Array.isArray(inline);
  if (kind === 'inlineDocument') {
    if (!isMap)
      throw new MeiliError(
        400,
        'invalid_render_input',
        `${INPUT_STAGE}parsing inline document: ${notAMap(inline)}\n  - Note: the inline document must be a JSON map`,
      );
    const doc = inline as Record<string, unknown>;
    // Without an index every field is searchable (milli's empty field map).
    const fields = Object.entries(doc).map(([name, value]) => ({
      name,
      value,
      is_searchable: true,
    }));
    return { kind: 'document', doc, fields };
  }
  if (kind === 'inlineSearch') {
    if (!isMap)
      throw new MeiliError(
        400,
        'invalid_render_input',
        `${INPUT_STAGE}parsing inline search: ${notAMap(inline)}\n  - Note: the inline search query must be a JSON map containing \`q\` and/or \`media\``,
      );
    const q = (inline as Record<string, unknown>).q;
    if (q !== undefined && typeof q !== 'string')
      throw new MeiliError(400, 'invalid_render_input', `${INPUT_STAGE}\`q\` is not a string`);
    const { media } = inline as Record<string, unknown>;
    return {
      kind: 'search',
      scope: { ...(q === undefined ? {} : { q }), ...(media === undefined ? {} : { media }) },
    };
  }
  const source = index as Index;
  const id = input.id as string;
  const n = source.numberOfId(id);
  if (n === undefined)
    throw new MeiliError(
      404,
      'render_document_not_found',
      `${INPUT_STAGE}document \`${id}\` not found in \`${input.indexUid}\``,
    );
  const stored = source.documentAt(n);
  // Fields in the index's field order, as milli's field map has them.
  const names = source.fields.filter((name) => name in stored);
  const doc = Object.fromEntries(names.map((name) => [name, stored[name]]));
  const searchable = source.settings.searchableAttributes;
  const fields = names.map((name) => ({
    name,
    value: stored[name],
    is_searchable: matchesAny(name, searchable),
  }));
  return { kind: 'document', doc, fields };
}

function render(engine: Engine, req: Request): unknown {
  const { template: t, input } = readBody(req.body);
  if (!engine.features.renderRoute)
    throw featureNotEnabled('calling the /render-template route', FEATURES.renderRoute);
  for (const uid of [t.indexUid, input?.indexUid])
    if (typeof uid === 'string' && !allowsIndex(req.key, uid))
      throw new MeiliError(403, 'invalid_api_key', 'The provided API key is invalid.', 'auth');

  const { template, index } = fetchTemplate(engine, t);
  let rendered: unknown = null;
  if (input) {
    const uid = input.indexUid as string | undefined;
    const source =
      uid === undefined
        ? undefined
        : uid === t.indexUid
          ? index
          : openIndex(engine, uid, 'Cannot open index');
    const value = fetchInput(engine, input, source);
    if ('text' in template) {
      if (value.kind === 'search')
        throw new MeiliError(
          400,
          'template_rendering_error',
          `${RENDER_STAGE}cannot render a document template with a search query`,
        );
      rendered = renderTemplate(template, value.doc, value.fields, RENDER_STAGE);
    } else {
      const scope = value.kind === 'search' ? value.scope : { doc: value.doc };
      rendered = renderFragment(template, scope, RENDER_STAGE);
    }
  }
  return { template: 'text' in template ? template.text : template.value, rendered };
}

export const renderRoutes: Route[] = [
  {
    method: 'POST',
    pattern: ['render-template'],
    // Meilisearch wants both actions of the key.
    action: 'settings.get+documents.get',
    handle: (engine, req) => [200, render(engine, req)],
  },
];
