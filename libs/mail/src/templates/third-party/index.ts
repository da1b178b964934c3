export * from './third-party-request.template';
export * from './third-party-escalation.template';
export { THIRD_PARTY_REQUEST_WORDING_VERSION, THIRD_PARTY_ESCALATION_WORDING_VERSION } from './third-party.wording';
