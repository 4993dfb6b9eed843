/** Document routes: add, update, get, fetch, delete (one, batch, by filter, all). */
import { MeiliError, describeValue, errors } from '../errors.ts';
import { assertIndexUid } from '../engine.ts';
import { compileFilter, filterAttributes, parseFilter, type Document } from '../filter.ts';
import type { Index } from '../index.ts';
import { sortDocumentNumbers } from '../ranking.ts';
import { checkFilterable } from '../search.ts';
import { type Route, asObject, enqueue, intParam, listParam } from './http.ts';
import { retrievedVectors } from '../vectors.ts';

function documentsBody(body: unknown): Document[] {
  if (body === undefined) throw errors.missingPayload();
  if (typeof body !== 'object' || body === null) {
    throw errors.malformedPayload(
      "The `json` payload provided is malformed. `Couldn't serialize document value: data are neither an object nor a list of objects`.",
    );
  }
  const list = Array.isArray(body) ? body : [body];
  for (const doc of list) {
    if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
      throw errors.malformedPayload(
        `The \`json\` payload provided is malformed. \`Couldn't serialize document value: invalid type: ${typeof doc}, expected a map\`.`,
      );
    }
  }
  return list as Document[];
}

interface FetchOptions {
  offset: number;
  limit: number;
  fields: string[] | null;
  filter: unknown;
  ids: string[] | null;
  sort: string[] | null;
  retrieveVectors: boolean;
}

/** The filter grammar's errors, answered with the documents routes' own code. */
function parseDocumentFilter(filter: unknown): ReturnType<typeof parseFilter> {
  try {
    return parseFilter(filter);
  } catch (error) {
    if (error instanceof MeiliError && error.code === 'invalid_search_filter')
      throw new MeiliError(error.status, 'invalid_document_filter', error.message);
    throw error;
  }
}

function fetchDocuments(index: Index, options: FetchOptions): Record<string, unknown> {
  const tree = parseDocumentFilter(options.filter);
  checkFilterable(index, [...filterAttributes(tree)], 'invalid_document_filter', options.filter);
  const predicate = compileFilter(tree);
  let numbers = options.ids
    ? options.ids.flatMap((id) => {
        const n = index.numberOfId(id);
        return n === undefined ? [] : [n];
      })
    : [...index.allNumbers()];
  // In Meilisearch's internal id order (ids freed by deletions are reused), not the order asked.
  numbers.sort((a, b) => index.docid(a) - index.docid(b));
  numbers = numbers.filter((n) => predicate(index.documentAt(n)));
  if (options.sort?.length)
    numbers = sortDocumentNumbers(index, numbers, options.sort, 'invalid_document_sort');
  const results = numbers.slice(options.offset, options.offset + options.limit).map((n) => {
    const doc = project(index.documentAt(n), options.fields, index.settings.displayedAttributes);
    return options.retrieveVectors
      ? { ...doc, _vectors: retrievedVectors(index.embeddingsAt(n), index.settings.embedders) }
      : doc;
  });
  return { results, offset: options.offset, limit: options.limit, total: numbers.length };
}

function project(doc: Document, fields: string[] | null, displayed: string[]): Document {
  const out: Document = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!(displayed.includes('*') || displayed.includes(key))) continue;
    if (fields && !fields.includes('*') && !fields.includes(key)) continue;
    out[key] = value;
  }
  return out;
}

