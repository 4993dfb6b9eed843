/** Task routes: list with filters, get, cancel, delete; and dump creation, which is a task. */
import { MeiliError, errors } from '../errors.ts';
import type { Task } from '../types.ts';
import { RawBody, type Route, enqueue, intParam } from './http.ts';
import { allowsIndex, isIndexScoped } from './keys.ts';
import { preciseTime, type Engine } from '../engine.ts';
import type { ApiKey } from '../types.ts';

const TASK_STATUSES = ['enqueued', 'processing', 'succeeded', 'failed', 'canceled'];
const TASK_TYPES = [
  'documentAdditionOrUpdate',
  'documentEdition',
  'documentDeletion',
  'settingsUpdate',
  'indexCreation',
  'indexDeletion',
  'indexUpdate',
  'indexSwap',
  'taskCancelation',
  'taskDeletion',
  'dumpCreation',
  'snapshotCreation',
  'export',
  'upgradeDatabase',
  'indexCompaction',
  'networkTopologyChange',
  'dsrUpdate',
  'dsrClear',
];

function taskFilter(query: URLSearchParams | Record<string, unknown>): (task: Task) => boolean {
  const get = (name: string): string | null =>
    query instanceof URLSearchParams
      ? query.get(name)
      : query[name] === undefined
        ? null
        : String(query[name]);
  const list = (name: string) =>
    get(name)
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? null;
  const uids = list('uids')?.map(Number);
  const statuses = list('statuses');
  const types = list('types');
  const indexUids = list('indexUids');
  const canceledBy = list('canceledBy')?.map(Number);
  const dates: Array<[string, keyof Task, 1 | -1]> = [
    ['beforeEnqueuedAt', 'enqueuedAt', -1],
    ['afterEnqueuedAt', 'enqueuedAt', 1],
    ['beforeStartedAt', 'startedAt', -1],
    ['afterStartedAt', 'startedAt', 1],
    ['beforeFinishedAt', 'finishedAt', -1],
    ['afterFinishedAt', 'finishedAt', 1],
  ];
  for (const [name, allowed] of [
    ['statuses', TASK_STATUSES],
    ['types', TASK_TYPES],
  ] as const) {
    const wrong = list(name)?.find((v) => v !== '*' && !allowed.includes(v));
    if (wrong !== undefined) {
      throw new MeiliError(
        400,
        `invalid_task_${name}`,
        `Invalid value in parameter \`${name}\`: \`${wrong}\` is not a valid task ${name === 'types' ? 'type' : 'status'}. Available ${name} are ${allowed.map((a) => `\`${a}\``).join(', ')}.`,
      );
    }
  }
  for (const [name] of dates) {
    const value = get(name);
    if (
      value !== null &&
      value !== '*' &&
      !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)
    ) {
      throw new MeiliError(
        400,
        `invalid_task_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`,
        `Invalid value in parameter \`${name}\`: \`${value}\` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.`,
      );
    }
  }
  for (const name of ['uids', 'canceledBy']) {
    if (list(name)?.some((v) => v !== '*' && !/^\d+$/.test(v))) {
      throw new MeiliError(
        400,
        `invalid_task_${name === 'uids' ? 'uids' : 'canceled_by'}`,
        `Invalid value in parameter \`${name}\`: could not parse \`${get(name)}\` as a positive integer`,
      );
    }
  }
  return (task) => {
    if (uids && !list('uids')?.includes('*') && !uids.includes(task.uid)) return false;
    if (statuses && !statuses.includes('*') && !statuses.includes(task.status)) return false;
    if (types && !types.includes('*') && !types.includes(task.type)) return false;
    if (
      indexUids &&
      !indexUids.includes('*') &&
      !taskIndexes(task).some((i) => indexUids.includes(i))
    )
      return false;
    if (canceledBy && (task.canceledBy === null || !canceledBy.includes(task.canceledBy)))
      return false;
    for (const [name, field, sign] of dates) {
      const limit = get(name);
      // `*` is no bound at all.
      if (!limit || limit === '*') continue;
      const value = task[field] as string | null;
      if (!value) return false;
      const diff = preciseTime(value) - preciseTime(limit);
      if (sign === -1 ? diff >= 0 : diff <= 0) return false;
    }
    return true;
  };
}

/** Task types that concern exactly one index; the others are hidden from `indexUids` filters and scoped keys. */
const ONE_INDEX_TYPES = new Set([
  'documentAdditionOrUpdate',
  'documentEdition',
  'documentDeletion',
  'settingsUpdate',
  'indexCreation',
  'indexDeletion',
  'indexUpdate',
  'indexCompaction',
]);

/** Every index a task concerns: both sides of each swap, both names of a rename. */
export function taskIndexes(task: Task): string[] {
  if (task.type === 'indexSwap')
    return ((task.details.swaps ?? []) as Array<{ indexes: string[] }>).flatMap((s) => s.indexes);
  const names = task.indexUid === null ? [] : [task.indexUid];
  if (task.type === 'indexUpdate' && typeof task.details.newIndexUid === 'string')
    names.push(task.details.newIndexUid);
  return names;
}

