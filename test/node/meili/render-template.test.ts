/**
 * `POST /render-template` on every engine: the same requests, the same answers (status and body), as
 * Meilisearch 1.50 gives them: inline and index documents, milli's way of printing values, the default
 * template with the index's searchable attributes, fragments, and the errors of each stage.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES, type Harness, startWithIndex } from './harness.ts';

const DOCUMENTS = [
  {
    id: 1,
    title: 'Главный врач',
    genre: 'drama',
    tags: ['a', 'b'],
    _vectors: { manual: [0.5, 1] },
  },
];

describe.each(ENGINES)('render-template on %s', (engine) => {
  let h: Harness & { uid: string };

  const render = async (body: unknown, key = h.masterKey): Promise<[number, unknown]> => {
    const res = await fetch(`${h.url}/render-template`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return [res.status, await res.json()];
  };
  const inline = (template: unknown, doc: unknown = { id: 'x' }) => ({
    template: { kind: 'inlineDocumentTemplate', inline: template },
    input: { kind: 'inlineDocument', inline: doc },
  });
  const error = (message: string, code: string) => ({
    message,
    code,
    type: 'invalid_request',
    link: `https://docs.meilisearch.com/errors#${code}`,
  });

  beforeAll(async () => {
    h = await startWithIndex(engine, 'render', DOCUMENTS, {
      searchableAttributes: ['title', 'tags'],
      embedders: { manual: { source: 'userProvided', dimensions: 2 } },
    });
  }, 120_000);
  afterAll(() => h?.close());

  it('is behind the renderRoute feature, checked after the body', async () => {
    expect(await render(inline('{{doc.id}}'))).toEqual([
      400,
      error(
        'calling the /render-template route requires enabling the `render_route` experimental feature. See https://github.com/orgs/meilisearch/discussions/888',
        'feature_not_enabled',
      ),
    ]);
    expect(await render({ template: { kind: 'nope' } })).toEqual([
      400,
      error(
        'Unknown value `nope` at `.template.kind`: expected one of `documentTemplate`, `chatDocumentTemplate`, `indexingFragment`, `searchFragment`, `inlineDocumentTemplate`, `inlineFragment`',
        'invalid_render_template',
      ),
    ]);
    await h.client.updateExperimentalFeatures({ renderRoute: true });
  });

  it('renders an inline template with an inline document, printing values as milli does', async () => {
    // An object prints as its keys and values; the real engine's key order changes from run to run.
    const doc = { arr: [1, 'b', [2, 3]], obj: { k: 1 }, n: 3, f: 1.5, b: true, z: null };
    const template =
      '{{doc.arr}}|{{doc.obj}}|{{doc.n}}|{{doc.f}}|{{doc.b}}|{{doc.z}}|{{doc.arr.size}}';
    expect(await render(inline(template, doc))).toEqual([
      200,
      { template, rendered: '1b23|k1|3|1.5|true||3' },
    ]);
    const fields = '{% for f in fields %}{{f.name}}={{f.value}}/{{f.is_searchable}};{% endfor %}';
    expect(await render(inline(fields, { b: 1, a: 'x' }))).toEqual([
      200,
      { template: fields, rendered: 'b=1/true;a=x/true;' },
    ]);
    expect(await render({ template: { kind: 'inlineDocumentTemplate', inline: 'x' } })).toEqual([
      200,
      { template: 'x', rendered: null },
    ]);
  });

  it("renders an index's document with the default template and its searchable attributes", async () => {
    const template =
      '{% for field in fields %}{% if field.is_searchable and field.value != nil %}{{ field.name }}: {{ field.value }}\n{% endif %}{% endfor %}';
    expect(
      await render({
        template: { kind: 'inlineDocumentTemplate', inline: template },
        input: { kind: 'indexDocument', indexUid: h.uid, id: '1' },
      }),
    ).toEqual([200, { template, rendered: 'title: Главный врач\ntags: ab\n' }]);
  });

  it('answers the errors of each stage with their codes', async () => {
    expect(await render(inline('{{doc.o.x}}', { o: { z: 1, y: 2 } }))).toEqual([
      400,
      error(
        'error while rendering template: user error: missing field in document: liquid: Unknown index\n  with:\n    variable=doc.o\n    requested index=x\n    available indexes=z, y\n',
        'template_rendering_error',
      ),
    ]);
    expect(await render(inline(5))).toEqual([
      400,
      error(
        'error while fetching template: inline document templates must be strings',
        'invalid_render_template',
      ),
    ]);
    expect(
      await render({ template: { kind: 'inlineDocumentTemplate', inline: 'x', embedder: 'e' } }),
    ).toEqual([
      400,
      error(
        'error while fetching template: parameter `embedder` disallowed for kind `inlineDocumentTemplate`',
        'invalid_render_template',
      ),
    ]);
    expect(
      await render({ template: { kind: 'documentTemplate', indexUid: h.uid, embedder: 'manual' } }),
    ).toEqual([
      400,
      error(
        `error while fetching template: embedder \`manual\` in index \`${h.uid}\` does not use a document template.`,
        'invalid_render_template',
      ),
    ]);
    expect(
      await render({
        template: { kind: 'inlineDocumentTemplate', inline: 'x' },
        input: { kind: 'indexDocument', indexUid: h.uid, id: '404' },
      }),
    ).toEqual([
      404,
      error(
        `error while fetching input: document \`404\` not found in \`${h.uid}\``,
        'render_document_not_found',
      ),
    ]);
    expect(await render({ template: { kind: 'inlineFragment', inline: { a: '{{q}}' } } })).toEqual([
      400,
      error(
        'error while fetching template: rendering an inline fragment requires enabling the `multimodal` experimental feature. See https://github.com/orgs/meilisearch/discussions/846',
        'feature_not_enabled',
      ),
    ]);
    expect(await render(inline('x', [1]))).toEqual([
      400,
      error(
        'error while fetching input: parsing inline document: invalid type: sequence, expected a map at line 1 column 0\n  - Note: the inline document must be a JSON map',
        'invalid_render_input',
      ),
    ]);
  });

  it('renders fragments (multimodal): each string of the JSON value, with a document or a search', async () => {
    await h.client.updateExperimentalFeatures({ multimodal: true });
    const fragment = { a: '{{q}}!', b: [1, '{{media.x}}'], c: 5 };
    expect(
      await render({
        template: { kind: 'inlineFragment', inline: fragment },
        input: { kind: 'inlineSearch', inline: { q: 'hi', media: { x: [2] } } },
      }),
    ).toEqual([200, { template: fragment, rendered: { a: 'hi!', b: [1, '2'], c: 5 } }]);
    expect(
      await render({
        template: { kind: 'inlineFragment', inline: { t: '{{doc.title}}' } },
        input: { kind: 'indexDocument', indexUid: h.uid, id: '1' },
      }),
    ).toEqual([200, { template: { t: '{{doc.title}}' }, rendered: { t: 'Главный врач' } }]);
    expect(
      await render({
        template: { kind: 'inlineFragment', inline: { a: ['{{doc.zz}}'] } },
        input: { kind: 'inlineDocument', inline: { t: 'x' } },
      }),
    ).toEqual([
      400,
      error(
        'error while rendering template: in ``.a[0]``, error while rendering template: liquid: Unknown index\n  with:\n    variable=doc\n    requested index=zz\n    available indexes=t\n',
        'template_rendering_error',
      ),
    ]);
    expect(
      await render({
        template: { kind: 'inlineDocumentTemplate', inline: 'x' },
        input: { kind: 'inlineSearch', inline: { q: 'x' } },
      }),
    ).toEqual([
      400,
      error(
        'error while rendering template: cannot render a document template with a search query',
        'template_rendering_error',
      ),
    ]);
    expect(
      await render({
        template: { kind: 'indexingFragment', indexUid: h.uid, embedder: 'manual', fragment: 'f' },
      }),
    ).toEqual([
      400,
      error(
        `error while fetching template: embedder \`manual\` in index \`${h.uid}\` does not use fragments.`,
        'invalid_render_template',
      ),
    ]);
    await h.client.updateExperimentalFeatures({ multimodal: false });
  });

  it("refuses a key that cannot see the template's index", async () => {
    const key = await h.client.createKey({
      actions: ['settings.get', 'documents.get'],
      indexes: ['other'],
      expiresAt: null,
    });
    const body = {
      template: { kind: 'inlineDocumentTemplate', inline: 'x' },
      input: { kind: 'indexDocument', indexUid: h.uid, id: '1' },
    };
    expect(await render(body, key.key)).toEqual([
      403,
      {
        message: 'The provided API key is invalid.',
        code: 'invalid_api_key',
        type: 'auth',
        link: 'https://docs.meilisearch.com/errors#invalid_api_key',
      },
    ]);
    expect((await render({ template: body.template }, key.key))[0]).toBe(200);
  });
});