export const documentRoutes: Route[] = [
  // Documents
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'documents'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const index = engine.getIndex(p.uid as string);
      const filter = req.query.get('filter');
      return [
        200,
        fetchDocuments(index, {
          offset: intParam(req.query, 'offset', 0, 'invalid_document_offset'),
          limit: intParam(req.query, 'limit', 20, 'invalid_document_limit'),
          fields: listParam(req.query, 'fields'),
          filter: filter ?? undefined,
          ids: listParam(req.query, 'ids'),
          sort: listParam(req.query, 'sort'),
          retrieveVectors: req.query.get('retrieveVectors') === 'true',
        }),
      ];
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'fetch'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const body = req.body === undefined ? {} : asObject(req.body);
      const accepted = [
        'offset',
        'limit',
        'fields',
        'retrieveVectors',
        'ids',
        'filter',
        'sort',
        'useNetwork',
      ];
      for (const key of Object.keys(body)) {
        if (!accepted.includes(key))
          throw new MeiliError(
            400,
            'bad_request',
            `Unknown field \`${key}\`: expected one of ${accepted.map((a) => `\`${a}\``).join(', ')}`,
          );
      }
      for (const key of ['offset', 'limit'] as const) {
        const v = body[key];
        if (
          v !== undefined &&
          v !== null &&
          (typeof v !== 'number' || !Number.isInteger(v) || v < 0)
        ) {
          throw new MeiliError(
            400,
            `invalid_document_${key}`,
            `Invalid value type at \`.${key}\`: expected a positive integer, but found ${typeof v === 'string' ? `a string: \`${JSON.stringify(v)}\`` : `\`${JSON.stringify(v)}\``}`,
          );
        }
      }
      if (
        body.fields !== undefined &&
        body.fields !== null &&
        !(Array.isArray(body.fields) && body.fields.every((f) => typeof f === 'string'))
      ) {
        throw new MeiliError(
          400,
          'invalid_document_fields',
          `Invalid value type at \`.fields\`: expected an array, but found ${describeValue(body.fields)}`,
        );
      }
      const index = engine.getIndex(p.uid as string);
      return [
        200,
        fetchDocuments(index, {
          offset: typeof body.offset === 'number' ? body.offset : 0,
          limit: typeof body.limit === 'number' ? body.limit : 20,
          fields: Array.isArray(body.fields) ? (body.fields as string[]) : null,
          filter: body.filter,
          ids: Array.isArray(body.ids) ? (body.ids as unknown[]).map(String) : null,
          sort: Array.isArray(body.sort) ? (body.sort as string[]) : null,
          retrieveVectors: body.retrieveVectors === true,
        }),
      ];
    },
  },
  {
    method: 'GET',
    pattern: ['indexes', ':uid', 'documents', ':id'],
    action: 'documents.get',
    handle: (engine, req, p) => {
      const index = engine.getIndex(p.uid as string);
      const n = index.numberOfId(p.id as string);
      if (n === undefined) throw errors.documentNotFound(p.id as string);
      const doc = project(
        index.documentAt(n),
        listParam(req.query, 'fields'),
        index.settings.displayedAttributes,
      );
      return [
        200,
        req.query.get('retrieveVectors') === 'true'
          ? { ...doc, _vectors: retrievedVectors(index.embeddingsAt(n), index.settings.embedders) }
          : doc,
      ];
    },
  },
  ...(['POST', 'PUT'] as const).map(
    (method): Route => ({
      method,
      pattern: ['indexes', ':uid', 'documents'],
      action: 'documents.add',
      handle: (engine, req, p) => {
        assertIndexUid(p.uid as string);
        const documents = documentsBody(req.body);
        const primaryKey = req.query.get('primaryKey') ?? undefined;
        const skipCreation = req.query.get('skipCreation') === 'true';
        return enqueue(
          engine,
          req,
          'documentAdditionOrUpdate',
          p.uid as string,
          { kind: 'addDocuments', documents, primaryKey, merge: method === 'PUT', skipCreation },
          { receivedDocuments: documents.length, indexedDocuments: null },
        );
      },
    }),
  ),
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'documents', ':id'],
    action: 'documents.delete',
    handle: (engine, req, p) =>
      enqueue(
        engine,
        req,
        'documentDeletion',
        p.uid as string,
        { kind: 'deleteDocuments', ids: [p.id as string] },
        { providedIds: 1, deletedDocuments: null, originalFilter: null },
      ),
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'edit'],
    action: 'documents.*',
    handle: (engine, req, p) => {
      if (!engine.features.editDocumentsByFunction) {
        throw new MeiliError(
          400,
          'feature_not_enabled',
          'Using the documents edit route requires enabling the `edit documents by function` experimental feature. See https://github.com/orgs/meilisearch/discussions/762',
        );
      }
      assertIndexUid(p.uid as string);
      const body = asObject(req.body);
      const accepted = ['filter', 'context', 'function'];
      for (const field of Object.keys(body)) {
        if (!accepted.includes(field))
          throw new MeiliError(
            400,
            'bad_request',
            `Unknown field \`${field}\`: expected one of ${accepted.map((f) => `\`${f}\``).join(', ')}`,
          );
      }
      if (body.function === undefined)
        throw new MeiliError(400, 'missing_document_edition_function', 'Missing field `function`');
      if (typeof body.function !== 'string')
        throw new MeiliError(
          400,
          'invalid_document_edition_function_filter',
          `Invalid value type at \`.function\`: expected a string, but found ${JSON.stringify(body.function)}`,
        );
      if (
        body.context !== undefined &&
        body.context !== null &&
        (typeof body.context !== 'object' || Array.isArray(body.context))
      ) {
        throw new MeiliError(
          400,
          'invalid_document_edition_context',
          `Invalid value type at \`.context\`: expected an object, but found ${JSON.stringify(body.context)}`,
        );
      }
      const filter = body.filter ?? null;
      const context = body.context ?? null;
      return enqueue(
        engine,
        req,
        'documentEdition',
        p.uid as string,
        { kind: 'editDocuments', function: body.function, filter, context },
        {
          editedDocuments: null,
          deletedDocuments: null,
          originalFilter: filter === null ? null : JSON.stringify(filter),
          context,
          function: body.function,
        },
      );
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'delete-batch'],
    action: 'documents.delete',
    handle: (engine, req, p) => {
      if (req.body === undefined) throw errors.missingPayload();
      if (!Array.isArray(req.body)) {
        // serde's words, as Meilisearch reads this body with it.
        const b = req.body;
        const found =
          b === null
            ? 'null'
            : typeof b === 'object'
              ? 'map'
              : typeof b === 'string'
                ? `string ${JSON.stringify(b)}`
                : typeof b === 'boolean'
                  ? `boolean \`${b}\``
                  : Number.isInteger(b)
                    ? `integer \`${b}\``
                    : `floating point \`${b}\``;
        throw new MeiliError(
          400,
          'bad_request',
          `Json deserialize error: invalid type: ${found}, expected a sequence at line 1 column ${typeof b === 'object' && b !== null ? 0 : JSON.stringify(b).length}`,
        );
      }
      const ids = (req.body as unknown[]).map(String);
      return enqueue(
        engine,
        req,
        'documentDeletion',
        p.uid as string,
        { kind: 'deleteDocuments', ids },
        { providedIds: ids.length, deletedDocuments: null, originalFilter: null },
      );
    },
  },
  {
    method: 'POST',
    pattern: ['indexes', ':uid', 'documents', 'delete'],
    action: 'documents.delete',
    handle: (engine, req, p) => {
      const body = asObject(req.body);
      if (body.filter === undefined)
        throw new MeiliError(400, 'missing_document_filter', 'Missing field `filter`');
      if (body.filter === '' || (Array.isArray(body.filter) && body.filter.length === 0))
        throw new MeiliError(
          400,
          'invalid_document_filter',
          'Sending an empty filter is forbidden.',
        );
      parseDocumentFilter(body.filter); // syntax errors are answered at once, like Meilisearch
      return enqueue(
        engine,
        req,
        'documentDeletion',
        p.uid as string,
        { kind: 'deleteByFilter', filter: body.filter },
        { providedIds: 0, deletedDocuments: null, originalFilter: JSON.stringify(body.filter) },
      );
    },
  },
  {
    method: 'DELETE',
    pattern: ['indexes', ':uid', 'documents'],
    action: 'documents.delete',
    handle: (engine, req, p) =>
      enqueue(
        engine,
        req,
        'documentDeletion',
        p.uid as string,
        { kind: 'deleteAll' },
        { deletedDocuments: null },
      ),
  },
];
