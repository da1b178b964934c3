/** One CSV cell as RFC 4180 writes it: quoted (inner quotes doubled) when it holds a quote, a comma or a line break; else as it is. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
