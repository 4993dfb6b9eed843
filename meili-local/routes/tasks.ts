/** Task routes: list with filters, get, cancel, delete. */
import { MeiliError, errors } from '../errors.ts';
import type { Task } from '../types.ts';
import { type Route, enqueue, intParam } from './http.ts';
import { allowsIndex } from './keys.ts';

const TASK_STATUSES = ['enqueued', 'processing', 'succeeded', 'failed', 'canceled'];
const TASK_TYPES = [
  'documentAdditionOrUpdate', 'documentEdition', 'documentDeletion', 'settingsUpdate', 'indexCreation', 'indexDeletion', 'indexUpdate',
  'indexSwap', 'taskCancelation', 'taskDeletion', 'dumpCreation', 'snapshotCreation', 'export', 'upgradeDatabase', 'indexCompaction',
];

function taskFilter(query: URLSearchParams | Record<string, unknown>): (task: Task) => boolean {
  const get = (name: string): string | null =>
    query instanceof URLSearchParams ? query.get(name) : query[name] === undefined ? null : String(query[name]);
  const list = (name: string) => get(name)?.split(',').map((s) => s.trim()).filter(Boolean) ?? null;
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
  for (const [name, allowed] of [['statuses', TASK_STATUSES], ['types', TASK_TYPES]] as const) {
    const wrong = list(name)?.find((v) => v !== '*' && !allowed.includes(v));
    if (wrong !== undefined) {
      throw new MeiliError(400, `invalid_task_${name}`, `Invalid value in parameter \`${name}\`: \`${wrong}\` is not a valid task ${name === 'types' ? 'type' : 'status'}. Available ${name} are ${allowed.map((a) => `\`${a}\``).join(', ')}.`);
    }
  }
  for (const [name] of dates) {
    const value = get(name);
    if (value !== null && !/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(value)) {
      throw new MeiliError(400, `invalid_task_${name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`, `Invalid value in parameter \`${name}\`: \`${value}\` is an invalid date-time. It should follow the YYYY-MM-DD or RFC 3339 date-time format.`);
    }
  }
  for (const name of ['uids', 'canceledBy']) {
    if (list(name)?.some((v) => v !== '*' && !/^\d+$/.test(v))) {
      throw new MeiliError(400, `invalid_task_${name === 'uids' ? 'uids' : 'canceled_by'}`, `Invalid value in parameter \`${name}\`: could not parse \`${get(name)}\` as a positive integer`);
    }
  }
  return (task) => {
    if (uids && !list('uids')?.includes('*') && !uids.includes(task.uid)) return false;
    if (statuses && !statuses.includes('*') && !statuses.includes(task.status)) return false;
    if (types && !types.includes('*') && !types.includes(task.type)) return false;
    if (indexUids && !indexUids.includes('*') && !indexUids.includes(task.indexUid ?? '')) return false;
    if (canceledBy && (task.canceledBy === null || !canceledBy.includes(task.canceledBy))) return false;
    for (const [name, field, sign] of dates) {
      const limit = get(name);
      if (!limit) continue;
      const value = task[field] as string | null;
      if (!value) return false;
      const diff = Date.parse(value) - Date.parse(limit);
      if (sign === -1 ? diff >= 0 : diff <= 0) return false;
    }
    return true;
  };
}

const TASK_FILTERS = ['uids', 'batchUids', 'canceledBy', 'types', 'statuses', 'indexUids', 'afterEnqueuedAt', 'beforeEnqueuedAt', 'afterStartedAt', 'beforeStartedAt', 'afterFinishedAt', 'beforeFinishedAt'];

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
  // Tasks
  {
    method: 'GET',
    pattern: ['tasks'],
    action: 'tasks.get',
    handle: (engine, req) => {
      const matches = taskFilter(req.query);
      const limit = intParam(req.query, 'limit', 20, 'invalid_task_limit');
      const from = req.query.get('from') === null ? Infinity : intParam(req.query, 'from', 0, 'invalid_task_from');
      const reverse = req.query.get('reverse') === 'true';
      let list = [...engine.tasks.values()].filter((t) => matches(t) && allowsIndex(req.key, t.indexUid ?? '*'));
      list.sort((a, b) => (reverse ? a.uid - b.uid : b.uid - a.uid));
      list = list.filter((t) => (reverse ? t.uid >= (from === Infinity ? 0 : from) : t.uid <= from));
      const page = list.slice(0, limit);
      const next = list[limit];
      return [200, { results: page, total: list.length, limit, from: page[0]?.uid ?? null, next: next ? next.uid : null }];
    },
  },
  {
    method: 'GET',
    pattern: ['tasks', ':taskUid'],
    action: 'tasks.get',
    handle: (engine, _req, p) => {
      const uid = Number(p.taskUid);
      if (!Number.isInteger(uid) || uid < 0) {
        throw new MeiliError(400, 'invalid_task_uids', `Invalid value in parameter \`taskUid\`: could not parse \`${p.taskUid}\` as a positive integer`);
      }
      const task = engine.tasks.get(uid);
      if (!task) throw errors.taskNotFound(uid);
      return [200, task];
    },
  },
  {
    method: 'POST',
    pattern: ['tasks', 'cancel'],
    action: 'tasks.cancel',
    handle: (engine, req) => {
      requireTaskFilter(req.query, 'cancel');
      const matches = taskFilter(req.query);
      const uids = [...engine.tasks.values()].filter((t) => matches(t) && (t.status === 'enqueued' || t.status === 'processing')).map((t) => t.uid);
      const query = `?${req.query.toString()}`;
      return enqueue(engine, req, 'taskCancelation', null, { kind: 'cancelTasks', uids, query }, { matchedTasks: uids.length, canceledTasks: null, originalFilter: query });
    },
  },
  {
    method: 'DELETE',
    pattern: ['tasks'],
    action: 'tasks.delete',
    handle: (engine, req) => {
      requireTaskFilter(req.query, 'delete');
      const matches = taskFilter(req.query);
      const uids = [...engine.tasks.values()].filter(matches).map((t) => t.uid);
      const query = `?${req.query.toString()}`;
      return enqueue(engine, req, 'taskDeletion', null, { kind: 'deleteTasks', uids, query }, { matchedTasks: uids.length, deletedTasks: null, originalFilter: query });
    },
  },
  { method: 'GET', pattern: ['batches'], action: 'tasks.get', handle: () => [200, { results: [], total: 0, limit: 20, from: null, next: null }] },
];
