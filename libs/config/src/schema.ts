import { z } from 'zod';

// One validated schema per service. Every environment variable the project reads is named here;
// no other file reads process.env.

const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

const shared = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HANDOVER_DATA_DIR: z.string().min(1).default('.data'),
  /** Where uploads and package files live (issue 17): `local` (files under HANDOVER_DATA_DIR, one machine) or `gridfs` (the database, shared by replicas). */
  HANDOVER_STORAGE: z.enum(['local', 'gridfs'], { error: 'must be local or gridfs' }).default('local'),
  /** base64 of 32 bytes: the single master key of old (a keyring of one key, its id its fingerprint). */
  HANDOVER_MASTER_KEY: z.string().optional(),
  /** The master keyring, JSON `{"active":"k2","keys":{"k1":"<base64>","k2":"<base64>"}}` (wins over HANDOVER_MASTER_KEY and the files). */
  HANDOVER_MASTER_KEYS: z.string().optional(),
  /** base64 of 32 bytes: the audit chain's HMAC key (absent: generated once under the data directory's secrets/). */
  HANDOVER_AUDIT_KEY: z.string().optional(),
  /** Id written with each keyed audit event (absent: `ak-` + 16 hex of the key's SHA-256). */
  HANDOVER_AUDIT_KEY_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash, underscore (at most 64)').optional(),
  /** PKCS#8 PEM of the Ed25519 key that signs audit checkpoints (absent: generated once under secrets/). */
  HANDOVER_AUDIT_SIGNING_KEY: z.string().optional(),
  /** The append path signs a checkpoint of a chain after this many events since its last one. */
  HANDOVER_AUDIT_CHECKPOINT_EVENTS: z.coerce.number().int().min(1).default(100),
  /** ... or when its last checkpoint is older than this many minutes (and an event is appended). */
  HANDOVER_AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(0).default(5),
  MONGODB_URI: z.string().regex(/^mongodb(\+srv)?:\/\//, 'must be a mongodb:// URI').default('mongodb://127.0.0.1:27017/handover'),
  TEMPORAL_ADDRESS: z.string().min(1).default('127.0.0.1:7233'),
  /** TLS to the Temporal frontend (issue 15): on/off; on with no CA trusts the system's roots. */
  TEMPORAL_TLS: z.stringbool().default(false),
  /** PEM file of the CA that signed the frontend's certificate (implies TLS). */
  TEMPORAL_TLS_CA: z.string().min(1).optional(),
  /** PEM files of this process's client certificate and key for mTLS (both or neither; imply TLS). */
  TEMPORAL_TLS_CERT: z.string().min(1).optional(),
  TEMPORAL_TLS_KEY: z.string().min(1).optional(),
  /** The name to verify the frontend's certificate against, when it differs from the address's host. */
  TEMPORAL_TLS_SERVER_NAME: z.string().min(1).optional(),
  /** API key sent as a bearer token to the frontend (Temporal Cloud; implies TLS). */
  TEMPORAL_API_KEY: z.string().min(1).optional(),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('handover'),
  PORTAL_URL: z.string().url().default('http://127.0.0.1:3001'),
  /**
   * OTLP/HTTP endpoint of a trace collector (issue 17, "Traces"): set, the admin API and the worker
   * export spans to `<endpoint>/v1/traces`; unset (or empty), no tracing is set up at all.
   */
  OTEL_EXPORTER_OTLP_ENDPOINT: z.preprocess((value) => (value === '' ? undefined : value), z.url().optional()),
  /** Address the metrics port binds to (Prometheus text at /metrics); loopback by default. */
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** Working-calendar files (comma-separated paths) adding years the packaged data lacks (libs/calendars). */
  HANDOVER_CALENDAR_FILES: z.string().default(''),
};

/** What libs/calendars reads: the calendar files every process loads alike. */
export const calendarSchema = z.object({ HANDOVER_CALENDAR_FILES: shared.HANDOVER_CALENDAR_FILES });
/** Plain http is accepted for a loopback issuer only (a provider on this machine, as in the tests). */
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const secureOrLoopback = (value: string): boolean => {
  const url = new URL(value);
  return url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname));
};

