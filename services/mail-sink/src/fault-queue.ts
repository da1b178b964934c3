import { randomUUID } from 'node:crypto';
import type { FaultRule, FaultRuleInput } from './types';

/** Thrown for a rule the HTTP API must refuse with 400. */
export class InvalidFaultRuleError extends Error {}

/** An Error smtp-server turns into an SMTP reply with `responseCode`. */
export interface SmtpReplyError extends Error {
  responseCode: number;
}

/**
 * Faults for tests, applied in the order they were added: rules with `rcptMatch` answer RCPT TO
 * for matching recipients, the others answer the end of DATA. Each use decrements `count`; a
 * rule is dropped when it reaches zero.
 */
export class FaultQueue {
  private rules: FaultRule[] = [];
  private fired = 0;

  add(input: FaultRuleInput): FaultRule {
    const rule: FaultRule = {
      id: randomUUID(),
      code: input.code,
      count: input.count,
      message: input.message ?? defaultMessage(input.code),
      ...(input.rcptMatch === undefined ? {} : { rcptMatch: input.rcptMatch }),
    };
    this.rules.push(rule);
    return { ...rule };
  }

  clear(): number {
    const cleared = this.rules.length;
    this.rules = [];
    return cleared;
  }

  list(): FaultRule[] {
    return this.rules.map((rule) => ({ ...rule }));
  }

  /** How many SMTP replies were faults since the queue was created. */
  get firedCount(): number {
    return this.fired;
  }

  /** The error to answer RCPT TO with for this address, or undefined to accept it. */
  takeForRecipient(address: string): SmtpReplyError | undefined {
    const lower = address.toLowerCase();
    return this.take((rule) => rule.rcptMatch !== undefined && lower.includes(rule.rcptMatch.toLowerCase()));
  }

  /** The error to answer the end of DATA with, or undefined to accept the message. */
  takeForData(): SmtpReplyError | undefined {
    return this.take((rule) => rule.rcptMatch === undefined);
  }

  private take(matches: (rule: FaultRule) => boolean): SmtpReplyError | undefined {
    const index = this.rules.findIndex(matches);
    const rule = this.rules[index];
    if (!rule) return undefined;
    rule.count -= 1;
    if (rule.count <= 0) this.rules.splice(index, 1);
    this.fired += 1;
    return Object.assign(new Error(rule.message), { responseCode: rule.code });
  }
}

function defaultMessage(code: number): string {
  return code < 500 ? 'Temporary failure injected by mail-sink' : 'Permanent failure injected by mail-sink';
}

/** Validates a rule from the HTTP API; throws InvalidFaultRuleError with a reason. */
export function parseFaultRule(body: unknown): FaultRuleInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidFaultRuleError('body must be a JSON object');
  }
  const { code, message, count, rcptMatch } = body as Record<string, unknown>;
  if (typeof code !== 'number' || !Number.isInteger(code) || code < 400 || code > 599) {
    throw new InvalidFaultRuleError('code must be an integer from 400 to 599');
  }
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
    throw new InvalidFaultRuleError('count must be a positive integer');
  }
  // A reply text with a line break would corrupt the SMTP dialogue.
  if (message !== undefined && (typeof message !== 'string' || message.trim() === '' || /[\r\n]/.test(message))) {
    throw new InvalidFaultRuleError('message must be a non-empty single-line string');
  }
  if (rcptMatch !== undefined && (typeof rcptMatch !== 'string' || rcptMatch === '')) {
    throw new InvalidFaultRuleError('rcptMatch must be a non-empty string');
  }
  return {
    code,
    count,
    ...(message === undefined ? {} : { message }),
    ...(rcptMatch === undefined ? {} : { rcptMatch }),
  };
}
