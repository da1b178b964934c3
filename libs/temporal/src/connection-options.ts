import { readFileSync } from 'node:fs';
import type { TLSConfig } from '@temporalio/client';

/** The TEMPORAL_* settings of libs/config every client and the worker connect with (issue 15). */
export interface TemporalConnectionSettings {
  TEMPORAL_ADDRESS: string;
  TEMPORAL_TLS?: boolean | undefined;
  TEMPORAL_TLS_CA?: string | undefined;
  TEMPORAL_TLS_CERT?: string | undefined;
  TEMPORAL_TLS_KEY?: string | undefined;
  TEMPORAL_TLS_SERVER_NAME?: string | undefined;
  TEMPORAL_API_KEY?: string | undefined;
}

/** What both `Connection.connect` (clients) and `NativeConnection.connect` (the worker) take. */
export interface TemporalConnectionOptions {
  address: string;
  tls?: TLSConfig;
  apiKey?: string;
}

/**
 * Connection options from the settings: TLS when TEMPORAL_TLS is on or any TLS file, server name
 * or API key is given (a key must not travel in clear); the PEM files are read here, once.
 */
export function temporalConnectionOptions(settings: TemporalConnectionSettings): TemporalConnectionOptions {
  const { TEMPORAL_TLS_CA: ca, TEMPORAL_TLS_CERT: cert, TEMPORAL_TLS_KEY: key, TEMPORAL_TLS_SERVER_NAME: serverName, TEMPORAL_API_KEY: apiKey } = settings;
  if (Boolean(cert) !== Boolean(key)) {
    throw new Error(`TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together (${cert ? 'TEMPORAL_TLS_KEY' : 'TEMPORAL_TLS_CERT'} is missing)`);
  }
  const useTls = settings.TEMPORAL_TLS === true || Boolean(ca || cert || serverName || apiKey);
  if (!useTls) return { address: settings.TEMPORAL_ADDRESS };
  const tls: TLSConfig = {
    ...(ca && { serverRootCACertificate: readFileSync(ca) }),
    ...(cert && key && { clientCertPair: { crt: readFileSync(cert), key: readFileSync(key) } }),
    ...(serverName && { serverNameOverride: serverName }),
  };
  return { address: settings.TEMPORAL_ADDRESS, tls, ...(apiKey && { apiKey }) };
}