/** OpenID Connect sign-in of people (docs/api.md, "Authentication"); off unless OIDC_ISSUER is set. */
const oidc = {
  /** The provider's issuer URL (its discovery document is read from `/.well-known/openid-configuration` under it). */
  OIDC_ISSUER: z.url().refine(secureOrLoopback, 'must be an https:// URL (http:// only for a loopback address)').optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Absent: a public client (PKCE only, no client authentication). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** This API's `/auth/callback` as the provider knows it, e.g. https://handover.example/auth/callback. */
  OIDC_REDIRECT_URL: z.url().refine((value) => new URL(value).pathname.endsWith('/auth/callback'), 'must end in /auth/callback').optional(),
  /** Space-separated scopes asked for; they must release the role and team claims. */
  OIDC_SCOPES: z.string().default('openid'),
  /** The claim (in the ID token or, failing that, from the userinfo endpoint) that names the role. */
  OIDC_ROLE_CLAIM: z.string().min(1).default('handover_role'),
  /** The claim that names the team (its id, or its name). */
  OIDC_TEAM_CLAIM: z.string().min(1).default('handover_team'),
  /** Where the browser goes after sign-in (a path of this API). */
  OIDC_POST_LOGIN_PATH: z.string().regex(/^\/[^/\\]/, 'must be a path such as /console/').default('/console/'),
  /** Lifetime of the API key a CLI device sign-in receives (hours). */
  OIDC_CLI_KEY_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
};

function requireOidcClient(config: { OIDC_ISSUER?: string | undefined; OIDC_CLIENT_ID?: string | undefined; OIDC_REDIRECT_URL?: string | undefined }, ctx: z.RefinementCtx): void {
  if (config.OIDC_ISSUER === undefined) return;
  for (const name of ['OIDC_CLIENT_ID', 'OIDC_REDIRECT_URL'] as const) {
    if (config[name] === undefined) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when OIDC_ISSUER is set' });
  }
}

