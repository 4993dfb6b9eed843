/**
 * The engine: indexes in memory, mirrored durably in the Store, changed only through tasks that are
 * processed one at a time in order (enqueued -> processing -> succeeded | failed | canceled).
 */
import { createHmac, randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { MeiliError, errors } from './errors.ts';
import { compileFilter, filterAttributes, parseFilter, type Document } from './filter.ts';
import { compileEdit, editError } from './edit-function.ts';
import { Index } from './index.ts';
import { checkFilterable } from './search.ts';
import { applySettings, upgradeSettings, type Settings } from './settings.ts';
import { applyRuleUpdate, type Rule, type RuleUpdate } from './rules.ts';
import { Store } from './store.ts';
import { checkDocumentVectors } from './vectors.ts';
import { dumpFiles, dumpUid, writeDump } from './dump.ts';
import { writeSnapshot } from './snapshot.ts';
import type { ApiKey, Task, TaskType } from './types.ts';

/** A webhook: where finished tasks are POSTed, and with which headers. */
export interface Webhook {
  url: string;
  headers: Record<string, string>;
}

/** A chat workspace's settings: which LLM provider, how to reach it, and the prompts (routes/chats.ts). */
export interface ChatWorkspace {
  source: string;
  orgId: string | null;
  projectId: string | null;
  apiVersion: string | null;
  deploymentId: string | null;
  baseUrl: string | null;
  apiKey: string | null;
  prompts: Record<string, string>;
}

export type TaskPayload =
  | {
      kind: 'addDocuments';
      documents: Document[];
      primaryKey?: string;
      merge: boolean;
      skipCreation?: boolean;
    }
  | { kind: 'deleteDocuments'; ids: string[] }
  | { kind: 'deleteByFilter'; filter: unknown }
  | { kind: 'deleteAll' }
  | { kind: 'editDocuments'; function: string; filter: unknown; context: unknown }
  | { kind: 'createIndex'; primaryKey: string | null }
  | { kind: 'updateIndex'; primaryKey: string | null; newUid?: string }
  | { kind: 'deleteIndex' }
  | { kind: 'settings'; settings: Record<string, unknown> }
  | { kind: 'swap'; swaps: Array<{ indexes: [string, string]; rename?: boolean }> }
  | { kind: 'cancelTasks'; uids: number[]; query: string }
  | { kind: 'deleteTasks'; uids: number[]; query: string }
  | { kind: 'dump' }
  | { kind: 'snapshot' }
  | { kind: 'ruleUpdate'; uid: string; update: RuleUpdate }
  | { kind: 'ruleDelete'; uid: string }
  | { kind: 'rulesClear' };

/** Where an engine keeps its database, and writes its dumps and snapshots. */
export interface EnginePaths {
  db: string;
  dumps: string;
  snapshots: string;
}

const INDEX_UID = /^[A-Za-z0-9_-]{1,400}$/;
const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

export function assertIndexUid(uid: string): void {
  if (!INDEX_UID.test(uid)) throw errors.invalidIndexUid(uid);
}

/**
 * How long an idle queue waits before it starts the task that woke it. Meilisearch's scheduler wakes at
 * once, but its batches take milliseconds to seconds (creation, LMDB writes, fsync), so a client always
 * sees a new task enqueued or processing first; meili-local applies a small task in well under a
 * millisecond, before the client's next request. This keeps that stage visible (`GET
 * /tasks/:uid/documents`, a client's first poll) and costs nothing once the queue is busy: tasks already
 * waiting run back to back.
 */
const TASK_PICKUP_MS = 25;

/**
 * Now, in RFC 3339 with microseconds (Meilisearch shows nanoseconds), strictly increasing: two tasks
 * enqueued in the same millisecond still compare in order, and a date taken before a request is before
 * the task it enqueues.
 */
let lastMicros = 0;
export function preciseNow(): string {
  const micros = Math.max(
    Math.floor((performance.timeOrigin + performance.now()) * 1000),
    lastMicros + 1,
  );
  lastMicros = micros;
  const base = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${base}${fraction ? `.${fraction}` : ''}Z`;
}

/** Microseconds since the epoch of an RFC 3339 date (or `YYYY-MM-DD`), keeping sub-millisecond digits. */
export function preciseTime(text: string): number {
  const match = /\.(\d+)/.exec(text);
  const whole = Date.parse(match ? text.replace(match[0], '') : text);
  const fraction = match ? Number(`${match[1] as string}000000`.slice(0, 6)) : 0;
  return whole * 1000 + fraction;
}

/** Is every address `url`'s host resolves to outside loopback, private, link-local and shared ranges? */
async function publicAddress(url: string): Promise<boolean> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  return addresses.every((address) => {
    if (isIP(address) === 4) {
      const [a = 0, b = 0] = address.split('.').map(Number);
      return !(
        a === 0 ||
        a === 10 ||
        a === 127 ||
        (a === 100 && b >= 64 && b < 128) ||
        (a === 169 && b === 254) ||
        (a === 172 && b >= 16 && b < 32) ||
        (a === 192 && b === 168) ||
        a >= 224
      );
    }
    const lower = address.toLowerCase();
    if (lower.startsWith('::ffff:')) return false;
    return !(lower === '::' || lower === '::1' || /^f[cd]/.test(lower) || /^fe[89ab]/.test(lower));
  });
}

function isoDuration(ms: number): string {
  return `PT${(ms / 1000).toFixed(6).replace(/\.?0+$/, '') || '0'}S`;
}

export class Engine {
  readonly indexes = new Map<string, Index>();
  readonly tasks = new Map<number, Task>();
  readonly keys = new Map<string, ApiKey>();
  /**
   * Meilisearch 1.50's experimental features, all off in a new database. Some change what meili-local does
   * (`editDocumentsByFunction`, `getTaskDocumentsRoute` open their routes, `foreignKeys` and `chatCompletions`
   * their settings); the others are only reported. Persisted, as Meilisearch does.
   */
  readonly features: Record<string, boolean> = {
    metrics: false,
    logsRoute: false,
    editDocumentsByFunction: false,
    containsFilter: false,
    dynamicSearchRules: false,
    network: false,
    getTaskDocumentsRoute: false,
    taskQueueCompactionRoute: false,
    compositeEmbedders: false,
    chatCompletions: false,
    multimodal: false,
    foreignKeys: false,
    disableDocumentsFetchQueue: false,
    legacySearch: false,
    renderRoute: false,
  };
  private readonly queue: number[] = [];
  private nextTaskUid = 0;
  private processing = false;
  private idleWaiters: Array<() => void> = [];

  private constructor(
    private readonly store: Store,
    private readonly paths: EnginePaths,
    readonly masterKey: string | undefined,
  ) {}

  /** Open (or create) the database at `paths.db` and load it into memory. */
  static async open(paths: EnginePaths, masterKey?: string): Promise<Engine> {
    const engine = new Engine(new Store(paths.db), paths, masterKey);
    engine.load();
    await engine.ensureDefaultKeys();
    engine.kick();
    return engine;
  }

  private load(): void {
    for (const { value } of this.store.indexes.getRange()) {
      const index = new Index(value.uid, value.createdAt);
      index.updatedAt = value.updatedAt;
      index.primaryKey = value.primaryKey;
      index.settings = upgradeSettings(value.settings);
      for (const { id, doc, docid } of this.store.documentsOf(value.uid)) {
        index.put(id, doc, docid);
        // A database from before internal ids were kept: keep the ones given now.
        if (docid === undefined) void this.store.docids.put([value.uid, id], index.docidOf(id));
      }
      index.settleDocids();
      this.indexes.set(value.uid, index);
    }
    for (const { value } of this.store.tasks.getRange()) {
      // A task caught mid-way by a crash is re-run: its effect was never committed.
      if (value.status === 'processing') value.status = 'enqueued';
      if (value.status === 'enqueued') this.queue.push(value.uid);
      this.tasks.set(value.uid, value);
      this.nextTaskUid = Math.max(this.nextTaskUid, value.uid + 1);
    }
    for (const { value } of this.store.keys.getRange()) this.keys.set(value.uid, value);
    const features = this.store.meta.get('features') as Record<string, boolean> | undefined;
    for (const [name, on] of Object.entries(features ?? {}))
      if (name in this.features) this.features[name] = on;
    Object.assign(
      this.webhooks,
      (this.store.meta.get('webhooks') as Record<string, Webhook> | undefined) ?? {},
    );
    const rules = (this.store.meta.get('dynamicSearchRules') as Rule[] | undefined) ?? [];
    for (const rule of rules) this.rules.set(rule.uid, rule);
    Object.assign(
      this.chatWorkspaces,
      (this.store.meta.get('chatWorkspaces') as Record<string, ChatWorkspace> | undefined) ?? {},
    );
  }

  /** Meilisearch derives a key's value from its uid and the master key. */
  keyValue(uid: string): string {
    return createHmac('sha256', this.masterKey ?? '')
      .update(uid)
      .digest('hex');
  }

  private async ensureDefaultKeys(): Promise<void> {
    if (!this.masterKey || this.keys.size > 0) return;
    // Meilisearch's four default keys, created in this order (the list shows the newest first).
    const defaults: Array<Omit<ApiKey, 'key' | 'createdAt' | 'updatedAt'>> = [
      {
        uid: randomUUID(),
        name: 'Default Chat API Key',
        description: 'Use it to chat and search from the frontend',
        actions: ['chatCompletions', 'search'],
        indexes: ['*'],
        expiresAt: null,
      },
      {
        uid: randomUUID(),
        name: 'Default Read-Only Admin API Key',
        description:
          'Use it to read information across the whole database. Caution! Do not expose this key on a public frontend',
        actions: ['*.get', 'keys.get'],
        indexes: ['*'],
        expiresAt: null,
      },
      {
        uid: randomUUID(),
        name: 'Default Admin API Key',
        description:
          'Use it for anything that is not a search operation. Caution! Do not expose it on a public frontend',
        actions: ['*'],
        indexes: ['*'],
        expiresAt: null,
      },
      {
        uid: randomUUID(),
        name: 'Default Search API Key',
        description: 'Use it to search from the frontend',
        actions: ['search'],
        indexes: ['*'],
        expiresAt: null,
      },
    ];
    const base = Date.now();
    await this.store.transaction(() => {
      defaults.forEach((key, i) => {
        const at = new Date(base + i).toISOString();
        const full: ApiKey = { ...key, key: '', createdAt: at, updatedAt: at };
        this.keys.set(full.uid, full);
        void this.store.keys.put(full.uid, full);
      });
    });
  }

  /** Resolve a key's value (as given in `Authorization`) to the key, or undefined. */
  keyByValue(value: string): ApiKey | undefined {
    for (const key of this.keys.values()) if (this.keyValue(key.uid) === value) return key;
    return undefined;
  }

  /** Webhooks by uuid, persisted. */
  readonly webhooks: Record<string, Webhook> = {};

  /** Create, replace or (null) remove a webhook, durably. */
  async setWebhook(uuid: string, webhook: Webhook | null): Promise<void> {
    if (webhook) this.webhooks[uuid] = webhook;
    else delete this.webhooks[uuid];
    const snapshot = { ...this.webhooks };
    await this.store.transaction(() => void this.store.meta.put('webhooks', snapshot));
  }

  /**
   * Dynamic search rules by uid, in creation order (the order milli breaks precedence ties in), persisted
   * with the task that changes them.
   */
  readonly rules = new Map<string, Rule>();

  /** The rules searches apply: none while the experimental feature is off, as Meilisearch ignores them then. */
  rulesInForce(): Iterable<Rule> {
    return this.features.dynamicSearchRules ? this.rules.values() : [];
  }

  /** Chat workspaces by uid, persisted. */
  readonly chatWorkspaces: Record<string, ChatWorkspace> = {};

  /** Create, replace or (null) remove a chat workspace, durably. */
  async setChatWorkspace(uid: string, workspace: ChatWorkspace | null): Promise<void> {
    if (workspace) this.chatWorkspaces[uid] = workspace;
    else delete this.chatWorkspaces[uid];
    const snapshot = { ...this.chatWorkspaces };
    await this.store.transaction(() => void this.store.meta.put('chatWorkspaces', snapshot));
  }

  /** Send a finished task to every webhook, gzipped NDJSON, without waiting or failing on their answers. */
  private notifyWebhooks(task: Task): void {
    const hooks = Object.values(this.webhooks);
    if (hooks.length === 0) return;
    const body = gzipSync(`${JSON.stringify(task)}\n`);
    for (const { url, headers } of hooks) {
      // Like Meilisearch's default IP policy, nothing is sent to internal addresses.
      void publicAddress(url)
        .then(async (ok) => {
          if (ok)
            await fetch(url, {
              method: 'POST',
              headers: {
                ...headers,
                'content-encoding': 'gzip',
                'content-type': 'application/x-ndjson',
              },
              body,
              signal: AbortSignal.timeout(30_000),
            });
        })
        .catch(() => {});
    }
  }

  /** Turn experimental features on or off, durably. */
  async setFeatures(changes: Record<string, boolean>): Promise<void> {
    Object.assign(this.features, changes);
    const snapshot = { ...this.features };
    await this.store.transaction(() => void this.store.meta.put('features', snapshot));
  }

  async saveKey(key: ApiKey): Promise<void> {
    this.keys.set(key.uid, key);
    await this.store.transaction(() => void this.store.keys.put(key.uid, key));
  }

  async deleteKey(uid: string): Promise<void> {
    this.keys.delete(uid);
    await this.store.transaction(() => void this.store.keys.remove(uid));
  }

  /** The documents a task carries, while it is enqueued or processing (Meilisearch drops them after). */
  taskDocuments(uid: number): Document[] | undefined {
    const task = this.tasks.get(uid);
    if (
      task?.type !== 'documentAdditionOrUpdate' ||
      (task.status !== 'enqueued' && task.status !== 'processing')
    )
      return undefined;
    const payload = this.store.payloads.get(uid) as TaskPayload | undefined;
    return payload?.kind === 'addDocuments' ? payload.documents : undefined;
  }

  getIndex(uid: string): Index {
    const index = this.indexes.get(uid);
    if (!index) assertIndexUid(uid);
    if (!index) throw errors.indexNotFound(uid);
    return index;
  }

  /** Record a task and its payload durably, then let the queue run. */
  async enqueue(
    type: TaskType,
    indexUid: string | null,
    payload: TaskPayload,
    details: Record<string, unknown>,
    customMetadata?: string,
  ): Promise<Task> {
    const task: Task = {
      uid: this.nextTaskUid++,
      batchUid: null,
      indexUid,
      status: 'enqueued',
      type,
      canceledBy: null,
      details,
      error: null,
      duration: null,
      enqueuedAt: preciseNow(),
      startedAt: null,
      finishedAt: null,
      ...(customMetadata === undefined ? {} : { customMetadata }),
    };
    this.tasks.set(task.uid, task);
    await this.store.transaction(() => {
      void this.store.tasks.put(task.uid, task);
      void this.store.payloads.put(task.uid, payload);
    });
    this.queue.push(task.uid);
    this.kick();
    return task;
  }

  /** Resolves when no task is enqueued or processing (for tests and graceful shutdown). */
  idle(): Promise<void> {
    if (!this.processing && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private kick(): void {
    if (this.processing) return;
    this.processing = true;
    setTimeout(() => void this.run(), TASK_PICKUP_MS);
  }

  private async run(): Promise<void> {
    while (this.queue.length > 0) {
      const uid = this.queue.shift() as number;
      const task = this.tasks.get(uid);
      if (task?.status !== 'enqueued') continue;
      await this.process(task);
      // Let searches and new requests in between tasks.
      await new Promise((resolve) => setImmediate(resolve));
    }
    this.processing = false;
    for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private async process(task: Task): Promise<void> {
    const payload = this.store.payloads.get(task.uid) as TaskPayload | undefined;
    const started = performance.now();
    task.status = 'processing';
    task.startedAt = preciseNow();
    task.batchUid = task.uid;
    const writes: Array<() => void> = [];
    try {
      if (!payload) throw errors.internal('The task payload is missing.');
      // A snapshot is the one task that awaits (lmdb's backup); the others apply in memory at once.
      if (payload.kind === 'snapshot')
        await writeSnapshot(this.store, this.paths.db, this.paths.snapshots, task.uid);
      else this.apply(task, payload, writes);
      task.status = 'succeeded';
    } catch (error) {
      task.status = 'failed';
      task.error = (error instanceof MeiliError ? error : errors.internal(String(error))).toJSON();
      // A failed task reports counts of zero where it would have counted.
      for (const count of ['indexedDocuments', 'deletedDocuments', 'editedDocuments'])
        if (task.details[count] === null) task.details = { ...task.details, [count]: 0 };
      writes.length = 0;
    }
    const finished = performance.now();
    task.finishedAt = preciseNow();
    task.duration = isoDuration(finished - started);
    // The effect and the task's final state commit together; the task is visible as done only after.
    const final = { ...task };
    task.status = 'processing';
    await this.store.transaction(() => {
      for (const write of writes) write();
      void this.store.tasks.put(final.uid, final);
      void this.store.payloads.remove(final.uid);
    });
    Object.assign(task, final);
    this.notifyWebhooks(task);
  }

  /** Apply a task to memory, collecting the matching store writes. Throws MeiliError on failure. */
  private apply(task: Task, payload: TaskPayload, writes: Array<() => void>): void {
    const uid = task.indexUid as string;
    const now = preciseNow();
    const persistIndex = (index: Index) => {
      index.updatedAt = now;
      const stored = {
        uid: index.uid,
        primaryKey: index.primaryKey,
        createdAt: index.createdAt,
        updatedAt: index.updatedAt,
        settings: index.settings,
      };
      writes.push(() => void this.store.indexes.put(index.uid, stored));
    };
    switch (payload.kind) {
      case 'dump': {
        // The state after every task before this one (the queue runs one task at a time).
        const uid = dumpUid(new Date());
        writeDump(
          join(this.paths.dumps, `${uid}.dump`),
          dumpFiles(this.indexes.values(), this.keys.values(), this.features, now),
        );
        task.details = { dumpUid: uid };
        return;
      }
      case 'ruleUpdate':
      case 'ruleDelete':
      case 'rulesClear': {
        const deleted = this.rules.size;
        if (payload.kind === 'rulesClear') this.rules.clear();
        else if (payload.kind === 'ruleDelete') this.rules.delete(payload.uid);
        else {
          const rule = applyRuleUpdate(
            payload.uid,
            this.rules.get(payload.uid),
            payload.update,
            task.enqueuedAt,
          );
          this.rules.set(rule.uid, rule);
        }
        if (payload.kind === 'rulesClear') task.details = { deletedDocuments: deleted };
        const snapshot = [...this.rules.values()];
        writes.push(() => void this.store.meta.put('dynamicSearchRules', snapshot));
        return;
      }
      case 'createIndex': {
        if (this.indexes.has(uid)) throw errors.indexAlreadyExists(uid);
        const index = new Index(uid, now);
        index.primaryKey = payload.primaryKey;
        this.indexes.set(uid, index);
        persistIndex(index);
        return;
      }
      case 'updateIndex': {
        let index = this.getIndex(uid);
        if (
          payload.primaryKey !== null &&
          payload.primaryKey !== index.primaryKey &&
          index.size > 0
        ) {
          throw new MeiliError(
            400,
            'index_primary_key_already_exists',
            `Index \`${payload.newUid ?? uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`,
          );
        }
        // A new uid renames the index first (Meilisearch does it as a swap with `rename`).
        if (payload.newUid !== undefined && payload.newUid !== uid) {
          if (this.indexes.has(payload.newUid)) throw errors.indexAlreadyExists(payload.newUid);
          this.swapIndexes(uid, payload.newUid, true, task.uid, writes);
          index = this.getIndex(payload.newUid);
        }
        if (payload.primaryKey !== null && payload.primaryKey !== index.primaryKey) {
          if (index.size > 0) {
            throw new MeiliError(
              400,
              'index_primary_key_already_exists',
              `Index \`${index.uid}\`: Index already has a primary key: \`${index.primaryKey}\`.`,
            );
          }
          index.primaryKey = payload.primaryKey;
        }
        persistIndex(index);
        return;
      }
      case 'deleteIndex': {
        const index = this.getIndex(uid);
        task.details = { deletedDocuments: index.size };
        this.indexes.delete(uid);
        writes.push(() => {
          void this.store.indexes.remove(uid);
          this.store.removeDocumentsOf(uid);
        });
        return;
      }
      case 'settings': {
        const index = this.ensureIndex(uid, now, writes);
        const before = index.settings;
        index.settings = applySettings(before, payload.settings);
        const needsReindex =
          JSON.stringify(before.searchableAttributes) !==
            JSON.stringify(index.settings.searchableAttributes) ||
          JSON.stringify(before.stopWords) !== JSON.stringify(index.settings.stopWords);
        if (needsReindex) index.reindex();
        persistIndex(index);
        return;
      }
      case 'addDocuments': {
        const index = this.ensureIndex(uid, now, writes);
        const primaryKey = this.resolvePrimaryKey(index, payload.documents, payload.primaryKey);
        // skipCreation: only documents that already exist are replaced or updated; new ones are ignored.
        const prepared: Array<[string, Document]> = payload.documents.flatMap(
          (doc): Array<[string, Document]> => {
            const id = documentId(doc, primaryKey);
            const existing = index.storedDocument(id);
            if (payload.skipCreation && !existing) return [];
            const stored = payload.merge && existing ? { ...existing, ...doc } : doc;
            // Checked before any document is stored, so that a bad one fails the task and changes nothing.
            checkDocumentVectors(id, stored, index.settings.embedders);
            return [[id, stored]];
          },
        );
        if (index.primaryKey === null) index.primaryKey = primaryKey;
        for (const [id, doc] of prepared) {
          index.put(id, doc);
          const docid = index.docidOf(id);
          writes.push(() => this.store.putDocument(uid, id, doc, docid));
        }
        task.details = {
          receivedDocuments: payload.documents.length,
          indexedDocuments: prepared.length,
        };
        persistIndex(index);
        return;
      }
      case 'deleteDocuments': {
        const index = this.getIndex(uid);
        let deleted = 0;
        for (const id of payload.ids) {
          if (index.delete(id)) {
            deleted++;
            writes.push(() => this.store.removeDocument(uid, id));
          }
        }
        task.details = {
          providedIds: payload.ids.length,
          deletedDocuments: deleted,
          originalFilter: null,
        };
        persistIndex(index);
        return;
      }
      case 'deleteByFilter': {
        const index = this.getIndex(uid);
        const tree = parseFilter(payload.filter);
        try {
          checkFilterable(index, filterAttributes(tree), 'invalid_document_filter', payload.filter);
        } catch (error) {
          // Inside a task, Meilisearch names the index.
          if (error instanceof MeiliError)
            throw new MeiliError(
              error.status,
              error.code,
              `Index \`${uid}\`: ${error.message}`,
              error.type,
            );
          throw error;
        }
        const predicate = compileFilter(tree);
        const ids: string[] = [];
        for (const n of [...index.allNumbers()]) {
          const doc = index.documentAt(n);
          if (predicate(doc)) ids.push(documentId(doc, index.primaryKey as string));
        }
        for (const id of ids) {
          index.delete(id);
          writes.push(() => this.store.removeDocument(uid, id));
        }
        task.details = {
          providedIds: 0,
          deletedDocuments: ids.length,
          originalFilter: JSON.stringify(payload.filter),
        };
        persistIndex(index);
        return;
      }
      case 'editDocuments': {
        const index = this.getIndex(uid);
        const edit = compileEdit(payload.function);
        const tree = parseFilter(payload.filter);
        checkFilterable(index, filterAttributes(tree), 'invalid_document_filter', payload.filter);
        const predicate = compileFilter(tree);
        const primaryKey = index.primaryKey as string;
        const candidates = [...index.allNumbers()]
          .map((n) => index.documentAt(n))
          .filter((doc) => predicate(doc));
        const results = candidates.map((doc) => {
          const id = documentId(doc, primaryKey);
          const edited = edit(doc, payload.context);
          if (
            edited !== null &&
            JSON.stringify(edited[primaryKey]) !== JSON.stringify(doc[primaryKey])
          ) {
            throw editError(
              'Document edition cannot modify the primary key. Document edition error: the document primary key was modified.',
            );
          }
          return [id, edited] as const;
        });
        for (const [id, edited] of results) {
          if (edited === null) {
            index.delete(id);
            writes.push(() => this.store.removeDocument(uid, id));
          } else {
            index.put(id, edited);
            const docid = index.docidOf(id);
            writes.push(() => this.store.putDocument(uid, id, edited, docid));
          }
        }
        // Meilisearch counts every candidate as both edited and deleted.
        task.details = {
          ...task.details,
          editedDocuments: candidates.length,
          deletedDocuments: candidates.length,
        };
        persistIndex(index);
        return;
      }
      case 'deleteAll': {
        const index = this.getIndex(uid);
        task.details = { deletedDocuments: index.size };
        index.clear();
        writes.push(() => this.store.removeDocumentsOf(uid));
        persistIndex(index);
        return;
      }
      case 'swap': {
        const notFound = new Set<string>();
        const taken: Array<[string, string]> = [];
        for (const {
          indexes: [lhs, rhs],
          rename,
        } of payload.swaps) {
          if (!this.indexes.has(lhs)) notFound.add(lhs);
          const rhsExists = this.indexes.has(rhs);
          if (rhsExists && rename) taken.push([lhs, rhs]);
          if (!rhsExists && !rename) notFound.add(rhs);
        }
        const missing = [...notFound].sort();
        if (missing.length === 1) throw errors.indexNotFound(missing[0] as string);
        if (missing.length > 1)
          throw new MeiliError(
            404,
            'index_not_found',
            `Indexes ${missing.map((m) => `\`${m}\``).join(', ')} not found.`,
          );
        if (taken.length === 1) {
          const [lhs, rhs] = taken[0] as [string, string];
          throw new MeiliError(
            409,
            'index_already_exists',
            `Cannot rename \`${lhs}\` to \`${rhs}\` as the index already exists. Hint: You can remove \`${rhs}\` first and then do your remove.`,
          );
        }
        if (taken.length > 1) {
          const names = [...new Set(taken.map(([, rhs]) => rhs))].sort();
          throw new MeiliError(
            409,
            'index_already_exists',
            `The following indexes are being renamed but cannot because their new name conflicts with an already existing index: ${names.map((m) => `\`${m}\``).join(', ')}. Renaming doesn't overwrite the other index name.`,
          );
        }
        for (const {
          indexes: [lhs, rhs],
          rename,
        } of payload.swaps)
          this.swapIndexes(lhs, rhs, rename === true, task.uid, writes);
        return;
      }
      case 'cancelTasks': {
        let canceled = 0;
        for (const uidToCancel of payload.uids) {
          const target = this.tasks.get(uidToCancel);
          if (target && target.status === 'enqueued') {
            target.status = 'canceled';
            target.canceledBy = task.uid;
            target.finishedAt = now;
            canceled++;
            const snapshot = { ...target };
            writes.push(() => {
              void this.store.tasks.put(snapshot.uid, snapshot);
              void this.store.payloads.remove(snapshot.uid);
            });
          }
        }
        task.details = {
          matchedTasks: payload.uids.length,
          canceledTasks: canceled,
          originalFilter: payload.query,
        };
        return;
      }
      case 'deleteTasks': {
        let deleted = 0;
        for (const uidToDelete of payload.uids) {
          const target = this.tasks.get(uidToDelete);
          if (target && target.status !== 'enqueued' && target.status !== 'processing') {
            this.tasks.delete(uidToDelete);
            deleted++;
            writes.push(() => void this.store.tasks.remove(uidToDelete));
          }
        }
        task.details = {
          matchedTasks: payload.uids.length,
          deletedTasks: deleted,
          originalFilter: payload.query,
        };
        return;
      }
    }
  }

  /**
   * Swap indexes `lhs` and `rhs` (or, with `rename`, give `lhs` the free name `rhs`): documents, settings and
   * dates go with the index; the tasks enqueued before task `before` that named either index now name the other.
   */
  private swapIndexes(
    lhs: string,
    rhs: string,
    rename: boolean,
    before: number,
    writes: Array<() => void>,
  ): void {
    const left = this.getIndex(lhs);
    const right = rename ? undefined : this.getIndex(rhs);
    const other = (name: string) => (name === lhs ? rhs : name === rhs ? lhs : name);
    for (const task of this.tasks.values()) {
      if (task.uid >= before) continue;
      let changed = false;
      if (task.indexUid === lhs || task.indexUid === rhs) {
        task.indexUid = other(task.indexUid);
        changed = true;
      }
      if (task.type === 'indexSwap' && Array.isArray(task.details.swaps)) {
        const swaps = task.details.swaps as Array<{ indexes: string[] }>;
        if (swaps.some((sw) => sw.indexes.includes(lhs) || sw.indexes.includes(rhs))) {
          task.details = {
            ...task.details,
            swaps: swaps.map((sw) => ({ ...sw, indexes: sw.indexes.map(other) })),
          };
          changed = true;
        }
      }
      if (changed) {
        const snapshot = { ...task };
        writes.push(() => void this.store.tasks.put(snapshot.uid, snapshot));
      }
    }
    const rename_ = (index: Index, uid: string) => Object.assign(index, { uid });
    this.indexes.delete(lhs);
    this.indexes.delete(rhs);
    this.indexes.set(rhs, rename_(left, rhs));
    if (right) this.indexes.set(lhs, rename_(right, lhs));
    // The store: drop what both names held, then write each index (record and documents) under its new name.
    const moved = [left, ...(right ? [right] : [])].map((index) => ({
      record: {
        uid: index.uid,
        primaryKey: index.primaryKey,
        createdAt: index.createdAt,
        updatedAt: index.updatedAt,
        settings: index.settings,
      },
      docs:
        index.primaryKey === null
          ? []
          : [...index.documents()].map((doc) => {
              const id = documentId(doc, index.primaryKey as string);
              return [id, doc, index.docidOf(id)] as const;
            }),
    }));
    writes.push(() => {
      for (const name of [lhs, rhs]) {
        void this.store.indexes.remove(name);
        this.store.removeDocumentsOf(name);
      }
      for (const { record, docs } of moved) {
        void this.store.indexes.put(record.uid, record);
        for (const [id, doc, docid] of docs) this.store.putDocument(record.uid, id, doc, docid);
      }
    });
  }

  private ensureIndex(uid: string, now: string, writes: Array<() => void>): Index {
    let index = this.indexes.get(uid);
    if (!index) {
      index = new Index(uid, now);
      this.indexes.set(uid, index);
      const created = index;
      writes.push(
        () =>
          void this.store.indexes.put(uid, {
            uid,
            primaryKey: created.primaryKey,
            createdAt: now,
            updatedAt: now,
            settings: created.settings,
          }),
      );
    }
    return index;
  }

  private resolvePrimaryKey(index: Index, documents: Document[], given?: string): string {
    if (index.primaryKey) {
      if (given && given !== index.primaryKey) {
        throw new MeiliError(
          400,
          'index_primary_key_already_exists',
          `Index already has a primary key: \`${index.primaryKey}\`.`,
        );
      }
      return index.primaryKey;
    }
    if (given) return given;
    const first = documents[0];
    if (!first)
      throw new MeiliError(
        400,
        'index_primary_key_no_candidate_found',
        `Index \`${index.uid}\`: The primary key inference failed as the engine did not find any field ending with \`id\` in its name. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
      );
    const candidates = Object.keys(first).filter((k) => k.toLowerCase().endsWith('id'));
    if (candidates.length === 1) return candidates[0] as string;
    if (candidates.length === 0) {
      throw new MeiliError(
        400,
        'index_primary_key_no_candidate_found',
        `Index \`${index.uid}\`: The primary key inference failed as the engine did not find any field ending with \`id\` in its name. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
      );
    }
    throw new MeiliError(
      400,
      'index_primary_key_multiple_candidates_found',
      `Index \`${index.uid}\`: The primary key inference failed as the engine found ${candidates.length} fields ending with \`id\` in their names: '${candidates[0]}' and '${candidates[1]}'. Please specify the primary key manually using the \`primaryKey\` query parameter.`,
    );
  }

  async close(): Promise<void> {
    await this.idle();
    await this.store.close();
  }
}

/** The document's primary key value as a string, validated as Meilisearch does. */
export function documentId(doc: Document, primaryKey: string): string {
  const value = doc[primaryKey];
  if (value === undefined || value === null) {
    throw new MeiliError(
      400,
      'missing_document_id',
      `Document doesn't have a \`${primaryKey}\` attribute: \`${JSON.stringify(doc)}\`.`,
    );
  }
  const id =
    typeof value === 'number' && Number.isInteger(value)
      ? String(value)
      : typeof value === 'string'
        ? value
        : null;
  if (id === null || !DOCUMENT_ID.test(id)) {
    throw new MeiliError(
      400,
      'invalid_document_id',
      `Document identifier \`${JSON.stringify(value)}\` is invalid. A document identifier can be of type integer or string, only composed of alphanumeric characters (a-z A-Z 0-9), hyphens (-) and underscores (_), and can not be more than 511 bytes.`,
    );
  }
  return id;
}

export type { Settings };