/**
 * The tasks matching a query's filters, newest first, and whether `key` may see a task: only tasks of one
 * index, and of its indexes, when it is index-scoped (or the query names indexes).
 */
function matchingTasks(
  engine: Engine,
  query: URLSearchParams,
  key: ApiKey | undefined,
): { matched: Task[]; allowed(task: Task): boolean } {
  const matches = taskFilter(query);
  const matched = [...engine.tasks.values()].filter(matches).sort((a, b) => b.uid - a.uid);
  const scoped = isIndexScoped(key);
  const oneIndexOnly = scoped || query.get('indexUids') !== null;
  return {
    matched,
    allowed: (t) =>
      (!oneIndexOnly || ONE_INDEX_TYPES.has(t.type)) &&
      (!scoped || taskIndexes(t).every((i) => allowsIndex(key, i))),
  };
}

/** The tasks matching a query that `key` may see, newest first, and how many match the query's filters. */
function visibleTasks(
  engine: Engine,
  query: URLSearchParams,
  key: ApiKey | undefined,
): { tasks: Task[]; total: number } {
  const { matched, allowed } = matchingTasks(engine, query, key);
  return { tasks: matched.filter(allowed), total: matched.length };
}

/** meili-local runs one task per batch, the batch taking the task's uid; Meilisearch's batch view of it. */
function batchView(task: Task): { uid: number } & Record<string, unknown> {
  return {
    uid: task.batchUid as number,
    progress: null,
    details: task.details,
    stats: {
      totalNbTasks: 1,
      status: { [task.status]: 1 },
      types: { [task.type]: 1 },
      indexUids: task.indexUid === null ? {} : { [task.indexUid]: 1 },
      progressTrace: {},
    },
    duration: task.duration,
    startedAt: task.startedAt,
    finishedAt: task.finishedAt,
    batchStrategy: 'batched all enqueued tasks',
  };
}

const TASK_FILTERS = [
  'uids',
  'batchUids',
  'canceledBy',
  'types',
  'statuses',
  'indexUids',
  'afterEnqueuedAt',
  'beforeEnqueuedAt',
  'afterStartedAt',
  'beforeStartedAt',
  'afterFinishedAt',
  'beforeFinishedAt',
];

function requireTaskFilter(query: URLSearchParams, route: 'cancel' | 'delete'): void {
  if (![...query.keys()].some((k) => TASK_FILTERS.includes(k))) {
    throw new MeiliError(
      400,
      'missing_task_filters',
      `Query parameters to filter the tasks to ${route} are missing. Available query parameters are: \`uids\`, \`indexUids\`, \`statuses\`, \`types\`, \`canceledBy\`, \`beforeEnqueuedAt\`, \`afterEnqueuedAt\`, \`beforeStartedAt\`, \`afterStartedAt\`, \`beforeFinishedAt\`, \`afterFinishedAt\`.`,
    );
  }
}

