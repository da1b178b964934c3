import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Addresses of the real servers started by infra/test.sh (require-infra.js fails fast without them). */
export interface TestEnv {
  temporalAddress: string;
  mongoUri: string;
  smtpUrl: string;
  mailSinkApi: string;
  adminUrl: string;
  portalUrl: string;
  dataDir: string;
  /** HANDOVER_STORAGE of the stack (the services' blob store): `local` unless set to `gridfs`. */
  storage: 'local' | 'gridfs';
}

const must = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the suites through 'npm test'`);
  return value;
};

export function testEnv(): TestEnv {
  return {
    temporalAddress: must('TEMPORAL_ADDRESS'),
    mongoUri: must('MONGODB_URI'),
    smtpUrl: must('SMTP_URL'),
    mailSinkApi: must('MAIL_SINK_API'),
    adminUrl: process.env['ADMIN_URL'] ?? 'http://127.0.0.1:3000',
    portalUrl: process.env['PORTAL_URL'] ?? 'http://127.0.0.1:3001',
    dataDir: process.env['HANDOVER_DATA_DIR'] ?? '.data/test',
    storage: process.env['HANDOVER_STORAGE'] === 'gridfs' ? 'gridfs' : 'local',
  };
}

/** The same server, another database: integration suites do not see each other's documents. */
export function mongoUriFor(database: string): string {
  const url = new URL(testEnv().mongoUri);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The admin token the running services use (generated into the data dir unless given). */
export function adminToken(): string {
  return process.env['HANDOVER_ADMIN_TOKEN'] ?? readFileSync(join(testEnv().dataDir, 'secrets', 'admin.token'), 'utf8').trim();
}

/** The master key of the running services (base64): to read what the admin API wrote, in process. */
export function servicesMasterKey(): string {
  return process.env['HANDOVER_MASTER_KEY'] ?? readFileSync(join(testEnv().dataDir, 'secrets', 'master.key'), 'utf8').trim();
}

/** A fixed master key for in-process workers in tests (and the saved replay histories). Not a secret. */
export const TEST_MASTER_KEY = Buffer.alloc(32, 0x5a).toString('base64');
