import type { Command } from 'commander';
import type { CliContext } from './context';
import type { Translate } from './i18n';

/** A command's action, given the context and commander's arguments (positionals, then options). */
export type Action<A extends unknown[]> = (ctx: CliContext, ...args: A) => Promise<void>;

/** Turns an action into commander's callback (whose last argument is the command itself). */
export type Runner = <A extends unknown[]>(action: Action<A>) => (...args: unknown[]) => Promise<void>;

/** What every `register…` function gets. */
export interface CommandDeps {
  t: Translate;
  run: Runner;
}

export type Register = (program: Command, deps: CommandDeps) => void;
