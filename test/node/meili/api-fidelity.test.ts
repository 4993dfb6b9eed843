/**
 * The HTTP/API layer as Meilisearch 1.50 answers it: index-scoped keys, the Authorization header, key
 * creation, swaps and renames, feature-gated routes, settings checked at request time. Raw HTTP, so status
 * codes and error objects are compared exactly; each case runs on meili-local and on the real engine.
 */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, startHarness, uniqueIndex, type Harness } from './harness.ts';

let h: Harness;

async function call(
  method: string,
  path: string,
  body?: unknown,
  auth: string | null = `Bearer ${h.masterKey}`,
  // biome-ignore lint/suspicious/noExplicitAny: engine answers are read field by field, as the tests assert them
): Promise<{ status: number; body: any }> {
  const headers: Record<string, string> = {};
  if (auth !== null) headers.authorization = auth;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${h.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

// biome-ignore lint/suspicious/noExplicitAny: a task object as the engine sends it
async function done(enqueued: { body: { taskUid: number } }): Promise<any> {
  for (;;) {
    const { body } = await call('GET', `/tasks/${enqueued.body.taskUid}`);
    if (body.status !== 'enqueued' && body.status !== 'processing') return body;
    await new Promise((r) => setTimeout(r, 5));
  }
}

async function withDocs(uid: string, docs: Array<Record<string, unknown>>): Promise<void> {
  await done(await call('POST', '/indexes', { uid, primaryKey: 'id' }));
  expect((await done(await call('POST', `/indexes/${uid}/documents`, docs))).status).toBe(
    'succeeded',
  );
}

async function scopedKey(indexes: string[], actions = ['*']): Promise<string> {
  const created = await call('POST', '/keys', { actions, indexes, expiresAt: null });
  expect(created.status).toBe(201);
  return `Bearer ${created.body.key}`;
}

function tenantToken(
  apiKey: { uid: string; key: string },
  claims: Record<string, unknown>,
): string {
  const part = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part({ apiKeyUid: apiKey.uid, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', apiKey.key).update(unsigned).digest('base64url')}`;
}

describe.each(ENGINES)('API layer on %s', (engine) => {
  beforeAll(async () => {
    h = await startHarness(engine);
  });
  afterAll(async () => h.close());

  describe('Authorization header and keys', () => {
    it('wants the Bearer scheme exactly', async () => {
      expect(await call('GET', '/indexes', undefined, null)).toMatchObject({
        status: 401,
        body: { code: 'missing_authorization_header', type: 'auth' },
      });
      expect(await call('GET', '/indexes', undefined, h.masterKey)).toMatchObject({
        status: 401,
        body: { code: 'missing_authorization_header' },
      });
      expect(await call('GET', '/indexes', undefined, `bearer ${h.masterKey}`)).toMatchObject({
        status: 401,
        body: { code: 'missing_authorization_header' },
      });
      expect(await call('GET', '/indexes', undefined, 'Bearer')).toMatchObject({
        status: 403,
        body: { code: 'invalid_api_key' },
      });
      expect(await call('GET', '/indexes', undefined, 'Bearer nope')).toMatchObject({
        status: 403,
        body: { code: 'invalid_api_key', message: 'The provided API key is invalid.' },
      });
      expect((await call('GET', '/indexes')).status).toBe(200);
    });

    it('refuses past expiry dates and global actions on scoped keys at creation', async () => {
      const past = await call('POST', '/keys', {
        actions: ['search'],
        indexes: ['*'],
        expiresAt: '2020-01-01T00:00:00Z',
      });
      expect(past).toMatchObject({ status: 400, body: { code: 'invalid_api_key_expires_at' } });
      expect(past.body.message).toContain('`2020-01-01T00:00:00Z` is not a valid date');
      const global = await call('POST', '/keys', {
        actions: ['version'],
        indexes: ['movies'],
        expiresAt: null,
      });
      expect(global).toMatchObject({
        status: 400,
        body: { code: 'index_scoped_api_key_with_global_action' },
      });
      const future = await call('POST', '/keys', {
        actions: ['search'],
        indexes: ['*'],
        expiresAt: '2999-01-01',
      });
      expect(future).toMatchObject({ status: 201, body: { expiresAt: '2999-01-01T00:00:00Z' } });
      expect(Object.keys(future.body)).toEqual([
        'name',
        'description',
        'key',
        'uid',
        'actions',
        'indexes',
        'expiresAt',
        'createdAt',
        'updatedAt',
      ]);
    });

    it('words key, task and settings errors as Meilisearch does', async () => {
      const key = (
        await call('POST', '/keys', { actions: ['search'], indexes: ['*'], expiresAt: null })
      ).body;
      expect(await call('PATCH', `/keys/${key.uid}`, { actions: [] })).toMatchObject({
        status: 400,
        body: {
          code: 'immutable_api_key_actions',
          message: 'Immutable field `actions`: expected one of `description`, `name`',
        },
      });
      expect(await call('GET', '/tasks/abc')).toMatchObject({
        status: 400,
        body: {
          code: 'invalid_task_uids',
          message: 'Task uid `abc` is invalid. It should only contain numeric characters.',
        },
      });
      expect(
        await call('PATCH', `/indexes/${uniqueIndex('rr')}/settings`, {
          rankingRules: ['words', 'nope'],
        }),
      ).toMatchObject({
        status: 400,
        body: {
          code: 'invalid_settings_ranking_rules',
          message:
            'Invalid value at `.rankingRules[1]`: `nope` ranking rule is invalid. Valid ranking rules are words, typo, sort, proximity, attribute, exactness and custom ranking rules.',
        },
      });
      const uid = uniqueIndex('reset');
      const reset = await done(await call('DELETE', `/indexes/${uid}/settings`));
      expect(reset.details).toMatchObject({
        displayedAttributes: ['*'],
        searchableAttributes: ['*'],
        filterableAttributes: null,
        foreignKeys: null,
        chat: null,
      });
    });

    it('has the four default keys, newest first', async () => {
      const { body } = await call('GET', '/keys');
      const names = body.results
        .map((k: { name: string | null }) => k.name)
        .filter((n: string | null) => n?.startsWith('Default'));
      expect(names).toEqual([
        'Default Search API Key',
        'Default Admin API Key',
        'Default Read-Only Admin API Key',
        'Default Chat API Key',
      ]);
    });
  });

  describe('index-scoped keys', () => {
    it('see only their indexes: tasks, task by uid, stats, index list, cancel and delete', async () => {
      const mine = uniqueIndex('mine');
      const other = uniqueIndex('other');
      await withDocs(mine, [{ id: 1 }]);
      await withDocs(other, [{ id: 1 }, { id: 2 }]);
      const key = await scopedKey([mine]);

      const tasks = await call('GET', '/tasks?limit=1000', undefined, key);
      expect(tasks.status).toBe(200);
      const indexUids = new Set(
        tasks.body.results.map((t: { indexUid: string | null }) => t.indexUid),
      );
      expect([...indexUids]).toEqual([mine]);
      const otherTask = (await call('GET', `/tasks?indexUids=${other}`)).body.results[0].uid;
      expect(await call('GET', `/tasks/${otherTask}`, undefined, key)).toMatchObject({
        status: 404,
        body: { code: 'task_not_found' },
      });

      const stats = await call('GET', '/stats', undefined, key);
      expect(Object.keys(stats.body.indexes)).toEqual([mine]);
      const list = await call('GET', '/indexes', undefined, key);
      expect(list.body.results.map((i: { uid: string }) => i.uid)).toEqual([mine]);

      const denied = await call('GET', `/indexes/${other}`, undefined, key);
      expect(denied).toMatchObject({
        status: 403,
        body: {
          code: 'invalid_api_key',
          message: `The API key cannot acces the index \`${other}\`, authorized indexes are ["${mine}"].`,
        },
      });
      expect(await call('POST', '/indexes', { uid: other }, key)).toMatchObject({
        status: 403,
        body: { code: 'invalid_api_key' },
      });

      const deletion = await call('DELETE', '/tasks?statuses=succeeded', undefined, key);
      expect(deletion.status).toBe(200);
      const deleted = await done(deletion);
      expect(deleted.details.deletedTasks).toBe(tasks.body.results.length);
      expect((await call('GET', `/tasks/${otherTask}`)).status).toBe(200);
      const cancel = await call('POST', `/tasks/cancel?uids=${otherTask}`, undefined, key);
      expect(cancel.status).toBe(200);
      expect((await done(cancel)).details.matchedTasks).toBe(0);
    });

    it('guards dumps, snapshots and template rendering like any route', async () => {
      const search = (await call('GET', '/keys')).body.results.find(
        (k: { name: string | null }) => k.name === 'Default Search API Key',
      ).key;
      for (const path of ['/dumps', '/snapshots', '/render-template']) {
        expect(await call('POST', path, {}, `Bearer ${search}`)).toMatchObject({
          status: 403,
          body: { code: 'invalid_api_key' },
        });
        expect(await call('POST', path, {}, null)).toMatchObject({
          status: 401,
          body: { code: 'missing_authorization_header' },
        });
      }
      expect(await call('POST', '/dumps')).toMatchObject({
        status: 202,
        body: { type: 'dumpCreation', status: 'enqueued' },
      });
      // The body is read before the feature is checked (render-template.test.ts has the rest).
      expect(await call('POST', '/render-template', {})).toMatchObject({
        status: 400,
        body: { code: 'bad_request', message: 'Missing field `template`' },
      });
    });

    it('refuses an expired key', async () => {
      const uid = uniqueIndex('exp');
      const created = await call('POST', '/keys', {
        actions: ['*'],
        indexes: ['*'],
        expiresAt: new Date(Date.now() + 1500).toISOString(),
      });
      expect(created.status).toBe(201);
      expect((await call('GET', '/indexes', undefined, `Bearer ${created.body.key}`)).status).toBe(
        200,
      );
      await new Promise((r) => setTimeout(r, 1600));
      expect(
        await call('GET', `/indexes/${uid}`, undefined, `Bearer ${created.body.key}`),
      ).toMatchObject({ status: 403, body: { code: 'invalid_api_key' } });
    });
  });

  describe('tenant tokens', () => {
    it('search within the token rules, its filter added, and nothing else', async () => {
      const uid = uniqueIndex('tenant');
      const other = uniqueIndex('tenantother');
      await withDocs(uid, [
        { id: 1, n: 1 },
        { id: 2, n: 2 },
      ]);
      await withDocs(other, [{ id: 1 }]);
      await done(await call('PATCH', `/indexes/${uid}/settings`, { filterableAttributes: ['n'] }));
      const apiKey = (
        await call('POST', '/keys', { actions: ['search'], indexes: ['*'], expiresAt: null })
      ).body;
      const token = tenantToken(apiKey, { searchRules: { [uid]: { filter: 'n = 2' } } });
      const hits = await call('POST', `/indexes/${uid}/search`, { q: '' }, `Bearer ${token}`);
      expect(hits.status).toBe(200);
      expect(hits.body.hits.map((d: { id: number }) => d.id)).toEqual([2]);
      expect(
        (await call('POST', `/indexes/${uid}/search`, { filter: 'n = 1' }, `Bearer ${token}`)).body
          .hits,
      ).toEqual([]);
      expect(await call('POST', `/indexes/${other}/search`, {}, `Bearer ${token}`)).toMatchObject({
        status: 403,
        body: {
          code: 'invalid_api_key',
          message: `The provided tenant token cannot acces the index \`${other}\`, allowed indexes are ["${uid}"].`,
        },
      });
      expect(
        await call('GET', `/indexes/${uid}/documents`, undefined, `Bearer ${token}`),
      ).toMatchObject({ status: 403, body: { code: 'invalid_api_key' } });
      const expired = await call(
        'POST',
        `/indexes/${uid}/search`,
        {},
        `Bearer ${tenantToken(apiKey, { searchRules: ['*'], exp: 1000 })}`,
      );
      expect(expired.status).toBe(403);
      expect(expired.body.message).toMatch(
        /^Tenant token expired\. Was valid up to `1000` and we're now `\d+`\.$/,
      );
      const forged = await call(
        'POST',
        `/indexes/${uid}/search`,
        {},
        `Bearer ${tenantToken({ uid: apiKey.uid, key: 'not-the-key' }, { searchRules: ['*'] })}`,
      );
      expect(forged).toMatchObject({
        status: 403,
        body: {
          code: 'invalid_api_key',
          message: 'Could not decode tenant token, InvalidSignature.',
        },
      });
    });
  });

  describe('swaps and renames', () => {
    it('swaps two indexes with their documents and renames earlier tasks', async () => {
      const a = uniqueIndex('swapa');
      const b = uniqueIndex('swapb');
      await withDocs(a, [{ id: 1, side: 'a' }]);
      await withDocs(b, [
        { id: 1, side: 'b' },
        { id: 2, side: 'b' },
      ]);
      const swap = await done(await call('POST', '/swap-indexes', [{ indexes: [a, b] }]));
      expect(swap).toMatchObject({
        status: 'succeeded',
        indexUid: null,
        details: { swaps: [{ indexes: [a, b], rename: false }] },
      });
      expect(
        (await call('GET', `/indexes/${a}/documents`)).body.results.map(
          (d: { side: string }) => d.side,
        ),
      ).toEqual(['b', 'b']);
      expect(
        (await call('GET', `/indexes/${b}/documents`)).body.results.map(
          (d: { side: string }) => d.side,
        ),
      ).toEqual(['a']);
      // b's document addition now reads as a's.
      const { body } = await call('GET', `/tasks?indexUids=${a}&types=documentAdditionOrUpdate`);
      expect(
        body.results.map(
          (t: { details: { receivedDocuments: number } }) => t.details.receivedDocuments,
        ),
      ).toEqual([2]);
    });

    it('checks swaps at request time and fails missing indexes in the task', async () => {
      const a = uniqueIndex('swapc');
      await withDocs(a, [{ id: 1 }]);
      const dup = await call('POST', '/swap-indexes', [
        { indexes: [a, 'x1'] },
        { indexes: [a, 'x2'] },
      ]);
      expect(dup).toMatchObject({
        status: 400,
        body: {
          code: 'invalid_swap_duplicate_index_found',
          message: `Indexes must be declared only once during a swap. \`${a}\` was specified several times.`,
        },
      });
      expect(await call('POST', '/swap-indexes', [{ indexes: [a] }])).toMatchObject({
        status: 400,
        body: {
          code: 'invalid_swap_indexes',
          message: `Two indexes must be given for each swap. The list \`["${a}"]\` contains 1 indexes.`,
        },
      });
      expect(await call('POST', '/swap-indexes', [{ indexes: [a, 'y'], foo: 1 }])).toMatchObject({
        status: 400,
        body: { code: 'bad_request' },
      });
      const missing = await done(
        await call('POST', '/swap-indexes', [
          { indexes: [a, 'zz_missing1'] },
          { indexes: ['zz_missing2', 'zz_missing3'] },
        ]),
      );
      expect(missing).toMatchObject({
        status: 'failed',
        error: {
          code: 'index_not_found',
          message: 'Indexes `zz_missing1`, `zz_missing2`, `zz_missing3` not found.',
        },
      });
    });

    it('renames with a swap (rename: true) and with PATCH uid', async () => {
      const a = uniqueIndex('rena');
      const b = uniqueIndex('renb');
      const c = uniqueIndex('renc');
      await withDocs(a, [{ id: 1 }]);
      await withDocs(c, [{ id: 1 }]);
      expect(
        (await done(await call('POST', '/swap-indexes', [{ indexes: [a, b], rename: true }])))
          .status,
      ).toBe('succeeded');
      expect((await call('GET', `/indexes/${a}`)).status).toBe(404);
      expect((await call('GET', `/indexes/${b}/documents`)).body.total).toBe(1);
      const taken = await done(
        await call('POST', '/swap-indexes', [{ indexes: [b, c], rename: true }]),
      );
      expect(taken).toMatchObject({ status: 'failed', error: { code: 'index_already_exists' } });
      const renamed = await done(await call('PATCH', `/indexes/${b}`, { uid: a }));
      expect(renamed).toMatchObject({
        status: 'succeeded',
        indexUid: b,
        details: { oldIndexUid: b, newIndexUid: a },
      });
      expect((await call('GET', `/indexes/${a}/documents`)).body.total).toBe(1);
      expect(await call('PATCH', `/indexes/${a}`, { uid: 'bad name' })).toMatchObject({
        status: 400,
        body: { code: 'invalid_index_uid' },
      });
      expect(await call('PATCH', `/indexes/${a}`, { x: 1 })).toMatchObject({
        status: 400,
        body: {
          code: 'bad_request',
          message: 'Unknown field `x`: expected one of `primaryKey`, `uid`',
        },
      });
    });
  });

  describe('experimental routes', () => {
    it('answers feature_not_enabled for task documents and documents edit, then edits', async () => {
      const uid = uniqueIndex('edit');
      await withDocs(uid, [
        { id: 1, n: 1 },
        { id: 2, n: 2 },
      ]);
      expect(await call('GET', '/tasks/0/documents')).toMatchObject({
        status: 400,
        body: { code: 'feature_not_enabled' },
      });
      expect(
        await call('POST', `/indexes/${uid}/documents/edit`, { function: 'doc.n = 3' }),
      ).toMatchObject({ status: 400, body: { code: 'feature_not_enabled' } });
      await call('PATCH', '/experimental-features', {
        editDocumentsByFunction: true,
        getTaskDocumentsRoute: true,
      });
      try {
        const added = (await call('GET', `/tasks?indexUids=${uid}&types=documentAdditionOrUpdate`))
          .body.results[0].uid;
        // Only an enqueued or processing addition still has its documents.
        expect(await call('GET', `/tasks/${added}/documents`)).toMatchObject({
          status: 404,
          body: { code: 'task_file_not_found' },
        });
        // A new task is seen enqueued (or processing) first, with its documents, then done.
        const fresh = await call('POST', `/indexes/${uid}/documents`, [{ id: 3, n: 3 }]);
        expect(['enqueued', 'processing']).toContain(
          (await call('GET', `/tasks/${fresh.body.taskUid}`)).body.status,
        );
        const carried = await fetch(`${h.url}/tasks/${fresh.body.taskUid}/documents`, {
          headers: { authorization: `Bearer ${h.masterKey}` },
        });
        expect(carried.status).toBe(200);
        expect(JSON.parse(await carried.text())).toEqual({ id: 3, n: 3 });
        expect((await done(fresh)).status).toBe('succeeded');
        expect(await call('GET', '/tasks/999999/documents')).toMatchObject({
          status: 404,
          body: { code: 'task_not_found' },
        });
        expect(await call('POST', `/indexes/${uid}/documents/edit`, {})).toMatchObject({
          status: 400,
          body: { code: 'missing_document_edition_function' },
        });
        await call('PATCH', `/indexes/${uid}/settings`, { filterableAttributes: ['id'] });
        const edit = await done(
          await call('POST', `/indexes/${uid}/documents/edit`, {
            // biome-ignore lint/suspicious/noTemplateCurlyInString: a Rhai template, run by the engine
            function: 'doc.s = `n=${doc.n} ${context.w}`',
            context: { w: 'ok' },
            filter: 'id = 2',
          }),
        );
        expect(edit).toMatchObject({
          status: 'succeeded',
          type: 'documentEdition',
          details: { editedDocuments: 1, originalFilter: '"id = 2"', context: { w: 'ok' } },
        });
        expect((await call('GET', `/indexes/${uid}/documents/2`)).body).toEqual({
          id: 2,
          n: 2,
          s: 'n=2 ok',
        });
      } finally {
        await call('PATCH', '/experimental-features', {
          editDocumentsByFunction: false,
          getTaskDocumentsRoute: false,
        });
      }
    });
  });

  describe('documents', () => {
    it('answer document routes with Meilisearch details, orders and messages', async () => {
      const uid = uniqueIndex('docroutes');
      await withDocs(uid, [{ id: 1 }, { id: 2 }, { id: 3 }]);
      expect(
        (await call('POST', `/indexes/${uid}/documents/fetch`, { ids: [3, 1] })).body.results,
      ).toEqual([{ id: 1 }, { id: 3 }]);
      expect(await call('POST', `/indexes/${uid}/documents/fetch`, { zz: 1 })).toMatchObject({
        status: 400,
        body: { code: 'bad_request' },
      });
      expect(await call('POST', `/indexes/${uid}/documents/fetch`, { limit: 'x' })).toMatchObject({
        status: 400,
        body: { code: 'invalid_document_limit' },
      });
      const deleted = await done(
        await call('POST', `/indexes/${uid}/documents/delete-batch`, [1, '2']),
      );
      expect(deleted.details).toEqual({
        providedIds: 2,
        deletedDocuments: 2,
        originalFilter: null,
      });
      expect(await call('POST', `/indexes/${uid}/documents/delete-batch`, 'x')).toMatchObject({
        status: 400,
        body: {
          code: 'bad_request',
          message:
            'Json deserialize error: invalid type: string "x", expected a sequence at line 1 column 3',
        },
      });
      const failed = await done(
        await call('POST', `/indexes/${uid}/documents/delete`, { filter: 'n = 3' }),
      );
      expect(failed).toMatchObject({
        status: 'failed',
        details: { deletedDocuments: 0 },
        error: { code: 'invalid_document_filter' },
      });
      expect(
        failed.error.message.startsWith(`Index \`${uid}\`: Attribute \`n\` is not filterable.`),
      ).toBe(true);
      const bad = await done(await call('POST', `/indexes/${uid}/documents`, [{ id: 'bad id' }]));
      expect(bad.details).toEqual({ receivedDocuments: 1, indexedDocuments: 0 });
      const truncated = await fetch(`${h.url}/indexes/${uid}/documents`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.masterKey}`, 'content-type': 'application/json' },
        body: '{"id": 5,',
      });
      expect(((await truncated.json()) as { message: string }).message).toBe(
        "The `json` payload provided is malformed. `Couldn't serialize document value: EOF while parsing a value at line 1 column 9`.",
      );
      expect(await call('GET', '/indexes/bad%20name')).toMatchObject({
        status: 400,
        body: { code: 'invalid_index_uid' },
      });
      expect(await call('POST', '/indexes', [])).toMatchObject({
        status: 400,
        body: { message: 'Invalid value type: expected an object, but found an array: `[]`' },
      });
    });
  });

  describe('match positions', () => {
    it('report the last matching value of a list, with its index, and nested fields by their path', async () => {
      const uid = uniqueIndex('positions');
      await withDocs(uid, [
        {
          id: 1,
          tags: ['green tea', 'black', 'green apple green'],
          info: { note: 'a green note', deep: [{ x: 'green' }, { x: 'blue' }] },
          title: 'Green',
        },
      ]);
      const { body } = await call('POST', `/indexes/${uid}/search`, {
        q: 'green',
        showMatchesPosition: true,
      });
      expect(body.hits[0]._matchesPosition).toEqual({
        'info.deep.x': [{ start: 0, length: 5, indices: [0] }],
        'info.note': [{ start: 2, length: 5 }],
        tags: [
          { start: 0, length: 5, indices: [2] },
          { start: 12, length: 5, indices: [2] },
        ],
        title: [{ start: 0, length: 5 }],
      });
      // A phrase is one match where its words follow each other, and only there.
      const phrase = await call('POST', `/indexes/${uid}/search`, {
        q: '"green apple"',
        showMatchesPosition: true,
        attributesToHighlight: ['tags'],
        attributesToCrop: ['tags:2'],
      });
      expect(phrase.body.hits[0]._matchesPosition).toEqual({
        tags: [{ start: 0, length: 11, indices: [2] }],
      });
      expect(phrase.body.hits[0]._formatted.tags).toEqual([
        'green tea',
        'black',
        '<em>green apple</em>…',
      ]);
    });
  });

  describe('documents as CSV, batches, fields', () => {
    it('reads CSV with typed headers, empty cells as null and a custom delimiter', async () => {
      const uid = uniqueIndex('csv');
      const csv =
        'id,name:string,price:number,ok:boolean,empty\n1,"a, ""b""",3.5,true,\n2,,,false,""\n';
      const res = await fetch(`${h.url}/indexes/${uid}/documents?primaryKey=id`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.masterKey}`, 'content-type': 'text/csv' },
        body: csv,
      });
      expect(res.status).toBe(202);
      expect((await done({ body: (await res.json()) as { taskUid: number } })).status).toBe(
        'succeeded',
      );
      expect((await call('GET', `/indexes/${uid}/documents`)).body.results).toEqual([
        { id: '1', name: 'a, "b"', price: 3.5, ok: true, empty: null },
        { id: '2', name: null, price: null, ok: false, empty: null },
      ]);
      const bad = await fetch(`${h.url}/indexes/${uid}/documents?csvDelimiter=;;`, {
        method: 'POST',
        headers: { authorization: `Bearer ${h.masterKey}`, 'content-type': 'text/csv' },
        body: 'id\n1\n',
      });
      expect(bad.status).toBe(400);
      expect(((await bad.json()) as { code: string }).code).toBe('invalid_document_csv_delimiter');
      expect(
        await call('POST', `/indexes/${uid}/documents?csvDelimiter=;`, [{ id: 3 }]),
      ).toMatchObject({ status: 415, body: { code: 'invalid_content_type' } });
    });

    it('lists batches and fields', async () => {
      const uid = uniqueIndex('fields');
      await withDocs(uid, [{ id: 1, a: { b: 1 }, tags: [{ x: 1 }] }]);
      const batches = await call('GET', '/batches?limit=1');
      expect(batches.status).toBe(200);
      const batch = batches.body.results[0];
      expect(batch).toMatchObject({
        progress: null,
        stats: {
          totalNbTasks: 1,
          status: { succeeded: 1 },
          types: { documentAdditionOrUpdate: 1 },
          indexUids: { [uid]: 1 },
        },
      });
      expect((await call('GET', `/batches/${batch.uid}`)).body.uid).toBe(batch.uid);
      expect(await call('GET', '/batches/999999')).toMatchObject({
        status: 404,
        body: { code: 'batch_not_found' },
      });
      await done(
        await call('PATCH', `/indexes/${uid}/settings`, {
          filterableAttributes: ['a.b'],
          sortableAttributes: ['id'],
          rankingRules: ['id:desc', 'words'],
        }),
      );
      const fields = await call('POST', `/indexes/${uid}/fields`, {});
      expect(fields.body).toMatchObject({ offset: 0, limit: 20, total: 5 });
      expect(fields.body.results.map((f: { name: string }) => f.name)).toEqual([
        'a',
        'a.b',
        'id',
        'tags',
        'tags.x',
      ]);
      expect(fields.body.results[1]).toEqual({
        name: 'a.b',
        displayed: { enabled: true },
        searchable: { enabled: true },
        sortable: { enabled: false },
        distinct: { enabled: false },
        rankingRule: { enabled: false },
        filterable: {
          enabled: true,
          sortBy: 'alpha',
          facetSearch: true,
          equality: true,
          comparison: true,
        },
        localized: { locales: [] },
      });
      expect(fields.body.results[2]).toMatchObject({
        name: 'id',
        sortable: { enabled: true },
        rankingRule: { enabled: true, order: 'desc' },
      });
      const filtered = await call('POST', `/indexes/${uid}/fields`, {
        filter: { filterable: true },
      });
      expect(filtered.body.results.map((f: { name: string }) => f.name)).toEqual(['a.b']);
    });
  });

  describe('webhooks', () => {
    it('are created, shown with the authorization cut short, changed and deleted; nothing goes to loopback', async () => {
      const received: string[] = [];
      const { createServer } = await import('node:http');
      const server = createServer((req, res) => {
        received.push(req.url ?? '');
        res.end();
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
      const port = (server.address() as { port: number }).port;
      try {
        const created = await call('POST', '/webhooks', {
          url: `http://127.0.0.1:${port}/hook`,
          headers: { authorization: 'secret-token-123', 'x-a': 'b' },
        });
        expect(created).toMatchObject({
          status: 201,
          body: {
            isEditable: true,
            url: `http://127.0.0.1:${port}/hook`,
            headers: { authorization: 'seXXXX...', 'x-a': 'b' },
          },
        });
        const { uuid } = created.body;
        expect(
          (await call('GET', '/webhooks')).body.results.map((w: { uuid: string }) => w.uuid),
        ).toContain(uuid);
        expect(
          await call('PATCH', `/webhooks/${uuid}`, {
            headers: { 'x-a': null, authorization: 'Bearer a-much-longer-secret-token-here' },
          }),
        ).toMatchObject({
          status: 200,
          body: { headers: { authorization: 'Bearer a-mucXXXXXX...' } },
        });
        expect(await call('POST', '/webhooks', { url: 'nope' })).toMatchObject({
          status: 400,
          body: {
            code: 'invalid_webhook_url',
            message: 'Invalid URL `nope`: relative URL without a base',
          },
        });
        expect(await call('GET', '/webhooks/zz')).toMatchObject({
          status: 400,
          body: { code: 'invalid_webhook_uuid' },
        });
        await done(await call('POST', '/indexes', { uid: uniqueIndex('hooked') }));
        await new Promise((r) => setTimeout(r, 300));
        expect(received).toEqual([]);
        expect((await call('DELETE', `/webhooks/${uuid}`)).status).toBe(204);
        expect(await call('GET', `/webhooks/${uuid}`)).toMatchObject({
          status: 404,
          body: { code: 'webhook_not_found' },
        });
      } finally {
        server.close();
      }
    });
  });

  describe('chat workspaces', () => {
    it('are refused while the feature is off, then created, shown with the key cut short, reset and deleted', async () => {
      expect(await call('GET', '/chats')).toMatchObject({
        status: 400,
        body: {
          code: 'feature_not_enabled',
          message:
            'listing the chats requires enabling the `chat completions` experimental feature. See https://github.com/orgs/meilisearch/discussions/835',
        },
      });
      // The body is read before the feature is looked at.
      expect(await call('PATCH', '/chats/w/settings', { zz: 1 })).toMatchObject({
        status: 400,
        body: { code: 'bad_request', message: expect.stringMatching(/^Unknown field `zz`/) },
      });
      await call('PATCH', '/experimental-features', { chatCompletions: true });
      try {
        expect(await call('GET', '/chats/w/settings')).toMatchObject({
          status: 404,
          body: { code: 'chat_not_found', message: 'Chat `w` not found' },
        });
        const set = await call('PATCH', '/chats/w/settings', {
          apiKey: 'sk-test-placeholder-api-key',
          baseUrl: 'https://llm.example',
          prompts: { system: 'S' },
        });
        expect(set).toMatchObject({
          status: 200,
          body: {
            source: 'openAi',
            orgId: null,
            baseUrl: 'https://llm.example',
            apiKey: 'sk-XXXXX...',
            prompts: { system: 'S' },
          },
        });
        expect(Object.keys(set.body.prompts)).toEqual([
          'system',
          'searchDescription',
          'searchQParam',
          'searchFilterParam',
          'searchIndexUidParam',
        ]);
        expect((await call('GET', '/chats/w/settings')).body).toEqual(set.body);
        expect((await call('GET', '/chats')).body).toEqual({
          results: [{ uid: 'w' }],
          offset: 0,
          limit: 20,
          total: 1,
        });
        expect(await call('GET', '/chats/w')).toMatchObject({ status: 200, body: { uid: 'w' } });
        for (const [body, code, message] of [
          [
            { source: 'vLlm', baseUrl: null },
            'bad_request',
            'vLlm requires setting a valid `baseUrl`',
          ],
          [
            { source: 'bad' },
            'bad_request',
            'Unknown value `bad` at `.source`: expected one of `openAi`, `mistral`, `azureOpenAi`, `vLlm`',
          ],
          [
            { orgId: 1 },
            'invalid_chat_completion_org_id',
            'Invalid value type at `.orgId`: expected a string, but found a positive integer: `1`',
          ],
          [
            { prompts: { system: 1 } },
            'invalid_chat_completion_system_prompt',
            'Invalid value type at `.prompts.system`: expected a string, but found a positive integer: `1`',
          ],
        ] as const)
          expect(await call('PATCH', '/chats/w/settings', body)).toMatchObject({
            status: 400,
            body: { code, message },
          });
        const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello' }] };
        expect(await call('POST', '/chats/w/chat/completions', chat)).toMatchObject({
          status: 501,
          body: { code: 'unimplemented_non_streaming_chat_completions' },
        });
        const tools = [{ type: 'function', function: { name: 'lookup' } }];
        expect(
          await call('POST', '/chats/w/chat/completions', { ...chat, stream: true, tools }),
        ).toMatchObject({
          status: 501,
          body: {
            code: 'unimplemented_external_function_calling',
            message: 'lookup: External functions are not supported yet.',
          },
        });
        // No provider answers here (`.example` never resolves): both engines stream one error event.
        const stream = await fetch(`${h.url}/chats/w/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${h.masterKey}`, 'content-type': 'application/json' },
          body: JSON.stringify({ ...chat, stream: true }),
        });
        expect(stream.headers.get('content-type')).toBe('text/event-stream');
        const events = (await stream.text()).split('\n').filter((l) => l.startsWith('data: '));
        expect(events.at(-1)).toBe('data: [DONE]');
        expect(events.slice(0, -1).map((e) => JSON.parse(e.slice(6)).type)).toEqual(['error']);
        const reset = await call('DELETE', '/chats/w/settings');
        expect(reset.body).toMatchObject({ apiKey: null, baseUrl: null });
        expect(reset.body.prompts.system).toMatch(/^You are a highly capable research assistant/);
        expect((await call('GET', '/chats')).body.results).toEqual([{ uid: 'w' }]);
        expect((await call('DELETE', '/chats/w')).status).toBe(204);
        expect(await call('DELETE', '/chats/w')).toMatchObject({
          status: 404,
          body: { code: 'chat_not_found', message: 'chat w not found' },
        });
      } finally {
        await call('PATCH', '/experimental-features', { chatCompletions: false });
      }
    });
  });

  describe('settings', () => {
    it('shows every setting in order, keeps granular filterable attributes and merges sortFacetValuesBy', async () => {
      const uid = uniqueIndex('settings');
      await done(await call('POST', '/indexes', { uid }));
      const defaults = await call('GET', `/indexes/${uid}/settings`);
      expect(Object.keys(defaults.body)).toEqual([
        'displayedAttributes',
        'searchableAttributes',
        'filterableAttributes',
        'sortableAttributes',
        'rankingRules',
        'stopWords',
        'nonSeparatorTokens',
        'separatorTokens',
        'dictionary',
        'synonyms',
        'distinctAttribute',
        'proximityPrecision',
        'typoTolerance',
        'faceting',
        'pagination',
        'embedders',
        'searchCutoffMs',
        'localizedAttributes',
        'facetSearch',
        'prefixSearch',
      ]);
      expect(defaults.body.faceting).toEqual({
        maxValuesPerFacet: 100,
        sortFacetValuesBy: { '*': 'alpha' },
      });
      const filterable = [
        {
          attributePatterns: ['genre*'],
          features: { facetSearch: true, filter: { equality: true, comparison: false } },
        },
        'year',
        { attributePatterns: ['tag'] },
      ];
      const task = await done(
        await call('PATCH', `/indexes/${uid}/settings`, {
          filterableAttributes: filterable,
          faceting: { sortFacetValuesBy: { year: 'count' } },
          sortableAttributes: ['b', 'a'],
        }),
      );
      expect(task.status).toBe('succeeded');
      const { body } = await call('GET', `/indexes/${uid}/settings`);
      expect(body.filterableAttributes).toEqual([
        filterable[0],
        'year',
        {
          attributePatterns: ['tag'],
          features: { facetSearch: false, filter: { equality: true, comparison: false } },
        },
      ]);
      expect(body.faceting.sortFacetValuesBy).toEqual({ '*': 'alpha', year: 'count' });
      expect(body.sortableAttributes).toEqual(['a', 'b']);
      await done(
        await call('POST', `/indexes/${uid}/documents`, [
          { id: 1, genre: 'drama', tag: 'x', year: 2000 },
        ]),
      );
      expect(
        (await call('POST', `/indexes/${uid}/facet-search`, { facetName: 'genre' })).status,
      ).toBe(200);
      expect(
        await call('POST', `/indexes/${uid}/facet-search`, { facetName: 'tag' }),
      ).toMatchObject({ status: 400, body: { code: 'invalid_facet_search_facet_name' } });
      expect(
        (await call('POST', `/indexes/${uid}/search`, { filter: 'tag = x' })).body.hits,
      ).toHaveLength(1);
    });

    it('keeps embedders as given, their API key cut short, composite behind its feature', async () => {
      const uid = uniqueIndex('embedders');
      const embedder = {
        source: 'openAi',
        apiKey: '<your-OpenAI-API-key>',
        model: 'text-embedding-3-small',
        dimensions: 1536,
        documentTemplate: '{{doc.title}}',
      };
      expect(
        (
          await done(
            await call('PATCH', `/indexes/${uid}/settings/embedders`, { default: embedder }),
          )
        ).status,
      ).toBe('succeeded');
      expect((await call('GET', `/indexes/${uid}/settings/embedders`)).body).toEqual({
        default: { ...embedder, apiKey: '<yoXXXXX...', documentTemplateMaxBytes: 400 },
      });
      expect(
        await call('PATCH', `/indexes/${uid}/settings/embedders`, { c: { source: 'composite' } }),
      ).toMatchObject({ status: 400, body: { code: 'feature_not_enabled' } });
      await done(await call('PATCH', `/indexes/${uid}/settings/embedders`, { default: null }));
      expect((await call('GET', `/indexes/${uid}/settings/embedders`)).body).toEqual({});
    });

    it('refuses bad settings when the request comes, with Meilisearch messages', async () => {
      const uid = uniqueIndex('badsettings');
      expect(await call('PATCH', `/indexes/${uid}/settings`, { searchCutoffMs: -1 })).toMatchObject(
        {
          status: 400,
          body: {
            code: 'invalid_settings_search_cutoff_ms',
            message:
              'Invalid value type at `.searchCutoffMs`: expected a positive integer, but found a negative integer: `-1`',
          },
        },
      );
      expect(await call('PUT', `/indexes/${uid}/settings/search-cutoff-ms`, -1)).toMatchObject({
        status: 400,
        body: {
          message:
            'Invalid value type: expected a positive integer, but found a negative integer: `-1`',
        },
      });
      expect(
        await call('PATCH', `/indexes/${uid}/settings/typo-tolerance`, { enabled: 3 }),
      ).toMatchObject({
        status: 400,
        body: {
          code: 'invalid_settings_typo_tolerance',
          message:
            'Invalid value type at `.enabled`: expected a boolean, but found a positive integer: `3`',
        },
      });
      expect(
        await call('PATCH', `/indexes/${uid}/settings`, {
          faceting: { sortFacetValuesBy: { a: 'zz' } },
        }),
      ).toMatchObject({ status: 400, body: { code: 'invalid_settings_faceting' } });
      expect(await call('PATCH', `/indexes/${uid}/settings`, { foreignKeys: [] })).toMatchObject({
        status: 400,
        body: { code: 'feature_not_enabled' },
      });
      expect(
        await call('PATCH', `/indexes/${uid}/settings/chat`, { description: 'x' }),
      ).toMatchObject({ status: 400, body: { code: 'feature_not_enabled' } });
      await done(await call('POST', '/indexes', { uid }));
      expect((await call('GET', `/indexes/${uid}/settings/chat`)).body).toMatchObject({
        description: '',
        documentTemplateMaxBytes: 400,
        searchParameters: {},
      });
      const unknown = await call('PATCH', `/indexes/${uid}/settings`, { zzz: 1 });
      expect(unknown).toMatchObject({ status: 400, body: { code: 'bad_request' } });
      expect(unknown.body.message).toContain('`prefixSearch`, `chat`');
    });
  });
});