export const adminApiSchema = z.object({
  ...shared,
  ADMIN_PORT: port(3000),
  ADMIN_HOST: z.string().default('127.0.0.1'),
  /** Prometheus metrics of the admin API (0 = none). */
  ADMIN_METRICS_PORT: port(9464),
  /** A case status read is served from memory for this long (ms) after it was read; 0 = read every time. */
  STATUS_CACHE_MS: z.coerce.number().int().min(0).max(5_000).default(500),
  HANDOVER_ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Largest inventory upload accepted (bytes); larger bodies get 413. */
  MAX_UPLOAD_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024 * 1024),
  /** Organisation clock settings for incidents, JSON `{"containment":"PT30M",...}` (deadline names or task ids → ISO-8601). */
  INCIDENT_CLOCK_OVERRIDES: z.string().default('{}'),
  /** Largest JSON request body (bytes); larger bodies get 413. Inventory uploads are streamed and use MAX_UPLOAD_BYTES. */
  ADMIN_JSON_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1024 * 1024),
  /** Largest body of POST /codec/encode and /codec/decode (bytes): Temporal payloads reach 2 MB, base64 adds a third. */
  CODEC_BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(4 * 1024 * 1024),
  /**
   * Distinct failing credentials per client IP and clock minute, counted across every admin API process; beyond it
   * the address's requests answer 429 for the rest of the minute, except with a credential that authenticated recently.
   */
  ADMIN_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  /** Reverse proxies in front of the admin API whose X-Forwarded-For is trusted for the client IP (0 = none). */
  ADMIN_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** The built case console (infra/build-console.sh), served at /console/. */
  CONSOLE_DIST_DIR: z.string().min(1).default('services/console/dist'),
  /** Origins of the Temporal UI allowed to call the codec endpoint (CORS), comma-separated. */
  TEMPORAL_UI_ORIGIN: z
    .string()
    .default('http://127.0.0.1:8233')
    .transform((value) => value.split(',').map((origin) => origin.trim()).filter(Boolean))
    .pipe(z.array(z.string().regex(/^https?:\/\/[^/?#\s]+$/, 'must be origins such as http://127.0.0.1:8233 (scheme, host, port; no path)'))),
  ...oidc,
}).superRefine(requireOidcClient);

export const portalSchema = z.object({
  ...shared,
  PORTAL_PORT: port(3001),
  PORTAL_HOST: z.string().default('127.0.0.1'),
  /** Prometheus metrics of the portal (0 = none). */
  PORTAL_METRICS_PORT: port(9465),
  /**
   * Requests per clock minute and client IP on the link routes, counted across every portal process; over it: 429.
   * Sized for carrier-grade NAT and office proxies, where hundreds of customers share one address
   * (a notice mailing sends them all at once): the per-link limit is what holds one person back.
   */
  PORTAL_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Requests per clock minute on one link (its subject: a customer, third party or package), from any address; over it: 429. */
  PORTAL_LINK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Reverse proxies in front of the portal whose X-Forwarded-For is trusted for the client IP (0 = none). */
  PORTAL_TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  /** Time zone in which deadlines are shown to customers. */
  PORTAL_TIME_ZONE: z
    .string()
    .refine((zone) => {
      try {
        return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone.length > 0;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone, e.g. Asia/Shanghai')
    .default('Asia/Shanghai'),
});

export const workerSchema = z.object({
  ...shared,
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').default('smtp://127.0.0.1:1025'),
  MAIL_FROM: z.string().default('Handover <no-reply@handover.local>'),
  SMTP_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(50).default(5),
  SMTP_RATE_PER_SECOND: z.coerce.number().int().min(0).default(0),
  /** Customer messages a mailing keeps in flight at once (0 = mailInFlight: 20 per SMTP connection). */
  SMTP_MAX_IN_FLIGHT: z.coerce.number().int().min(0).max(1000).default(0),
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().min(1).default(20),
  /**
   * Workflow runs kept in the worker's sticky cache (0 = no cache: every workflow task replays its
   * history). Bounds the memory of the workflow sandbox; the SDK's default grows with the V8 heap
   * limit (thousands on a large machine).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .default(100)
    .refine((n) => n === 0 || n >= 2, 'must be 0 (no cache) or at least 2'),
  /** 0 = no health endpoint; otherwise GET http://127.0.0.1:PORT/health */
  WORKER_HEALTH_PORT: port(0),
  /** Seconds between two sweeps of legal holds that ended (their records erased, then the hold key shredded); 0 = no sweep. */
  HOLD_SWEEP_INTERVAL_SECONDS: z.coerce.number().int().min(0).max(7 * 24 * 3600).default(3600),
  /** Prometheus metrics of the worker, its own and the Temporal SDK's (0 = none). */
  WORKER_METRICS_PORT: port(9466),
  /** Where the Temporal SDK's runtime serves its Prometheus series for the worker to include (loopback; 0 = not collected). */
  TEMPORAL_SDK_METRICS_PORT: port(9467),
  MAIL_DOMAIN: z.string().default('handover.local'),
  /** The Chromium that prints the compliance report PDF (checked at start-up; Debian's package by default). */
  CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium'),
  /** Incident team addresses, comma-separated: owners' reminders, escalations without a case, drill notices. */
  INCIDENT_INTERNAL_ADDRESSES: z.string().default('security@handover.local').transform((v) => v.split(',').map((a) => a.trim()).filter(Boolean)).pipe(z.array(z.email()).min(1)),
});

export type AdminApiConfig = z.infer<typeof adminApiSchema>;
export type PortalConfig = z.infer<typeof portalSchema>;
export type WorkerConfig = z.infer<typeof workerSchema>;
export type SharedConfig = z.infer<z.ZodObject<typeof shared>>;

/**
 * Customer messages a mailing keeps in flight: SMTP_MAX_IN_FLIGHT, else 20 per pooled SMTP connection.
 * Each message waits for its ledger claim before the send and its mark after it (database round
 * trips); with only twice the connections in flight those waits, not SMTP, bounded the rate (140
 * msg/s at 10 in flight, about 300 at 100, 20,000 customers on FerretDB v1). Group commit writes
 * the claims and marks of the messages in flight together. A crash can leave at most the messages
 * in flight sent and unmarked (the duplicates' bound; the ledger counts them as `resent`).
 */
export function mailInFlight(config: { SMTP_MAX_IN_FLIGHT: number; SMTP_MAX_CONNECTIONS: number }): number {
  return config.SMTP_MAX_IN_FLIGHT || 20 * config.SMTP_MAX_CONNECTIONS;
}
