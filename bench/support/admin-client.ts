/**
 * The few admin API calls the inventory benchmark makes, over plain fetch: open a case, stream an
 * upload (the request body is read from the file as it is sent, never buffered whole), read the
 * import's progress.
 */
import { createReadStream } from 'node:fs';

export interface ImportProgress {
  importId: string;
  status: 'queued' | 'running' | 'done' | 'failed';
  processed: number;
  accepted: number;
  rejected: number;
  unchanged: number;
  error?: string;
}

export class AdminClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
  ) {}

  private async call<T>(path: string, init: RequestInit & { expect: number }): Promise<T> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${this.token}`, ...init.headers },
    });
    if (res.status !== init.expect) {
      const text = (await res.text()).slice(0, 500);
      throw new Error(`${init.method ?? 'GET'} ${path}: HTTP ${res.status} (expected ${init.expect}): ${text}`);
    }
    return (await res.json()) as T;
  }

  /** Opens a draft case (an asset sale with a domestic recipient); returns its id. */
  async openCase(label: string): Promise<string> {
    const created = await this.call<{ id: string }>('/v1/cases', {
      method: 'POST',
      expect: 201,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        kind: 'asset-sale',
        transferor: { name: `基准测试珠宝店（${label}）`, contact: '0755-88888888' },
        recipient: { name: '买方公司', contact: '021-66666666', email: 'dpo@buyer.example', country: 'CN' },
        manager: { name: '王清算', email: 'bench.manager@example.cn' },
      }),
    });
    return created.id;
  }

  /** Streams the file as the request body (chunked, `duplex: 'half'`); resolves with the import id on 202. */
  async uploadInventory(caseId: string, path: string, contentType = 'text/csv'): Promise<string> {
    const accepted = await this.call<{ importId: string }>(`/v1/cases/${caseId}/inventory`, {
      method: 'POST',
      expect: 202,
      headers: { 'content-type': contentType },
      body: createReadStream(path, { highWaterMark: 256 * 1024 }),
      duplex: 'half',
    });
    return accepted.importId;
  }

  progress(caseId: string, importId: string): Promise<ImportProgress> {
    return this.call<ImportProgress>(`/v1/cases/${caseId}/inventory/imports/${importId}`, { expect: 200 });
  }
}
