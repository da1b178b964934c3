/**
 * Samples memory and CPU of the benchmarked processes from /proc (Linux only), once a second:
 * - the stack's processes from their pid files (worker, admin API, portal, mail sink, FerretDB,
 *   Temporal) and the bench process itself: VmRSS, VmHWM, utime+stime;
 * - the PostgreSQL processes behind FerretDB, found by their process title: backends of the bench
 *   database, and the server's shared processes (checkpointer, WAL writer, ...): CPU only;
 * - the whole machine (/proc/stat), so that CPU used by anything else (other stacks on a shared
 *   machine) shows up as `others`.
 * A window (a phase, or the interval between two progress lines) reports CPU seconds per group and
 * the peak RSS per process. Opening a phase window resets the kernel's peak RSS (VmHWM, via
 * `echo 5 > /proc/<pid>/clear_refs`) so that its VmHWM at the end is that phase's exact peak.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const CLK_TCK = 100; // USER_HZ: 100 on every Linux architecture Node supports
const KB = 1024;

export interface TrackedProcess {
  name: string;
  pid: number;
}

export interface MemoryStatus {
  rssBytes: number;
  hwmBytes: number;
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}

export function readMemory(pid: number): MemoryStatus | null {
  const text = readText(`/proc/${pid}/status`);
  if (text === null) return null;
  const kb = (key: string): number => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN) * KB;
  const status = { rssBytes: kb('VmRSS'), hwmBytes: kb('VmHWM') };
  return Number.isNaN(status.rssBytes) ? null : status;
}

/** utime + stime in clock ticks, or null when the process is gone. */
export function readCpuTicks(pid: number): number | null {
  const text = readText(`/proc/${pid}/stat`);
  if (text === null) return null;
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' '); // fields[0] is field 3 (state)
  return Number(fields[11]) + Number(fields[12]);
}

/** Nanoseconds spent waiting on a run queue (runnable, no CPU free), summed over the threads. */
export function readRunQueueWaitNs(pid: number): number | null {
  let tasks: string[];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return null;
  }
  let wait = 0;
  for (const tid of tasks) wait += Number((readText(`/proc/${pid}/task/${tid}/schedstat`) ?? '0 0').split(' ')[1] ?? 0);
  return wait;
}

/** PSI: microseconds during which some runnable task waited for a CPU (null without PSI). */
function cpuPressureMicros(): number | null {
  const match = /^some .*total=(\d+)/m.exec(readText('/proc/pressure/cpu') ?? '');
  return match ? Number(match[1]) : null;
}

/** Resets VmHWM to the current RSS; false when not permitted (not our process, no root). */
export function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