export const taskRoutes: Route[] = [
  // A copy of the database (snapshot.ts), and a dump of the whole instance in Meilisearch's format (dump.ts).
  {
    method: 'POST',
    pattern: ['snapshots'],
    action: 'snapshots.create',
    handle: (engine, req) => enqueue(engine, req, 'snapshotCreation', null, { kind: 'snapshot' }),
  },
  {
    method: 'POST',
    pattern: ['dumps'],
    action: 'dumps.create',
    handle: (engine, req) =>
      enqueue(engine, req, 'dumpCreation', null, { kind: 'dump' }, { dumpUid: null }),
  },
  // Tasks
  {
    method: 'GET',
    pattern: ['tasks'],
    action: 'tasks.get',
    handle: (engine, req) => {
      const { matched, allowed } = matchingTasks(engine, req.query, req.key);
      const limit = intParam(req.query, 'limit', 20, 'invalid_task_limit');
      const from =
        req.query.get('from') === null ? null : intParam(req.query, 'from', 0, 'invalid_task_from');
      const reverse = req.query.get('reverse') === 'true';
      let list = reverse ? matched.reverse() : matched;
      if (from !== null) list = list.filter((t) => (reverse ? t.uid >= from : t.uid <= from));
      // As Meilisearch: one page (and one more task, for `next`) is taken before the key's scope removes the
      // tasks it may not see, so a scoped key can get a short page.
      const page = list.slice(0, limit + 1).filter(allowed);
      const next = page.length === limit + 1 ? page.pop() : undefined;
      return [
        200,
        {
          results: page,
          total: matched.length,
          limit,
          from: page[0]?.uid ?? null,
          next: next ? next.uid : null,
        },
      ];
    },
  },
  {
    method: 'GET',
    pattern: ['tasks', ':taskUid'],
    action: 'tasks.get',
    handle: (engine, req, p) => {
      const uid = Number(p.taskUid);
      if (!/^\d+$/.test(p.taskUid as string)) {
        throw new MeiliError(
          400,
          'invalid_task_uids',
          `Task uid \`${p.taskUid}\` is invalid. It should only contain numeric characters.`,
        );
      }
      const task = engine.tasks.get(uid);
      if (
        !task ||
        !visibleTasks(engine, new URLSearchParams({ uids: String(uid) }), req.key).tasks.length
      )
        throw errors.taskNotFound(uid);
      return [200, task];
    },
  },
  {
    method: 'GET',
    pattern: ['tasks', ':taskUid', 'documents'],
    action: 'tasks.get',
    handle: (engine, req, p) => {
      if (!engine.features.getTaskDocumentsRoute) {
        throw new MeiliError(
          400,
          'feature_not_enabled',
          'Getting the documents of an enqueued task requires enabling the `get task documents route` experimental feature. See https://github.com/orgs/meilisearch/discussions/808',
        );
      }
      const uid = Number(p.taskUid);
      if (!/^\d+$/.test(p.taskUid as string))
        throw new MeiliError(
          400,
          'invalid_task_uids',
          `Task uid \`${p.taskUid}\` is invalid. It should only contain numeric characters.`,
        );
      if (
        !engine.tasks.has(uid) ||
        !visibleTasks(engine, new URLSearchParams({ uids: String(uid) }), req.key).tasks.length
      )
        throw errors.taskNotFound(uid);
      const documents = engine.taskDocuments(uid);
      if (!documents) {
        throw new MeiliError(
          404,
          'task_file_not_found',
          `Task \`${uid}\` does not contain any documents. Only \`documentAdditionOrUpdate\` tasks with the statuses \`enqueued\` or \`processing\` contain documents`,
        );
      }
      return [
        200,
        new RawBody(
          documents.map((d) => `${JSON.stringify(d)}\n`).join(''),
          'application/x-ndjson',
        ),
      ];
    },
  },
  {
    method: 'POST',
    pattern: ['tasks', 'cancel'],
    action: 'tasks.cancel',
    handle: async (engine, req) => {
      requireTaskFilter(req.query, 'cancel');
      const uids = visibleTasks(engine, req.query, req.key).tasks.map((t) => t.uid);
      const query = `?${req.rawQuery ?? req.query.toString()}`;
      // 200, not 202: Meilisearch keeps this historical status for task cancelation and deletion.
      const [, body] = await enqueue(
        engine,
        req,
        'taskCancelation',
        null,
        { kind: 'cancelTasks', uids, query },
        { matchedTasks: uids.length, canceledTasks: null, originalFilter: query },
      );
      return [200, body];
    },
  },
  {
    method: 'DELETE',
    pattern: ['tasks'],
    action: 'tasks.delete',
    handle: async (engine, req) => {
      requireTaskFilter(req.query, 'delete');
      const uids = visibleTasks(engine, req.query, req.key).tasks.map((t) => t.uid);
      const query = `?${req.rawQuery ?? req.query.toString()}`;
      const [, body] = await enqueue(
        engine,
        req,
        'taskDeletion',
        null,
        { kind: 'deleteTasks', uids, query },
        { matchedTasks: uids.length, deletedTasks: null, originalFilter: query },
      );
      return [200, body];
    },
  },
  {
    method: 'GET',
    pattern: ['batches'],
    action: 'tasks.get',
    handle: (engine, req) => {
      const query = new URLSearchParams(req.query);
      const batchUids = query.get('batchUids');
      query.delete('batchUids');
      const { tasks } = visibleTasks(engine, query, req.key);
      const wanted =
        batchUids === null || batchUids === '*' ? null : batchUids.split(',').map(Number);
      let batches = tasks
        .filter(
          (t) =>
            t.batchUid !== null &&
            t.status !== 'enqueued' &&
            (wanted === null || wanted.includes(t.batchUid)),
        )
        .map(batchView);
      const limit = intParam(req.query, 'limit', 20, 'invalid_batch_limit');
      const from =
        req.query.get('from') === null
          ? null
          : intParam(req.query, 'from', 0, 'invalid_batch_from');
      const reverse = req.query.get('reverse') === 'true';
      const total = batches.length;
      if (reverse) batches = batches.reverse();
      if (from !== null) batches = batches.filter((b) => (reverse ? b.uid >= from : b.uid <= from));
      const page = batches.slice(0, limit);
      return [
        200,
        {
          results: page,
          total,
          limit,
          from: page[0]?.uid ?? null,
          next: batches[limit]?.uid ?? null,
        },
      ];
    },
  },
  {
    method: 'GET',
    pattern: ['batches', ':batchUid'],
    action: 'tasks.get',
    handle: (engine, req, p) => {
      if (!/^\d+$/.test(p.batchUid as string))
        throw new MeiliError(
          400,
          'invalid_batch_uids',
          `Batch uid \`${p.batchUid}\` is invalid. It should only contain numeric characters.`,
        );
      const uid = Number(p.batchUid);
      const task = visibleTasks(engine, new URLSearchParams(), req.key).tasks.find(
        (t) => t.batchUid === uid && t.status !== 'enqueued',
      );
      if (!task) throw new MeiliError(404, 'batch_not_found', `Batch \`${uid}\` not found.`);
      return [200, batchView(task)];
    },
  },
];
