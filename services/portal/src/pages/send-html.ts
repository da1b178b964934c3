import type { Response } from 'express';

/** Every portal page leaves through here: the status, UTF-8 HTML, the rendered page. */
export function sendHtml(response: Response, status: number, html: string): void {
  response.status(status).type('text/html; charset=utf-8').send(html);
}
