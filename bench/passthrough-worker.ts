/**
 * The least a Worker can do in front of Meilisearch: `GET /?body=<JSON>` becomes `POST /multi-search` with
 * that body, and the answer is passed back unchanged (any other request gets the engine's `/health`).
 * `npm run bench` runs it under `wrangler dev` beside the real Worker, with the same searches, so its
 * latency over the engine's is the cost of the local runtime itself (wrangler's dev proxy and workerd's
 * outbound fetch), which no Worker code can avoid. Like the real Worker it is called with GET, and it reads
 * the answer before returning it (under wrangler dev that is faster than streaming the engine's body through).
 */
export default {
  async fetch(request: Request, env: { MEILI_HOST: string }): Promise<Response> {
    const body = new URL(request.url).searchParams.get('body');
    if (body === null) return fetch(`${env.MEILI_HOST}/health`);
    const headers = {
      'content-type': 'application/json',
      authorization: request.headers.get('authorization') ?? '',
    };
    const answer = await fetch(`${env.MEILI_HOST}/multi-search`, { method: 'POST', headers, body });
    return new Response(await answer.text(), {
      status: answer.status,
      headers: { 'content-type': 'application/json' },
    });
  },
};
