import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { InvalidFaultRuleError, parseFaultRule, type FaultQueue } from './fault-queue';
import { HttpError, readJsonBody, sendJson, sendText } from './http-json';
import { recipientFilter, type MessageStore } from './message-store';
import type { FaultRuleInput, SinkStats } from './types';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 10000;

export interface InboxHttpDeps {
  store: MessageStore;
  faults: FaultQueue;
  logger: Logger;
}

/**
 * The inbox over HTTP: a subset of Mailpit's API (so that Mailpit clients work against it)
 * plus fault injection. Requests are not logged: paths can carry addresses (search).
 */
export function createInboxServer(deps: InboxHttpDeps): Server {
  return createServer((req, res) => {
    route(req, res, deps).catch((err: unknown) => {
      if (err instanceof HttpError) {
        sendJson(res, err.status, { error: err.message });
        return;
      }
      deps.logger.error({ err: { name: (err as Error).name } }, 'inbox request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' });
      else res.destroy();
    });
  });
}

async function route(req: IncomingMessage, res: ServerResponse, { store, faults }: InboxHttpDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://mail-sink');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (method === 'GET' && path === '/livez') return sendText(res, 200, 'ok');

  if (path === '/api/v1/messages') {
    if (method === 'GET') {
      const { start, limit } = pageParams(url.searchParams);
      return sendJson(res, 200, store.list(start, limit));
    }
    if (method === 'DELETE') return sendJson(res, 200, { deleted: deleteMessages(store, await readJsonBody(req)) });
  }

  if (method === 'GET' && path === '/api/v1/search') {
    const { start, limit } = pageParams(url.searchParams);
    const address = recipientQuery(url.searchParams.get('query'));
    return sendJson(res, 200, store.list(start, limit, recipientFilter(address)));
  }

  const messageId = /^\/api\/v1\/message\/([^/]+)$/.exec(path)?.[1];
  if (method === 'GET' && messageId !== undefined) {
    const id = decodePathSegment(messageId);
    // `latest` is Mailpit's alias for the newest message.
    const message = id === 'latest' ? store.latest() : store.get(id);
    if (!message) throw new HttpError(404, 'message not found');
    return sendJson(res, 200, message);
  }

  if (path === '/api/v1/faults') {
    if (method === 'GET') return sendJson(res, 200, { faults: faults.list() });
    if (method === 'DELETE') return sendJson(res, 200, { cleared: faults.clear() });
    if (method === 'POST') return sendJson(res, 201, faults.add(faultRule(await readJsonBody(req))));
  }

  if (method === 'GET' && path === '/api/v1/stats') {
    const stats: SinkStats = { total: store.size, accepted: store.acceptedCount, rejected: faults.firedCount };
    return sendJson(res, 200, stats);
  }

  throw new HttpError(404, 'not found');
}

function decodePathSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new HttpError(400, 'malformed message ID');
  }
}

function pageParams(params: URLSearchParams): { start: number; limit: number } {
  const start = intParam(params, 'start') ?? 0;
  const limit = Math.min(intParam(params, 'limit') ?? DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE);
  return { start, limit };
}

function intParam(params: URLSearchParams, name: string): number | undefined {
  const value = params.get(name);
  if (value === null || value === '') return undefined;
  if (!/^\d+$/.test(value)) throw new HttpError(400, `${name} must be a non-negative integer`);
  return Number(value);
}

/** Only Mailpit's `to:ADDRESS` form (optionally quoted) is supported. */
function recipientQuery(query: string | null): string {
  const match = /^\s*to:\s*"?([^"\s]+)"?\s*$/i.exec(query ?? '');
  if (!match?.[1]) throw new HttpError(400, 'query must be to:ADDRESS');
  return match[1];
}

/** No body empties the inbox; `{ "IDs": [...] }` deletes those messages only, as in Mailpit. */
function deleteMessages(store: MessageStore, body: unknown): number {
  if (body === undefined) return store.clear();
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new HttpError(400, 'body must be a JSON object');
  }
  const ids = (body as { IDs?: unknown }).IDs;
  if (ids === undefined || (Array.isArray(ids) && ids.length === 0)) return store.clear();
  if (!Array.isArray(ids) || !ids.every((id): id is string => typeof id === 'string')) {
    throw new HttpError(400, 'IDs must be an array of strings');
  }
  return store.delete(ids);
}

function faultRule(body: unknown): FaultRuleInput {
  try {
    return parseFaultRule(body);
  } catch (err) {
    if (err instanceof InvalidFaultRuleError) throw new HttpError(400, err.message);
    throw err;
  }
}
