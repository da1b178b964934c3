import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The process's metrics (Prometheus text, prom-client), prefixed `handover_`. One registry per
 * process; each service serves it on its own metrics port (metrics-server.ts). Labels carry
 * kinds, route templates and statuses only: never ids or personal data.
 */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: 'handover_' });

export const httpRequestDuration = new Histogram({
  name: 'handover_http_request_duration_seconds',
  help: 'HTTP requests by route template, method and status',
  labelNames: ['service', 'route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const mailSent = new Counter({
  name: 'handover_mail_sent_total',
  help: 'Messages the SMTP server accepted, by mailing kind (notice, reminder, third-party, …)',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const mailFailed = new Counter({
  name: 'handover_mail_failed_total',
  help: 'Messages the SMTP server refused for good (bounces), by mailing kind',
  labelNames: ['kind'] as const,
  registers: [registry],
});

export const importRows = new Counter({
  name: 'handover_import_rows_total',
  help: 'Inventory rows imported, by result (accepted, rejected)',
  labelNames: ['result'] as const,
  registers: [registry],
});

export const activityDuration = new Histogram({
  name: 'handover_activity_duration_seconds',
  help: 'Temporal activity executions by activity type and outcome',
  labelNames: ['activity', 'outcome'] as const,
  buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
  registers: [registry],
});

/** Cases by phase: set by the admin API only (one collector), so replicas of other services do not count it again. */
export const casePhase = new Gauge({
  name: 'handover_case_phase',
  help: 'Cases by status and phase',
  labelNames: ['status', 'phase'] as const,
  registers: [registry],
});

/** The kind label of a mailing id: `reminder-2` → `reminder`, `notice` → `notice`. */
export function mailingKind(mailing: string): string {
  return mailing.replace(/-\d+$/, '');
}
