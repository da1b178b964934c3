import { AsyncLocalStorage } from 'node:async_hooks';
import { Injectable, type NestMiddleware } from '@nestjs/common';
import type { Principal } from './roles';

interface RequestStore {
  principal?: Principal;
}

const storage = new AsyncLocalStorage<RequestStore>();

/**
 * The authenticated principal of the request being served, for code that has no request at hand
 * (e.g. AuditService recording the actor from inside a use-case). Set by the bearer guard.
 */
@Injectable()
export class RequestContext {
  run<T>(fn: () => T): T {
    return storage.run({}, fn);
  }

  setPrincipal(principal: Principal): void {
    const store = storage.getStore();
    if (store) store.principal = principal;
  }

  principal(): Principal | undefined {
    return storage.getStore()?.principal;
  }
}

/** Opens a request context around everything downstream: guards, pipes, handlers. */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  constructor(private readonly context: RequestContext) {}

  use(_req: unknown, _res: unknown, next: () => void): void {
    this.context.run(next);
  }
}
