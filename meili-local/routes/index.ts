/**
 * Meilisearch's REST routes over the Engine. Each handler gets the parsed request and returns
 * `[status, body]`; auth, body parsing and error shaping are done once in server.ts.
 */
import { chatRoutes } from './chats.ts';
import { documentRoutes } from './documents.ts';
import { fieldRoutes } from './fields.ts';
import { renderRoutes } from './render.ts';
import { ruleRoutes } from './rules.ts';
import { webhookRoutes } from './webhooks.ts';
import type { Route } from './http.ts';
import { indexRoutes, settingsRoutes } from './indexes.ts';
import { keyRoutes } from './keys.ts';
import { searchRoutes } from './search.ts';
import { taskRoutes } from './tasks.ts';

export { allowsAction, allowsIndex, isIndexScoped, refusal } from './keys.ts';
export type { Request, Response, Route } from './http.ts';

export const routes: Route[] = [
  ...indexRoutes,
  ...documentRoutes,
  ...searchRoutes,
  ...settingsRoutes,
  ...taskRoutes,
  ...keyRoutes,
  ...fieldRoutes,
  ...webhookRoutes,
  ...chatRoutes,
  ...renderRoutes,
  ...ruleRoutes,
];

export function matchRoute(
  method: string,
  path: string[],
): { route: Route; params: Record<string, string> } | { methodNotAllowed: true } | null {
  let pathMatched = false;
  for (const route of routes) {
    if (route.pattern.length !== path.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < path.length; i++) {
      const part = route.pattern[i] as string;
      if (part.startsWith(':')) params[part.slice(1)] = path[i] as string;
      else if (part !== path[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    pathMatched = true;
    if (route.method === method) return { route, params };
  }
  return pathMatched ? { methodNotAllowed: true } : null;
}
