import { InvalidArgumentError, type Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError } from './cli-error';
import type { Translate } from './i18n';
import { EXIT } from './exit-codes';

/** A whole, non-negative number flag (commander reports a bad one as a usage error, exit 1). */
export const wholeNumber = (value: string): number => {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
};

/** `a,b, c` → ['a', 'b', 'c']. */
export const list = (value: string): string[] => value.split(',').map((item) => item.trim()).filter(Boolean);

export interface WaitFlags {
  wait?: boolean;
  timeout: number;
  interval: number;
}

export function addWaitOptions(command: Command, t: Translate, defaultTimeout = 600): Command {
  return command
    .option('--wait', t('opt.wait'))
    .option('--timeout <seconds>', t('opt.timeout'), wholeNumber, defaultTimeout)
    .option('--interval <seconds>', t('opt.interval'), wholeNumber, 1);
}

/** A JSON object from a file (`--file`), or {} without one. */
export function readJsonObject(path: string | undefined, t: Translate): Record<string, unknown> {
  if (!path) return {};
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new CliError(t('err.readFile', { path, reason: (error as NodeJS.ErrnoException).code ?? String(error) }), EXIT.usage);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new CliError(t('err.badJson', { path }), EXIT.usage);
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw new CliError(t('err.badJson', { path }), EXIT.usage);
  return value as Record<string, unknown>;
}

/** Drops undefined values, so flags that were not given do not override a file's fields. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