function machineTicks(): { busy: number; total: number } {
  const line = (readText('/proc/stat') ?? '').split('\n')[0] ?? '';
  const [, user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
  const total = user + nice + system + idle + iowait + irq + softirq + steal;
  return { busy: total - idle - iowait, total };
}

interface CpuEntry {
  group: string;
  ticks: number;
  /** Run-queue wait (ns), tracked processes only. */
  waitNs?: number;
}

export interface WindowReport {
  seconds: number;
  /** CPU seconds per group (a process name, `postgres (<db>)`, `postgres (shared)`, `others`). */
  cpuSeconds: Record<string, number>;
  /** Machine CPU in use, in cores (2.0 = two cores busy on average). */
  machineBusyCores: number;
  /** Per tracked process: seconds its threads were runnable but waiting for a CPU (starvation). */
  runQueueWaitSeconds: Record<string, number>;
  /** Share of the window during which some task waited for a CPU (PSI cpu "some"), or null. */
  cpuPressure: number | null;
  /** Per tracked process: the largest VmRSS sampled in the window. */
  sampledPeakRssBytes: Record<string, number>;
  /** Per tracked process: VmHWM at the end (the exact peak since the reset, when `resetPeaks`). */
  hwmBytes: Record<string, number>;
  peaksReset: boolean;
}

interface Window {
  startedAt: number;
  cpuBase: Map<number, number>;
  waitBase: Map<number, number>;
  pressureBase: number | null;
  machineBase: { busy: number; total: number };
  sampledPeak: Map<string, number>;
  peaksReset: boolean;
}

export class ProcessSampler {
  readonly #tracked: TrackedProcess[];
  readonly #pgDatabase: string | null;
  /** pid → latest CPU sample and group. */
  readonly #cpu = new Map<number, CpuEntry>();
  /** pid → group of a PostgreSQL process (null: another database's backend, not ours). */
  readonly #pgGroup = new Map<number, string | null>();
  readonly #windows = new Set<Window>();
  #timer: NodeJS.Timeout | undefined;

  constructor(tracked: TrackedProcess[], pgDatabase: string | null) {
    this.#tracked = tracked;
    this.#pgDatabase = pgDatabase;
  }

  get tracked(): readonly TrackedProcess[] {
    return this.#tracked;
  }

  start(intervalMs = 1000): void {
    this.sample();
    this.#timer = setInterval(() => this.sample(), intervalMs);
    this.#timer.unref();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
  }

  memory(name: string): MemoryStatus | null {
    const proc = this.#tracked.find((p) => p.name === name);
    return proc ? readMemory(proc.pid) : null;
  }

  /** One sample: CPU of every process we account for, RSS of the tracked ones. */
  sample(): void {
    for (const { name, pid } of this.#tracked) {
      const ticks = readCpuTicks(pid);
      const waitNs = readRunQueueWaitNs(pid);
      if (ticks !== null) this.#cpu.set(pid, { group: name, ticks, ...(waitNs !== null && { waitNs }) });
      const memory = readMemory(pid);
      if (memory) for (const w of this.#windows) w.sampledPeak.set(name, Math.max(w.sampledPeak.get(name) ?? 0, memory.rssBytes));
    }
    if (this.#pgDatabase !== null) this.#samplePostgres();
  }

  #samplePostgres(): void {
    const seen = new Set<number>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      let group = this.#pgGroup.get(pid);
      if (group === undefined) {
        if ((readText(`/proc/${pid}/comm`) ?? '').trim() !== 'postgres') {
          continue; // not cached: a pid can be reused by a postgres process later
        }
        const title = (readText(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
        if (title.includes(` ${this.#pgDatabase} `)) group = `postgres (${this.#pgDatabase})`;
        else if (/postgres: .*(checkpointer|background writer|walwriter|autovacuum launcher|logical replication launcher)/.test(title)) group = 'postgres (shared)';
        else if (/^\S*postgres\s+-D|^\/usr\/lib\/postgresql/.test(title)) group = 'postgres (shared)'; // the postmaster
        else group = null; // another database's backend
        this.#pgGroup.set(pid, group);
      }
      seen.add(pid);
      if (group === null) continue;
      const ticks = readCpuTicks(pid);
      if (ticks !== null) this.#cpu.set(pid, { group, ticks });
    }
    for (const pid of this.#pgGroup.keys()) if (!seen.has(pid)) this.#pgGroup.delete(pid);
  }

  /** Starts a window; with `resetPeaks`, each tracked process's VmHWM restarts from its current RSS. */
  open(options: { resetPeaks?: boolean } = {}): Window {
    this.sample();
    let peaksReset = false;
    if (options.resetPeaks) peaksReset = this.#tracked.map((p) => resetPeak(p.pid)).every(Boolean);
    const window: Window = {
      startedAt: performance.now(),
      cpuBase: new Map([...this.#cpu].map(([pid, e]) => [pid, e.ticks])),
      waitBase: new Map([...this.#cpu].map(([pid, e]) => [pid, e.waitNs ?? 0])),
      pressureBase: cpuPressureMicros(),
      machineBase: machineTicks(),
      sampledPeak: new Map(),
      peaksReset,
    };
    for (const { name, pid } of this.#tracked) {
      const memory = readMemory(pid);
      if (memory) window.sampledPeak.set(name, memory.rssBytes);
    }
    this.#windows.add(window);
    return window;
  }

  /** Ends a window (after a last sample) and reports it. */
  close(window: Window): WindowReport {
    this.sample();
    this.#windows.delete(window);
    const seconds = (performance.now() - window.startedAt) / 1000;
    const cpuSeconds: Record<string, number> = {};
    const runQueueWaitSeconds: Record<string, number> = {};
    let ours = 0;
    for (const [pid, { group, ticks, waitNs }] of this.#cpu) {
      if (waitNs !== undefined) runQueueWaitSeconds[group] = (waitNs - (window.waitBase.get(pid) ?? 0)) / 1e9;
      // A process first seen inside the window was born in it: all its ticks count.
      const delta = (ticks - (window.cpuBase.get(pid) ?? 0)) / CLK_TCK;
      cpuSeconds[group] = (cpuSeconds[group] ?? 0) + delta;
      ours += delta;
    }
    const machine = machineTicks();
    const busyTicks = machine.busy - window.machineBase.busy;
    const machineBusyCores = seconds > 0 ? busyTicks / CLK_TCK / seconds : 0;
    cpuSeconds['others'] = Math.max(0, busyTicks / CLK_TCK - ours);
    const hwmBytes: Record<string, number> = {};
    for (const { name, pid } of this.#tracked) {
      const memory = readMemory(pid);
      if (memory) hwmBytes[name] = memory.hwmBytes;
    }
    const pressure = cpuPressureMicros();
    const cpuPressure = pressure !== null && window.pressureBase !== null && seconds > 0 ? (pressure - window.pressureBase) / 1e6 / seconds : null;
    return {
      seconds,
      cpuSeconds,
      machineBusyCores,
      runQueueWaitSeconds,
      cpuPressure,
      sampledPeakRssBytes: Object.fromEntries(window.sampledPeak),
      hwmBytes,
      peaksReset: window.peaksReset,
    };
  }
}

export const mb = (bytes: number | undefined): number => Math.round(((bytes ?? 0) / (1024 * 1024)) * 10) / 10;

/** 'cpu pressure 96 % · worker waited 42 % · ...': how starved of CPU the stack was in a window. */
export function starvationLine(report: WindowReport, names: readonly string[] = ['worker', 'ferretdb', 'bench']): string {
  const pct = (x: number): string => `${Math.round((x / Math.max(report.seconds, 0.001)) * 100)}%`;
  const parts = names.filter((name) => report.runQueueWaitSeconds[name] !== undefined).map((name) => `${name} waited ${pct(report.runQueueWaitSeconds[name] ?? 0)}`);
  if (report.cpuPressure !== null) parts.unshift(`cpu pressure ${Math.round(report.cpuPressure * 100)}%`);
  return parts.join(' · ');
}

/** 'worker 97% · ferretdb 41% · ...' from a window: CPU as a share of one core, largest first. */
export function cpuLine(report: WindowReport, limit = 6): string {
  return Object.entries(report.cpuSeconds)
    .filter(([, s]) => s > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([group, s]) => `${group} ${Math.round((s / Math.max(report.seconds, 0.001)) * 100)}%`)
    .join(' · ');
}
