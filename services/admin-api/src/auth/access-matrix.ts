import type { Role } from './roles';

/**
 * Who may call what: the one place where route × role is decided. Keys are `METHOD path` with
 * the path template as in the OpenAPI document. `admin` may call every route and is not repeated
 * below; a route missing here is open to admin only (and fails the OpenAPI matrix test).
 * Entries for routes not implemented yet are deliberate: the matrix is data, written ahead.
 * Roles say what; teams say on which cases (CaseAccessGuard: another team's case is 404).
 */
const ADMIN_ONLY: readonly Role[] = [];
const MANAGER: readonly Role[] = ['case-manager'];
const MANAGER_AUDITOR: readonly Role[] = ['case-manager', 'auditor'];
const RESPONDER: readonly Role[] = ['incident-responder'];
const AUDITOR: readonly Role[] = ['auditor'];

export const ACCESS_MATRIX: Readonly<Record<string, readonly Role[]>> = {
  // API keys
  'POST /v1/keys': ADMIN_ONLY,
  'GET /v1/keys': ADMIN_ONLY,
  'DELETE /v1/keys/{id}': ADMIN_ONLY,
  'GET /v1/keys/master': ADMIN_ONLY,
  'POST /v1/keys/master/rotate': ADMIN_ONLY,
  // teams (a non-admin sees its own team only)
  'POST /v1/teams': ADMIN_ONLY,
  'GET /v1/teams': ['case-manager', 'incident-responder', 'auditor'],
  // cases
  'POST /v1/cases': MANAGER,
  'GET /v1/cases': ['case-manager', 'incident-responder', 'auditor'],
  'GET /v1/cases/{id}': ['case-manager', 'incident-responder', 'auditor'],
  'PATCH /v1/cases/{id}': MANAGER,
  'GET /v1/cases/{id}/gates': MANAGER_AUDITOR,
  'POST /v1/cases/{id}/start': MANAGER,
  'POST /v1/cases/{id}/gates/{gate}/approve': MANAGER,
  'POST /v1/cases/{id}/gates/{gate}/reject': MANAGER,
  'POST /v1/cases/{id}/cancel': MANAGER,
  'PUT /v1/cases/{id}/cross-border': MANAGER,
  // inventory
  'POST /v1/cases/{id}/inventory': MANAGER,
  'GET /v1/cases/{id}/inventory/imports/{importId}': MANAGER_AUDITOR,
  'GET /v1/cases/{id}/inventory/rejected': MANAGER_AUDITOR,
  // The rejected rows themselves (personal data, for correction): the case's managers only.
  'GET /v1/cases/{id}/inventory/rejected/export': MANAGER,
  // third parties
  'POST /v1/cases/{id}/third-parties': MANAGER,
  'GET /v1/cases/{id}/third-parties': MANAGER_AUDITOR,
  // handover and report
  'GET /v1/cases/{id}/handover/package': MANAGER,
  'GET /v1/cases/{id}/handover/package/files/{name}': MANAGER,
  'GET /v1/cases/{id}/handover/private-key': MANAGER,
  'POST /v1/cases/{id}/handover/override': MANAGER,
  'GET /v1/cases/{id}/report': MANAGER_AUDITOR,
  'GET /v1/cases/{id}/certificates': MANAGER_AUDITOR,
  'GET /v1/cases/{id}/piia': MANAGER_AUDITOR,
  'GET /v1/cases/{id}/announcement': MANAGER_AUDITOR,
  // a customer's answer evidence is personal data: each read is audited
  'GET /v1/cases/{id}/customers/{ref}/evidence': MANAGER_AUDITOR,
  // audit trail (`global` as the case id reads key events)
  'GET /v1/cases/{id}/audit': AUDITOR,
  'GET /v1/cases/{id}/audit/verify': AUDITOR,
  'GET /v1/cases/{id}/audit/export': AUDITOR,
  // the checkpoint public key (for offline verification of exports): not secret
  'GET /v1/audit/public-key': ['case-manager', 'incident-responder', 'auditor'],
  // incidents
  'POST /v1/incidents': RESPONDER,
  'GET /v1/incidents': ['incident-responder', 'auditor'],
  'GET /v1/incidents/{id}': ['incident-responder', 'auditor'],
  'GET /v1/incidents/{id}/report': ['incident-responder', 'auditor'],
  'POST /v1/incidents/{id}/tasks/{taskId}/complete': RESPONDER,
  // data-subject requests
  'GET /v1/requests': MANAGER_AUDITOR,
  'POST /v1/requests/{id}/resolve': MANAGER,
  'POST /v1/requests': MANAGER,
  'GET /v1/requests/{id}': MANAGER,
  'POST /v1/requests/{id}/extend': MANAGER,
  'POST /v1/requests/bulk': MANAGER,
  // Temporal remote codec (decoded payloads hold personal data: readers of evidence only; encode
  // lets the UI compose encrypted signal input, so admin only); browser sign-in as for decode
  'POST /codec/decode': AUDITOR,
  'POST /codec/encode': ADMIN_ONLY,
  'POST /codec/session': AUDITOR,
};

/**
 * `METHOD path` with every path parameter written `{}`, so OpenAPI templates (`{id}`) and Express
 * route paths (`:id`) compare equal whatever the parameter is called. HEAD is served by GET routes.
 */
export function routeKey(method: string, path: string): string {
  const verb = method.toUpperCase() === 'HEAD' ? 'GET' : method.toUpperCase();
  const template = path
    .replace(/\{[^}/]+\}/g, '{}')
    .replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '{}')
    .replace(/(.)\/+$/, '$1');
  return `${verb} ${template}`;
}

const INDEX: ReadonlyMap<string, readonly Role[]> = buildIndex(ACCESS_MATRIX);

function buildIndex(matrix: Readonly<Record<string, readonly Role[]>>): Map<string, readonly Role[]> {
  const index = new Map<string, readonly Role[]>();
  for (const [entry, roles] of Object.entries(matrix)) {
    const [method, path] = entry.split(' ');
    if (!method || !path) throw new Error(`access matrix entry "${entry}" is not "METHOD /path"`);
    const key = routeKey(method, path);
    if (index.has(key)) throw new Error(`access matrix has two entries for ${key}`);
    index.set(key, ['admin', ...roles.filter((role) => role !== 'admin')]);
  }
  return index;
}

/** Roles allowed on the route (admin first), or undefined when the matrix has no entry for it. */
export function allowedRoles(method: string, path: string): readonly Role[] | undefined {
  return INDEX.get(routeKey(method, path));
}

/** Whether the role may call the route; a route without an entry is admin-only. */
export function isAllowed(role: Role, method: string, path: string): boolean {
  return role === 'admin' || (allowedRoles(method, path)?.includes(role) ?? false);
}
