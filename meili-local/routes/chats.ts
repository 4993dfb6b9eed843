/**
 * Chat workspaces (`/chats`, behind the `chatCompletions` experimental feature), as Meilisearch 1.50 has
 * them: settings CRUD with its defaults, validation and errors, the API key shown cut short.
 * A completion needs an LLM provider and the conversation loop that feeds it searches; meili-local has
 * neither. It checks the request as Meilisearch does and then answers Meilisearch's stream with one error
 * event that says so (Meilisearch answers the same stream, with its provider's error, when the provider
 * cannot be reached). No completion is ever made up.
 */
import { randomUUID } from 'node:crypto';
import { MeiliError, describeValue } from '../errors.ts';
import { assertIndexUid, type ChatWorkspace, type Engine } from '../engine.ts';
import { hideSecret } from '../secrets.ts';
import { featureNotEnabled, object, onlyKeys, typeError } from '../settings.ts';
import { RawBody, type Route, asObject, paginateList } from './http.ts';

const FEATURE = {
  label: 'chat completions',
  link: 'https://github.com/orgs/meilisearch/discussions/835',
};

function checkFeature(engine: Engine, action: string): void {
  if (!engine.features.chatCompletions) throw featureNotEnabled(action, FEATURE);
}

const SOURCES = ['openAi', 'mistral', 'azureOpenAi', 'vLlm'];

/** The string settings of a workspace, each with the error code of a value of the wrong type. */
const STRING_FIELDS: Record<string, string> = {
  orgId: 'invalid_chat_completion_org_id',
  projectId: 'invalid_chat_completion_project_id',
  apiVersion: 'invalid_chat_completion_api_version',
  deploymentId: 'invalid_chat_completion_deployment_id',
  baseUrl: 'invalid_chat_completion_base_api',
  apiKey: 'invalid_chat_completion_api_key',
};

/** The prompts, each with its default (Meilisearch's own) and the error code of a wrong value. */
const PROMPTS: Record<string, { code: string; default: string }> = {
  system: {
    code: 'invalid_chat_completion_system_prompt',
    default:
      'You are a highly capable research assistant with access to powerful search tools. IMPORTANT INSTRUCTIONS:1. When answering questions, you MUST make multiple tool calls (at least 2-3) to gather comprehensive information.2. Use different search queries for each tool call - vary keywords, rephrase questions, and explore different semantic angles to ensure broad coverage.3. Always explicitly announce BEFORE making each tool call by saying: "I\'ll search for [specific information] now."4. Combine information from ALL tool calls to provide complete, nuanced answers rather than relying on a single source.5. For complex topics, break down your research into multiple targeted queries rather than using a single generic search. Meilisearch doesn\'t use the colon (:) syntax to filter but rather the equal (=) one. Separate filters from query and keep the q parameter empty if needed. Same for the filter parameter: keep it empty if need be. If you need to find documents that CONTAINS keywords simply put the keywords in the q parameter do no use a filter for this purpose. Whenever you get an error, read the error message and fix your error. ',
  },
  searchDescription: {
    code: 'invalid_chat_completion_search_description_prompt',
    default:
      'Query: \'best story about Rust before 2018\' with year: 2018, 2020, 2021\nlabel: analysis, golang, javascript\ntype: story, link\nvote: 300, 298, 278\n: {"q": "", "filter": "category = Rust AND type = story AND year < 2018 AND vote > 100"}\nQuery: \'A black or green car that can go fast with red brakes\' with maxspeed_kmh: 200, 150, 130\ncolor: black, grey, red, green\nbrand: Toyota, Renault, Jeep, Ferrari\n: {"q": "red brakes", "filter": "maxspeed_kmh > 150 AND color IN [\'black\', green]"}\nQuery: \'Superman movie released in 2018 or after\' with year: 2018, 2020, 2021\ngenres: Drama, Comedy, Adventure, Fiction\n: {"q":"Superman","filter":"genres IN [Adventure, Fiction] AND year >= 2018"}',
  },
  searchQParam: {
    code: 'invalid_chat_completion_search_query_param_prompt',
    default:
      'The search query string used to find relevant documents in the index. This should contain keywords or phrases that best represent what the user is looking for. More specific queries will yield more precise results.',
  },
  searchFilterParam: {
    code: 'invalid_chat_completion_search_filter_param_prompt',
    default:
      'The search filter string used to find relevant documents in the index. It supports parentheses, `=`, `!=`, `>=`, `>`, `<=`, `<`, `IN`, `NOT IN`, `TO`, `EXISTS`, `NOT EXISTS`, `IS NULL`, `IS NOT NULL`, `IS EMPTY`, `IS NOT EMPTY`, `_geoRadius`, or `_geoBoundingBox`. Here is an example: "price > 100 AND category = \'electronics\'". The following is a list of fields that can be filtered on: ',
  },
  searchIndexUidParam: {
    code: 'invalid_chat_completion_search_index_uid_param_prompt',
    default:
      'The name of the index to search within. An index is a collection of documents organized for search. Selecting the right index ensures the most relevant results for the user query.',
  },
};

