import { createAdminApiClient, type AdminApiClient } from '@handover/api-client';
import { CliError } from './cli-error';
import { EXIT } from './exit-codes';
import type { Locale, Translate } from './i18n';
import type { ProgressSink } from './progress-bar';
import { resolveConnection } from './settings';

export type Env = Readonly<Record<string, string | undefined>>;

/** Where the CLI writes and what it reads: the process's in `main.ts`, fakes in unit tests. */
export interface CliIo {
  env: Env;
  stdout: { write(text: string): unknown };
  stderr: ProgressSink;
  fetch?: typeof fetch;
}

/** The global flags every command sees (commander's `optsWithGlobals()`). */
export interface GlobalFlags {
  apiUrl?: string;
  token?: string;
  json?: boolean;
  progress?: boolean;
}

export class CliContext {
  private cached?: AdminApiClient;

  constructor(
    readonly io: CliIo,
    readonly flags: GlobalFlags,
    readonly locale: Locale,
    readonly t: Translate,
  ) {}

  get json(): boolean {
    return this.flags.json === true;
  }

  /** Bars only on a terminal, and not when asked for none. */
  get progress(): boolean {
    return this.flags.progress !== false && this.io.stderr.isTTY === true;
  }

  get apiUrl(): string {
    const { apiUrl } = resolveConnection(this.flags, this.io.env);
    if (!apiUrl) throw new CliError(this.t('err.noApiUrl'), EXIT.usage);
    return apiUrl;
  }

  /** The typed client, with the URL and token from flags, environment or the login file. */
  get client(): AdminApiClient {
    if (this.cached) return this.cached;
    const { apiUrl, token } = resolveConnection(this.flags, this.io.env);
    if (!apiUrl) throw new CliError(this.t('err.noApiUrl'), EXIT.usage);
    if (!token) throw new CliError(this.t('err.noToken'), EXIT.usage);
    this.cached = createAdminApiClient({ baseUrl: apiUrl, token, userAgent: 'handover-cli/0.1.0', ...(this.io.fetch ? { fetch: this.io.fetch } : {}) });
    return this.cached;
  }

  /** `--json`: the data as JSON; otherwise the human text. */
  print(data: unknown, human: () => string): void {
    this.io.stdout.write((this.json ? JSON.stringify(data, null, 2) : human()) + '\n');
  }

  /** A line for people (never with --json, which prints data only). */
  say(text: string): void {
    if (!this.json) this.io.stdout.write(text + '\n');
  }
}
