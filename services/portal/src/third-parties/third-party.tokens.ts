/** DI tokens of the third-party links (symbols, never strings). */
export const THIRD_PARTY_REPOSITORY = Symbol('THIRD_PARTY_REPOSITORY');
