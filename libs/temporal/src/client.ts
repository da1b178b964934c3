import { Client, Connection, type ClientInterceptors } from '@temporalio/client';
import { temporalConnectionOptions, type TemporalConnectionSettings } from './connection-options';
import { handoverDataConverter } from './data-converter';

export interface TemporalClientOptions {
  /** Address, TLS/mTLS files, server name and API key (libs/config's TEMPORAL_* settings). */
  connection: TemporalConnectionSettings;
  namespace: string;
  /** base64 of the derivation key (libs/persistence `DERIVATION_KEY`; in tests, the single master key of old). */
  masterKey: string;
  /** E.g. libs/tracing's, when tracing is on. */
  interceptors?: ClientInterceptors;
}

/** Connects a Temporal client (TLS as configured) with the encrypting data converter. */
export async function connectTemporalClient(options: TemporalClientOptions): Promise<Client> {
  const connection = await Connection.connect(temporalConnectionOptions(options.connection));
  return new Client({ connection, namespace: options.namespace, dataConverter: handoverDataConverter(options.masterKey), ...(options.interceptors && { interceptors: options.interceptors }) });
}
