import { buildsHandoverPackage } from './handover-package';

describe('buildsHandoverPackage (docs/legal.md §1)', () => {
  it.each([
    ['an asset sale with a buyer', { kind: 'asset-sale', hasRecipient: true }, true],
    ['a merger with a successor', { kind: 'merger', hasRecipient: true }, true],
    ['a bankruptcy without a successor', { kind: 'bankruptcy', hasRecipient: false }, false],
    ['an equity transfer, even with a recipient named', { kind: 'equity-transfer', hasRecipient: true }, false],
    ['a branch returning its data to the head office', { kind: 'branch-deregistration', hasRecipient: true, recipientIsSameLegalEntity: true }, false],
    ['a branch deregistration towards another entity', { kind: 'branch-deregistration', hasRecipient: true, recipientIsSameLegalEntity: false }, true],
    ['a branch deregistration that does not say (the head office is assumed)', { kind: 'branch-deregistration', hasRecipient: true }, false],
  ] as const)('%s: %s', (_, facts, expected) => {
    expect(buildsHandoverPackage(facts)).toBe(expected);
  });
});
