import { readApiError } from '@handover/api-client';
import { CliError, exitCodeForStatus } from './cli-error';
import type { CliContext } from './context';
import { EXIT } from './exit-codes';

type Result<D> = { data: D; error?: never; response: Response } | { data?: never; error: unknown; response: Response };

/** Awaits one typed-client call: its data, or a CliError with the API's code (exit 2 or 3). */
export async function call<D>(ctx: CliContext, pending: Promise<Result<D>>): Promise<Exclude<D, undefined>> {
  return (await callWithResponse(ctx, pending)).data;
}

/** Like call, with the answer's response too (its headers). */
export async function callWithResponse<D>(ctx: CliContext, pending: Promise<Result<D>>): Promise<{ data: Exclude<D, undefined>; response: Response }> {
  let result: Result<D>;
  try {
    result = await pending;
  } catch (error) {
    throw new CliError(ctx.t('err.unreachable', { url: ctx.apiUrl, reason: networkReason(error) }), EXIT.unavailable);
  }
  const { response } = result;
  if (result.error !== undefined || !response.ok) {
    const body = readApiError(response.status, result.error);
    const lines = [ctx.t('err.api', { status: response.status, code: body.code, message: body.message })];
    if (body.fields?.length) lines.push(ctx.t('err.fields', { fields: body.fields.map((f) => `${f.field} (${f.reason})`).join(', ') }));
    throw new CliError(lines.join('\n'), exitCodeForStatus(response.status), body);
  }
  return { data: result.data as Exclude<D, undefined>, response };
}

function networkReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (cause && typeof cause.message === 'string') return cause.message;
  return error instanceof Error ? error.message : String(error);
}
