/**
 * Routes Meilisearch has and meili-local does not implement. They exist so that keys are checked as
 * Meilisearch checks them (a search key gets 403, no key 401, a feature left off its own error); a request
 * that passes answers 501 `not_implemented`, saying what is missing, rather than pretending.
 */
import { MeiliError } from '../errors.ts';
import { featureNotEnabled } from '../settings.ts';
import type { Route } from './http.ts';

const notImplemented = (what: string) =>
  new MeiliError(
    501,
    'not_implemented',
    `meili-local does not implement ${what}; use Meilisearch for it.`,
    'system',
  );

export const unsupportedRoutes: Route[] = [
  {
    method: 'POST',
    pattern: ['render-template'],
    // Meilisearch wants both actions of the key.
    action: 'settings.get+documents.get',
    handle: (engine) => {
      if (!engine.features.renderRoute)
        throw featureNotEnabled('calling the /render-template route', {
          label: 'render_route',
          link: 'https://github.com/orgs/meilisearch/discussions/888',
        });
      throw notImplemented('document template rendering');
    },
  },
];