const defaultPrompts = (): Record<string, string> =>
  Object.fromEntries(Object.entries(PROMPTS).map(([name, p]) => [name, p.default]));

function defaultWorkspace(): ChatWorkspace {
  return {
    source: 'openAi',
    orgId: null,
    projectId: null,
    apiVersion: null,
    deploymentId: null,
    baseUrl: null,
    apiKey: null,
    prompts: defaultPrompts(),
  };
}

const badRequest = (message: string) => new MeiliError(400, 'bad_request', message);

/** A PATCH body applied to `current`: a missing field is kept, `null` resets it, a value sets it. */
function patchWorkspace(current: ChatWorkspace, body: Record<string, unknown>): ChatWorkspace {
  const next: ChatWorkspace = { ...current, prompts: { ...current.prompts } };
  const fields = ['source', ...Object.keys(STRING_FIELDS), 'prompts'];
  for (const [field, value] of Object.entries(body)) {
    if (!fields.includes(field)) onlyKeys('', { [field]: value }, fields, badRequest);
    if (field === 'source') {
      if (value === null) next.source = 'openAi';
      else if (typeof value !== 'string') throw badRequest(typeError('.source', 'a string', value));
      else if (!SOURCES.includes(value))
        throw badRequest(
          `Unknown value \`${value}\` at \`.source\`: expected one of ${SOURCES.map((s) => `\`${s}\``).join(', ')}`,
        );
      else next.source = value;
    } else if (field === 'prompts') {
      if (value === null) next.prompts = defaultPrompts();
      else {
        const prompts = object('.prompts', value, badRequest);
        for (const [name, prompt] of Object.entries(prompts)) {
          const spec = PROMPTS[name];
          if (!spec) onlyKeys('.prompts', { [name]: prompt }, Object.keys(PROMPTS), badRequest);
          else if (prompt === null) next.prompts[name] = spec.default;
          else if (typeof prompt !== 'string')
            throw new MeiliError(400, spec.code, typeError(`.prompts.${name}`, 'a string', prompt));
          else next.prompts[name] = prompt;
        }
      }
    } else {
      const key = field as keyof typeof STRING_FIELDS & keyof ChatWorkspace;
      if (value !== null && typeof value !== 'string')
        throw new MeiliError(
          400,
          STRING_FIELDS[field] as string,
          typeError(`.${field}`, 'a string', value),
        );
      (next as unknown as Record<string, string | null>)[key] = value;
    }
  }
  return next;
}

/** What Meilisearch requires of some providers before it stores their settings. */
function validate(workspace: ChatWorkspace): void {
  if (
    workspace.source === 'azureOpenAi' &&
    (workspace.baseUrl === null || workspace.deploymentId === null || workspace.apiVersion === null)
  )
    throw badRequest(
      'azureOpenAi requires setting a valid `baseUrl`, `deploymentId`, and `apiVersion`',
    );
  if (workspace.source === 'vLlm' && workspace.baseUrl === null)
    throw badRequest('vLlm requires setting a valid `baseUrl`');
}

function view(workspace: ChatWorkspace): ChatWorkspace {
  return workspace.apiKey === null
    ? workspace
    : { ...workspace, apiKey: hideSecret(workspace.apiKey) };
}

function workspaceOf(engine: Engine, uid: string): ChatWorkspace {
  const workspace = engine.chatWorkspaces[uid];
  if (!workspace) throw new MeiliError(404, 'chat_not_found', `Chat \`${uid}\` not found`);
  return workspace;
}

/** Meilisearch's own tools, which a client may list; any other tool is refused. */
const CLIENT_TOOLS = [
  '_meiliSearchProgress',
  '_meiliAppendConversationMessage',
  '_meiliSearchSources',
];
const SEARCH_TOOL = '_meiliSearchInIndex';

/** The request's shape as Meilisearch's JSON extractor checks it (`model` and `messages` required). */
function checkCompletionRequest(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    throw badRequest(
      `Json deserialize error: invalid type: ${describeValue(body)}, expected struct CreateChatCompletionRequest`,
    );
  const request = body as Record<string, unknown>;
  for (const field of ['model', 'messages'])
    if (!(field in request))
      throw badRequest(
        `Json deserialize error: missing field \`${field}\` at line 1 column ${JSON.stringify(body).length}`,
      );
  return request;
}

