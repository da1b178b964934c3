import { Client, Connection } from '@temporalio/client';
import { handoverDataConverter } from './data-converter';

export interface TemporalClientOptions {
  address: string;
  namespace: string;
  masterKey: string;
}

/** Connects a Temporal client with the encrypting data converter. */
export async function connectTemporalClient(options: TemporalClientOptions): Promise<Client> {
  const connection = await Connection.connect({ address: options.address });
  return new Client({ connection, namespace: options.namespace, dataConverter: handoverDataConverter(options.masterKey) });
}
