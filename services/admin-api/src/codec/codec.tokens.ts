/** The AES-GCM payload codec the workers use (libs/crypto), keyed from the master key. */
export const PAYLOAD_CODEC = Symbol('PAYLOAD_CODEC');
