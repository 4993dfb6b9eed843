/**
 * The least a Worker can do in front of Meilisearch: pass each request through unchanged. `npm run bench`
 * runs it under `wrangler dev` beside the real Worker, so its latency over the engine's is the cost of the
 * local runtime itself (wrangler's dev proxy and workerd's outbound fetch), which no Worker code can avoid.
 */
export default {
  fetch(request: Request, env: { MEILI_HOST: string }): Promise<Response> {
    const url = new URL(request.url);
    return fetch(new URL(url.pathname + url.search, env.MEILI_HOST), request);
  },
};
