/** Command-line options of the inventory benchmark (after `bash bench/run.sh inventory`). */

export interface InventoryBenchArgs {
  rows: number;
  seed: number;
  invalidRatio: number;
  encoding: 'gb18030' | 'utf8';
  /** Some invalid rows repeat an earlier customer_id (as real files do); off with --no-duplicate-ids. */
  duplicateIds: boolean;
  /** When the raw-driver baseline runs: before the import (default), after it, or not at all. */
  baseline: 'first' | 'last' | 'skip';
  batchSize: number;
  /** Reuse a file generated earlier with the same rows/seed/ratio/encoding. */
  reuseFile: boolean;
  keepBaseline: boolean;
  /** Exit 3 when a target is missed. */
  strict: boolean;
  timeoutMinutes: number;
  /** Abort when `processed` has not moved for this long. */
  stallSeconds: number;
}

export const USAGE = `usage: bash bench/run.sh inventory [--rows N] [--seed S] [--invalid-ratio R] [--encoding gb18030|utf8]
       [--no-duplicate-ids] [--baseline first|last|skip] [--batch-size N] [--reuse-file] [--keep-baseline] [--strict]
       [--timeout-min M] [--stall-sec S]`;

/** 1000000, 1_000_000, 1,000,000, 1e6, 20k, 1m */
function count(text: string): number {
  const m = /^([\d.e_,]+)([km]?)$/i.exec(text.trim());
  const base = m ? Number((m[1] ?? '').replace(/[_,]/g, '')) : NaN;
  const value = base * (m?.[2]?.toLowerCase() === 'k' ? 1e3 : m?.[2]?.toLowerCase() === 'm' ? 1e6 : 1);
  if (!Number.isInteger(value) || value < 1) throw new Error(`not a row count: ${text}\n${USAGE}`);
  return value;
}

export function parseBenchArgs(argv: readonly string[]): InventoryBenchArgs {
  const args: InventoryBenchArgs = {
    rows: 1_000_000,
    seed: 20261,
    invalidRatio: 0.02,
    encoding: 'gb18030',
    duplicateIds: true,
    baseline: 'first',
    batchSize: 1000,
    reuseFile: false,
    keepBaseline: false,
    strict: false,
    timeoutMinutes: 0,
    stallSeconds: 300,
  };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i] as string;
    const [name, inline] = flag.includes('=') ? (flag.split(/=(.*)/s, 2) as [string, string]) : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new Error(`${name} needs a value\n${USAGE}`);
      return v;
    };
    switch (name) {
      case '--rows': args.rows = count(value()); break;
      case '--seed': args.seed = count(value()); break;
      case '--invalid-ratio': args.invalidRatio = Number(value()); break;
      case '--encoding': args.encoding = value() === 'utf8' ? 'utf8' : 'gb18030'; break;
      case '--baseline': {
        const v = value();
        if (v !== 'first' && v !== 'last' && v !== 'skip') throw new Error(`--baseline first|last|skip\n${USAGE}`);
        args.baseline = v;
        break;
      }
      case '--batch-size': args.batchSize = count(value()); break;
      case '--no-duplicate-ids': args.duplicateIds = false; break;
      case '--reuse-file': args.reuseFile = true; break;
      case '--keep-baseline': args.keepBaseline = true; break;
      case '--strict': args.strict = true; break;
      case '--timeout-min': args.timeoutMinutes = Number(value()); break;
      case '--stall-sec': args.stallSeconds = Number(value()); break;
      case '-h':
      case '--help':
        throw new Error(USAGE);
      default:
        throw new Error(`unknown option ${flag}\n${USAGE}`);
    }
  }
  if (!(args.invalidRatio >= 0 && args.invalidRatio <= 1)) throw new Error('--invalid-ratio must be between 0 and 1');
  // Generous: 10 minutes plus 200 rows/s.
  if (!(args.timeoutMinutes > 0)) args.timeoutMinutes = Math.ceil(10 + args.rows / 200 / 60);
  return args;
}