describe('meili-local across a restart', () => {
  it('keeps the experimental features, as Meilisearch does', async () => {
    const { mkdtempSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { startMeiliLocal } = await import('../../../meili-local/server.ts');
    const dbPath = mkdtempSync(join(tmpdir(), 'features-'));
    const options = {
      httpAddr: '127.0.0.1:0',
      dbPath,
      masterKey: 'features-master-key-0123456789',
      logLevel: 'silent' as const,
    };
    const patch = async (url: string, body?: unknown) =>
      (
        await fetch(`${url}/experimental-features`, {
          method: body ? 'PATCH' : 'GET',
          headers: {
            authorization: `Bearer ${options.masterKey}`,
            'content-type': 'application/json',
          },
          body: body ? JSON.stringify(body) : undefined,
        })
      ).json() as Promise<Record<string, boolean>>;
    try {
      const first = await startMeiliLocal(options);
      expect((await patch(first.url, { getTaskDocumentsRoute: true })).getTaskDocumentsRoute).toBe(
        true,
      );
      await first.close();
      const second = await startMeiliLocal(options);
      const features = await patch(second.url);
      await second.close();
      expect(features).toMatchObject({
        getTaskDocumentsRoute: true,
        editDocumentsByFunction: false,
      });
    } finally {
      rmSync(dbPath, { recursive: true, force: true });
    }
  });
});
