import { Command, CommanderError, Option } from 'commander';
import { CliError } from './cli-error';
import { CliContext, type CliIo, type GlobalFlags } from './context';
import { EXIT } from './exit-codes';
import { parseLangFlag, resolveLocale, translator, type Locale } from './i18n';
import type { Action, Runner } from './runner';
import { registerAudit } from './commands/audit.command';
import { registerCases, registerGates } from './commands/cases.command';
import { registerHandover } from './commands/handover.command';
import { registerIncidents } from './commands/incidents.command';
import { registerInventory } from './commands/inventory.command';
import { registerKeys } from './commands/keys.command';
import { registerLogin } from './commands/login.command';
import { registerReport } from './commands/report.command';
import { registerRequests } from './commands/requests.command';
import { registerThirdParties } from './commands/third-parties.command';

/** `--lang X` / `--lang=X` read before commander runs: the help itself is in that language. */
export function langFromArgv(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') return undefined;
    if (arg === '--lang') return argv[i + 1];
    if (arg.startsWith('--lang=')) return arg.slice('--lang='.length);
  }
  return undefined;
}

export function buildProgram(io: CliIo, locale: Locale): Command {
  const t = translator(locale);
  const run: Runner = <A extends unknown[]>(action: Action<A>) => async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const ctx = new CliContext(io, command.optsWithGlobals<GlobalFlags>(), locale, t);
    await action(ctx, ...(args.slice(0, -1) as A));
  };
  const program = new Command('handover')
    .description(t('program.description'))
    .version('0.1.0', '-V, --version', t('opt.version'))
    .helpOption('-h, --help', t('opt.help'))
    .helpCommand('help [command]', t('opt.help'))
    .option('--api-url <url>', t('opt.apiUrl'))
    .option('--token <token>', t('opt.token'))
    .option('--json', t('opt.json'))
    .addOption(new Option('--lang <lang>', t('opt.lang')))
    .option('--no-progress', t('opt.noProgress'))
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) });
  const deps = { t, run };
  for (const register of [registerLogin, registerCases, registerGates, registerInventory, registerThirdParties, registerRequests, registerIncidents, registerKeys, registerAudit, registerReport, registerHandover]) {
    register(program, deps);
  }
  // Subcommands inherit the error handling and output of the program.
  const inherit = (command: Command): void => {
    for (const sub of command.commands) {
      sub.helpOption('-h, --help', t('opt.help')).helpCommand('help [command]', t('opt.help'));
      sub.exitOverride().configureOutput({ writeOut: (text) => io.stdout.write(text), writeErr: (text) => io.stderr.write(text) }).showHelpAfterError();
      inherit(sub);
    }
  };
  inherit(program);
  return program;
}

/** Runs one command line; returns the exit code (README, "Command-line client"). */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const lang = langFromArgv(argv);
  if (lang !== undefined && !parseLangFlag(lang)) {
    io.stderr.write(`handover: ${translator('en')('err.badLang', { lang })} / ${translator('zh-CN')('err.badLang', { lang })}\n`);
    return EXIT.usage;
  }
  const locale = resolveLocale(lang === undefined ? undefined : parseLangFlag(lang), io.env);
  const program = buildProgram(io, locale);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return EXIT.ok;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (error instanceof CliError) {
      if (program.opts<GlobalFlags>().json && error.api) io.stdout.write(JSON.stringify({ error: error.api }, null, 2) + '\n');
      io.stderr.write(`handover: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(`handover: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT.unavailable;
  }
}
