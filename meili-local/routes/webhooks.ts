/**
 * Webhooks: URLs (with headers) that get every finished task, as gzipped NDJSON, like Meilisearch's.
 * At most 20 webhooks and 200 headers each; `authorization` values are shown cut short.
 */
import { randomUUID } from 'node:crypto';
import { MeiliError } from '../errors.ts';
import type { Webhook } from '../engine.ts';
import { hideSecret } from '../secrets.ts';
import { type Route, asObject } from './http.ts';

function view(uuid: string, webhook: Webhook): Record<string, unknown> {
  const headers = Object.fromEntries(
    Object.entries(webhook.headers).map(([name, value]) => [
      name,
      name.toLowerCase() === 'authorization'
        ? hideSecret(value, value.startsWith('Bearer ') ? 7 : 0)
        : value,
    ]),
  );
  return { uuid, isEditable: true, url: webhook.url, headers };
}

const UUID = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;

function uuidParam(text: string): string {
  if (!UUID.test(text)) {
    const bad = [...text].findIndex((c) => !/[0-9a-fA-F-]/.test(c));
    const message =
      bad >= 0
        ? `invalid character: found \`${text[bad]}\` at ${bad}`
        : `invalid length: found ${text.replaceAll('-', '').length}`;
    throw new MeiliError(400, 'invalid_webhook_uuid', `Invalid UUID: ${message}`);
  }
  const hex = text.replaceAll('-', '').toLowerCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const notFound = (uuid: string) =>
  new MeiliError(404, 'webhook_not_found', `Webhook \`${uuid}\` not found.`);

/** Apply a `{ url, headers }` body to `current` (null url: missing; null header: removed; null headers: cleared). */
function patch(uuid: string, current: Webhook, body: Record<string, unknown>): Webhook {
  for (const key of Object.keys(body)) {
    if (key === 'uuid' || key === 'isEditable')
      throw new MeiliError(
        400,
        key === 'uuid' ? 'immutable_webhook_uuid' : 'immutable_webhook_is_editable',
        `Immutable field \`${key}\`: expected one of \`url\`, \`headers\``,
      );
    if (key !== 'url' && key !== 'headers')
      throw new MeiliError(
        400,
        'bad_request',
        `Unknown field \`${key}\`: expected one of \`url\`, \`headers\``,
      );
  }
  if (body.url === null)
    throw new MeiliError(
      400,
      'invalid_webhook_url',
      `The URL for the webhook \`${uuid}\` is missing.`,
    );
  if (body.url !== undefined && typeof body.url !== 'string')
    throw new MeiliError(
      400,
      'invalid_webhook_url',
      `Invalid value type at \`.url\`: expected a string, but found ${JSON.stringify(body.url)}`,
    );
  const url = (body.url as string | undefined) ?? current.url;
  let headers = { ...current.headers };
  if (body.headers === null) headers = {};
  else if (body.headers !== undefined) {
    for (const [name, value] of Object.entries(asObject(body.headers, '`.headers`'))) {
      if (value === null) delete headers[name];
      else if (typeof value !== 'string')
        throw new MeiliError(
          400,
          'invalid_webhook_headers',
          `Invalid value type at \`.headers.${name}\`: expected a string, but found ${JSON.stringify(value)}`,
        );
      else headers[name] = value;
    }
  }
  if (Object.keys(headers).length > 200)
    throw new MeiliError(
      400,
      'invalid_webhook_headers',
      `Too many headers for the webhook \`${uuid}\`. Please limit the number of headers to 200. Hint: To remove an already defined header set its value to \`null\``,
    );
  if (url === '')
    throw new MeiliError(
      400,
      'invalid_webhook_url',
      `The URL for the webhook \`${uuid}\` is missing.`,
    );
  for (const name of Object.keys(headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name))
      throw new MeiliError(
        400,
        'invalid_webhook_headers',
        `Invalid header name \`${name}\`: invalid HTTP header name`,
      );
  }
  try {
    new URL(url);
  } catch {
    throw new MeiliError(
      400,
      'invalid_webhook_url',
      `Invalid URL \`${url}\`: relative URL without a base`,
    );
  }
  return { url, headers };
}

export const webhookRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ['webhooks'],
    action: 'webhooks.get',
    handle: (engine) => [
      200,
      { results: Object.entries(engine.webhooks).map(([uuid, w]) => view(uuid, w)) },
    ],
  },
  {
    method: 'POST',
    pattern: ['webhooks'],
    action: 'webhooks.create',
    handle: async (engine, req) => {
      const body = asObject(req.body);
      if (Object.keys(engine.webhooks).length >= 20) {
        throw new MeiliError(
          400,
          'invalid_webhooks',
          'Defining too many webhooks would crush the server. Please limit the number of webhooks to 20. You may use a third-party proxy server to dispatch events to more than 20 endpoints.',
        );
      }
      const uuid = randomUUID();
      const webhook = patch(uuid, { url: '', headers: {} }, body);
      await engine.setWebhook(uuid, webhook);
      return [201, view(uuid, webhook)];
    },
  },
  {
    method: 'GET',
    pattern: ['webhooks', ':uuid'],
    action: 'webhooks.get',
    handle: (engine, _req, p) => {
      const uuid = uuidParam(p.uuid as string);
      const webhook = engine.webhooks[uuid];
      if (!webhook) throw notFound(uuid);
      return [200, view(uuid, webhook)];
    },
  },
  {
    method: 'PATCH',
    pattern: ['webhooks', ':uuid'],
    action: 'webhooks.update',
    handle: async (engine, req, p) => {
      const uuid = uuidParam(p.uuid as string);
      const current = engine.webhooks[uuid];
      if (!current) throw notFound(uuid);
      const webhook = patch(uuid, current, asObject(req.body));
      await engine.setWebhook(uuid, webhook);
      return [200, view(uuid, webhook)];
    },
  },
  {
    method: 'DELETE',
    pattern: ['webhooks', ':uuid'],
    action: 'webhooks.delete',
    handle: async (engine, _req, p) => {
      const uuid = uuidParam(p.uuid as string);
      if (!engine.webhooks[uuid]) throw notFound(uuid);
      await engine.setWebhook(uuid, null);
      return [204, null];
    },
  },
];
