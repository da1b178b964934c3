/** Milliseconds since the epoch; replaced in tests. */
export const AUTH_CLOCK = Symbol('AUTH_CLOCK');
export type Clock = () => number;
