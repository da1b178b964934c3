import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { testEnv } from './test-env';

/**
 * Throws unless the answer has the expected status; the error names the status, the body and, for
 * a 5xx with a requestId, what the service logged for that request (the error's name: the logs
 * carry no message text), so a failure seen once in CI says why.
 */
export async function expectStatus(response: Response, expected: number, service: 'admin-api' | 'portal' = 'admin-api'): Promise<Response> {
  if (response.status === expected) return response;
  const body = await response.text();
  let logged = '';
  const requestId = /"requestId"\s*:\s*"([^"]+)"/.exec(body)?.[1];
  if (response.status >= 500 && requestId) {
    const log = await readFile(join(testEnv().dataDir, 'logs', `${service}.log`), 'utf8').catch(() => '');
    logged = log.split('\n').filter((line) => line.includes(requestId)).join('\n').slice(0, 2000);
  }
  throw new Error(`expected ${expected}, got ${response.status}: ${body.slice(0, 500)}${logged ? `\n${service} logged:\n${logged}` : ''}`);
}
