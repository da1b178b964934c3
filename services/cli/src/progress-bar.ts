import { formatBytes, formatCount } from './format';

/** Where a bar is drawn: standard error on a terminal. */
export interface ProgressSink {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export type ProgressUnit = 'bytes' | 'count';

const BAR_WIDTH = 24;

/**
 * One line redrawn in place (`\r`). With a total: `label [#####-------]  42% 1.2 MiB/2.9 MiB`;
 * without: `label 1,234 rows`. Redrawn only when the text changes (at most one line per percent),
 * and drawn at all only on a terminal: a script reading the output sees no control characters.
 */
export class ProgressBar {
  private lastKey = '';
  private active = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly label: string,
    private readonly unit: ProgressUnit,
    private readonly enabled: boolean,
    private readonly unitLabel = '',
  ) {}

  update(value: number, total?: number): void {
    if (!this.enabled) return;
    const line = this.render(value, total);
    // With a total, one redraw per percent; without one, each new count.
    const key = total !== undefined && total > 0 ? String(Math.floor((Math.min(value, total) / total) * 100)) : line;
    if (key === this.lastKey) return;
    this.lastKey = key;
    this.active = true;
    const width = this.sink.columns ?? 80;
    this.sink.write(`\r${line.length < width ? line.padEnd(width - 1) : line}`);
  }

  /** Ends the line so the next output starts on its own. */
  done(): void {
    if (this.active) this.sink.write('\n');
    this.active = false;
  }

  render(value: number, total?: number): string {
    const amount = (n: number) => (this.unit === 'bytes' ? formatBytes(n) : formatCount(n));
    if (total === undefined || total <= 0) return `${this.label} ${amount(value)}${this.unitLabel ? ` ${this.unitLabel}` : ''}`;
    const ratio = Math.min(1, Math.max(0, value / total));
    const filled = Math.round(ratio * BAR_WIDTH);
    const percent = String(Math.floor(ratio * 100)).padStart(3);
    return `${this.label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${percent}% ${amount(value)}/${amount(total)}`;
  }
}
