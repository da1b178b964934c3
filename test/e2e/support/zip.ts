import { BlobReader, configure, Uint8ArrayWriter, ZipReader } from '@zip.js/zip.js';

configure({ useWebWorkers: false });

/** The text of the one file in a ZIP (AES when a password is given); throws on a wrong or missing password. Keeps a byte-order mark. */
export async function unzipText(body: ArrayBuffer | Uint8Array, password?: string): Promise<string> {
  const reader = new ZipReader(new BlobReader(new Blob([new Uint8Array(body)])), password === undefined ? {} : { password });
  try {
    const [entry] = await reader.getEntries();
    if (!entry || entry.directory) throw new Error('the ZIP holds no file');
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await entry.getData(new Uint8ArrayWriter()));
  } finally {
    await reader.close();
  }
}

/** RFC 4180 rows (quoted cells, doubled quotes, CRLF or LF). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), (i += 1);
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(cell), (cell = ''));
    else if (c === '\n') (row.push(cell.replace(/\r$/, '')), rows.push(row), (row = []), (cell = ''));
    else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
