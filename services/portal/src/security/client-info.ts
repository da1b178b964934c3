import type { Request } from 'express';

/** What the consent evidence records about the client (encrypted before it is stored). */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

const USER_AGENT_MAX = 512;

/** The client IP as Express resolves it (X-Forwarded-For only through the trusted proxy hops). */
export function clientIp(request: Request): string {
  return request.ip ?? request.socket.remoteAddress ?? 'unknown';
}

export function clientInfo(request: Request): ClientInfo {
  return { ip: clientIp(request), userAgent: (request.get('user-agent') ?? '').slice(0, USER_AGENT_MAX) };
}