function checkTools(tools: unknown): void {
  if (!Array.isArray(tools)) return;
  for (const tool of tools) {
    const name = (tool as { function?: { name?: unknown } })?.function?.name;
    if (name === SEARCH_TOOL) throw badRequest(`${SEARCH_TOOL} function is already defined.`);
    if (typeof name === 'string' && !CLIENT_TOOLS.includes(name))
      throw new MeiliError(
        501,
        'unimplemented_external_function_calling',
        `${name}: External functions are not supported yet.`,
      );
  }
}

/** Meilisearch's server-sent events: a retry hint, the events, then `[DONE]`. */
function eventStream(events: unknown[]): RawBody {
  const lines = ['retry: 10000', '', ...events.flatMap((e) => [`data: ${JSON.stringify(e)}`, ''])];
  return new RawBody(`${[...lines, 'data: [DONE]', '', ''].join('\n')}`, 'text/event-stream');
}

export const chatRoutes: Route[] = [
  {
    method: 'GET',
    pattern: ['chats'],
    action: 'chats.get',
    handle: (engine, req) => {
      checkFeature(engine, 'listing the chats');
      for (const name of req.query.keys())
        if (name !== 'offset' && name !== 'limit')
          throw badRequest(`Unknown parameter \`${name}\`: expected one of \`offset\`, \`limit\``);
      const uids = Object.keys(engine.chatWorkspaces).sort();
      return [
        200,
        paginateList(
          uids.map((uid) => ({ uid })),
          req.query,
        ),
      ];
    },
  },
  {
    method: 'GET',
    pattern: ['chats', ':workspace'],
    action: 'chats.get',
    handle: (engine, _req, p) => {
      checkFeature(engine, 'displaying a chat');
      const uid = p.workspace as string;
      assertIndexUid(uid);
      if (!engine.chatWorkspaces[uid])
        throw new MeiliError(404, 'chat_not_found', `chat ${uid} not found`);
      return [200, { uid }];
    },
  },
  {
    method: 'DELETE',
    pattern: ['chats', ':workspace'],
    action: 'chats.delete',
    handle: async (engine, _req, p) => {
      checkFeature(engine, 'deleting a chat');
      const uid = p.workspace as string;
      if (!engine.chatWorkspaces[uid])
        throw new MeiliError(404, 'chat_not_found', `chat ${uid} not found`);
      await engine.setChatWorkspace(uid, null);
      return [204, null];
    },
  },
  {
    method: 'GET',
    pattern: ['chats', ':workspace', 'settings'],
    action: 'chatsSettings.get',
    handle: (engine, _req, p) => {
      checkFeature(engine, 'using the /chats/settings route');
      return [200, view(workspaceOf(engine, p.workspace as string))];
    },
  },
  {
    method: 'PATCH',
    pattern: ['chats', ':workspace', 'settings'],
    action: 'chatsSettings.update',
    handle: async (engine, req, p) => {
      // Meilisearch reads the body before it looks at the feature.
      const body = asObject(req.body);
      const uid = p.workspace as string;
      const current = engine.chatWorkspaces[uid] ?? defaultWorkspace();
      const next = patchWorkspace(current, body);
      checkFeature(engine, 'using the /chats/settings route');
      validate(next);
      await engine.setChatWorkspace(uid, next);
      return [200, view(next)];
    },
  },
  {
    method: 'DELETE',
    pattern: ['chats', ':workspace', 'settings'],
    action: 'chatsSettings.update',
    handle: async (engine, _req, p) => {
      checkFeature(engine, 'using the /chats/settings route');
      const uid = p.workspace as string;
      workspaceOf(engine, uid);
      const reset = defaultWorkspace();
      await engine.setChatWorkspace(uid, reset);
      return [200, reset];
    },
  },
  {
    method: 'POST',
    pattern: ['chats', ':workspace', 'chat', 'completions'],
    action: 'chatCompletions',
    handle: (engine, req, p) => {
      const request = checkCompletionRequest(req.body);
      checkFeature(engine, 'using the /chats chat completions route');
      const n = request.n;
      if (n !== undefined && n !== null && n !== 1)
        throw new MeiliError(
          501,
          'unimplemented_multi_choice_chat_completions',
          `You tried to specify n = ${String(n)} but only single choices are supported (n = 1).`,
        );
      if (request.stream !== true)
        throw new MeiliError(
          501,
          'unimplemented_non_streaming_chat_completions',
          'Non-streamed chat completions is not implemented',
        );
      const uid = p.workspace as string;
      workspaceOf(engine, uid);
      checkTools(request.tools);
      return [
        200,
        eventStream([
          {
            event_id: randomUUID(),
            type: 'error',
            error: {
              type: 'not_implemented',
              code: null,
              message: `meili-local does not run chat completions (it has no LLM client); use Meilisearch for /chats/${uid}/chat/completions.`,
              param: null,
              event_id: null,
            },
          },
        ]),
      ];
    },
  },
];
