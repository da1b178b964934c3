import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApplicationFailure, Context } from '@temporalio/activity';
import { handoverPackageId, type HandoverActivities, type HandoverField, type HandoverPackageResult } from '@handover/contracts';
import {
  generateRecipientKeyPair,
  newContentKey,
  PACKAGE_ENCRYPTION,
  publicKeyFingerprint,
  sealRecipientPrivateKey,
  type MasterKey,
  type TokenSigner,
} from '@handover/crypto';
import { RULE_PACKS, type Jurisdiction } from '@handover/domain';
import { renderAcknowledgementEscalation, renderRecipientLink, type Mailer } from '@handover/mail';
import {
  decryptCustomerPersonal,
  handoverBuildDir,
  handoverCaseDir,
  HANDOVER_CUSTOMERS_FILE,
  HANDOVER_MANIFEST_FILE,
  ledgerMessageId,
  type AuditRepository,
  type CaseEntity,
  type CaseKeyService,
  type CaseRepository,
  type HandoverManifest,
  type HandoverPackageDocument,
  type HandoverRepository,
  type MailLedgerRepository,
  type RecipientAcknowledgementRepository,
  type RecipientKeyRepository,
} from '@handover/persistence';
import type { Logger } from '@handover/logging';
import { loadCase as loadCaseOf } from '../cases/load-case';
import { sendOnce } from '../mail/send-once';
import { writeEncryptedFile } from './encrypted-file-writer';
import { handoverFieldsOf, HandoverFieldsError, packageRecord } from './package-fields';

export interface HandoverActivityDeps {
  cases: CaseRepository;
  keys: CaseKeyService;
  handover: HandoverRepository;
  recipientKeys: RecipientKeyRepository;
  acknowledgements: RecipientAcknowledgementRepository;
  ledger: MailLedgerRepository;
  mailer: Mailer;
  /** Seals generated recipient private keys. */
  master: MasterKey;
  /** Signs the recipient's portal link (portalTokenSigner of the master key). */
  tokens: TokenSigner;
  /** HANDOVER_DATA_DIR: packages go to `<dataDir>/packages/<caseId>/<buildId>/`. */
  dataDir: string;
  portalUrl: string;
  mailDomain: string;
  logger: Logger;
  /** The case's audit chain (the acknowledgement's escalation is recorded there). */
  audit: AuditRepository;
  /** Customers per cursor batch (and heartbeat). Default 500. */
  batchSize?: number;
  /** How long the recipient's link stays valid after the package was built. Default 30 days. */
  linkValidityMs?: number;
}

/** Heartbeat details of buildHandoverPackage: progress only (a retried build starts over). */
export interface PackageProgress {
  buildId: string;
  records: number;
}

const OPAQUE_ID = /^[A-Za-z0-9_-][A-Za-z0-9_:-]{0,127}$/;
const DEFAULT_LINK_VALIDITY_MS = 30 * 86_400_000;

/**
 * The handover phase's activities (issue 5): the recipient's encrypted package, the recipient's
 * link, and the re-check of the acknowledgement. Personal data is decrypted in buildHandoverPackage
 * only, one customer at a time, straight into the recipient's ciphertext; results, heartbeats,
 * logs and errors carry ids and counters.
 */
export function createHandoverActivities(deps: HandoverActivityDeps): HandoverActivities {
  const batchSize = deps.batchSize ?? 500;
  const portalUrl = deps.portalUrl.replace(/\/+$/, '');

  const loadCase = (caseId: string) => loadCaseOf(deps, caseId);

  /** The recipient's signed link: the first mail (reminder 0) or the n-th reminder of the same link. */
  async function mailRecipientLink(caseId: string, packageId: string, reminder: number): Promise<{ sent: boolean }> {
    assertCaseId(caseId);
    if (packageId !== handoverPackageId(caseId)) throw ApplicationFailure.nonRetryable('packageId is not the package of this case', 'BAD_INPUT');
    const pkg = await deps.handover.findPackage(packageId);
    if (!pkg) throw ApplicationFailure.nonRetryable(`package ${packageId} does not exist`, 'PACKAGE_NOT_READY');
    const { entity } = await loadCase(caseId);
    const recipient = entity.recipient;
    if (!recipient) throw ApplicationFailure.nonRetryable(`case ${caseId} has no recipient`, 'NO_RECIPIENT');
    // Deterministic from the package: a resend after a crash (or a reminder) carries the same link.
    const expiresAt = new Date(pkg.createdAt.getTime() + (deps.linkValidityMs ?? DEFAULT_LINK_VALIDITY_MS));
    const token = deps.tokens.sign({ purpose: 'recipient', subject: packageId, caseId, expiresAt });
    const key = { caseId, subjectId: 'recipient', mailing: reminder > 0 ? `handover-link-reminder-${reminder}` : 'handover-link' };
    const rendered = renderRecipientLink({
      recipientName: recipient.name,
      transferorName: entity.transferor.name,
      caseId,
      packageId,
      records: pkg.manifest.records,
      link: `${portalUrl}/r/${token}`,
      expiresAt: expiresAt.toISOString(),
      ...(reminder > 0 && { reminder }),
    });
    const outcome = await sendOnce(
      deps,
      key,
      () => ({ to: recipient.email, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: ledgerMessageId(key, deps.mailDomain) }),
      { wordingVersion: rendered.wordingVersion },
    );
    deps.logger.info({ caseId, packageId, reminder, outcome }, reminder > 0 ? 'recipient reminded' : 'recipient link mailed');
    return { sent: outcome === 'sent' };
  }

  /** The recipient's own key, or the case's generated pair (created once, private half sealed). */
  async function recipientKey(caseId: string, entity: CaseEntity): Promise<{ pem: string; source: 'case' | 'generated' }> {
    const own = entity.recipient?.publicKey?.trim();
    if (own) return { pem: own, source: 'case' };
    const stored = await deps.recipientKeys.ensure(caseId, () => {
      const pair = generateRecipientKeyPair();
      return {
        publicKey: pair.publicKeyPem,
        fingerprint: publicKeyFingerprint(pair.publicKeyPem),
        privateKeySealed: sealRecipientPrivateKey(deps.master, caseId, pair.privateKeyPem),
      };
    });
    return { pem: stored.publicKey, source: 'generated' };
  }

  async function build(caseId: string): Promise<HandoverPackageDocument> {
    const ctx = Context.current();
    const packageId = handoverPackageId(caseId);
    const { cipher, entity } = await loadCase(caseId);
    if (!entity.recipient) throw ApplicationFailure.nonRetryable(`case ${caseId} has no recipient`, 'NO_RECIPIENT');
    let fields: HandoverField[];
    try {
      fields = handoverFieldsOf(entity.policy);
    } catch (error) {
      if (error instanceof HandoverFieldsError) throw ApplicationFailure.nonRetryable(error.message, 'BAD_HANDOVER_FIELDS');
      throw error;
    }
    const key = await recipientKey(caseId, entity);
    let content;
    try {
      content = newContentKey(key.pem);
    } catch {
      throw ApplicationFailure.nonRetryable(`the recipient public key of case ${caseId} is not an RSA key of at least 2048 bits`, 'BAD_RECIPIENT_KEY');
    }
    const [excluded, wordingVersions, rulePack] = await Promise.all([
      deps.handover.excludedCustomerIds(caseId),
      deps.handover.wordingVersions(caseId),
      deps.handover.rulePackOf(caseId),
    ]);

    const buildId = randomBytes(12).toString('base64url');
    const caseDir = handoverCaseDir(deps.dataDir, caseId);
    const buildDir = handoverBuildDir(deps.dataDir, caseId, buildId);
    const staging = join(caseDir, `.build-${buildId}`);
    await mkdir(staging, { recursive: true, mode: 0o700 });

    const byRoute: Record<string, number> = {};
    let records = 0;
    ctx.heartbeat({ buildId, records } satisfies PackageProgress);
    async function* lines(): AsyncGenerator<string> {
      for await (const page of deps.handover.transferredCustomers(caseId, { batchSize })) {
        if (ctx.cancellationSignal.aborted) throw new Error('activity cancelled');
        let chunk = '';
        for (const customer of page) {
          if (excluded.has(customer._id)) continue;
          let personal;
          try {
            personal = decryptCustomerPersonal(customer, cipher);
          } catch {
            throw ApplicationFailure.nonRetryable(`customer ${customer._id} could not be decrypted`, 'CUSTOMER_UNREADABLE');
          }
          chunk += `${JSON.stringify(packageRecord(customer, personal, fields))}\n`;
          const route = customer.route ?? 'unrouted';
          byRoute[route] = (byRoute[route] ?? 0) + 1;
          records += 1;
        }
        ctx.heartbeat({ buildId, records } satisfies PackageProgress);
        if (chunk !== '') yield chunk;
      }
    }

    try {
      const file = await writeEncryptedFile(join(staging, HANDOVER_CUSTOMERS_FILE), HANDOVER_CUSTOMERS_FILE, content.contentKey, lines());
      const createdAt = new Date();
      const manifest: HandoverManifest = {
        format: 'handover-package/1',
        packageId,
        caseId,
        createdAt: createdAt.toISOString(),
        records,
        byRoute,
        fields: [...fields],
        rulePack: rulePack ?? rulePackOfCase(entity.jurisdiction),
        wordingVersions,
        files: [file],
        encryption: {
          content: PACKAGE_ENCRYPTION.content,
          keyWrap: PACKAGE_ENCRYPTION.keyWrap,
          wrappedKey: content.wrappedKey,
          recipientKeyFingerprint: publicKeyFingerprint(key.pem),
          recipientKeySource: key.source,
          aad: 'file-name',
        },
      };
      await writeFile(join(staging, HANDOVER_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
      await rename(staging, buildDir);
      const commit = await deps.handover.commitPackage({ _id: packageId, caseId, buildId, manifest, createdAt });
      if (!commit.committed) await rm(buildDir, { recursive: true, force: true });
      await removeStaleBuilds(caseDir, commit.doc.buildId);
      return commit.doc;
    } catch (error) {
      await rm(staging, { recursive: true, force: true }).catch(() => undefined);
      throw error;
    } finally {
      content.contentKey.fill(0);
    }
  }

  return {
    async buildHandoverPackage({ caseId }): Promise<HandoverPackageResult> {
      assertCaseId(caseId);
      const existing = await deps.handover.findPackage(handoverPackageId(caseId));
      const doc = existing ?? (await build(caseId));
      const { manifest } = doc;
      deps.logger.info({ caseId, packageId: doc._id, records: manifest.records, rebuilt: !existing }, 'handover package ready');
      return { packageId: doc._id, records: manifest.records, files: manifest.files.length };
    },

    sendRecipientLink: ({ caseId, packageId }) => mailRecipientLink(caseId, packageId, 0),

    sendRecipientReminder: ({ caseId, packageId, reminder }) => mailRecipientLink(caseId, packageId, reminder),

    async escalateAcknowledgement({ caseId, dueAt }) {
      assertCaseId(caseId);
      const { entity } = await loadCase(caseId);
      const key = { caseId, subjectId: 'manager', mailing: 'acknowledgement-escalation' };
      const rendered = renderAcknowledgementEscalation({ managerName: entity.manager.name, caseId, recipientName: entity.recipient?.name ?? '', dueAt });
      const outcome = await sendOnce(
        deps,
        key,
        () => ({ to: entity.manager.email, subject: rendered.subject, text: rendered.text, html: rendered.html, messageId: ledgerMessageId(key, deps.mailDomain) }),
        { wordingVersion: rendered.wordingVersion },
      );
      if (outcome !== 'skipped') {
        await deps.audit.append(caseId, { actor: { id: 'system', role: 'system' }, action: 'handover.escalated', subject: { type: 'case', id: caseId }, data: { dueAt, outcome } });
      }
      deps.logger.info({ caseId, outcome }, 'overdue acknowledgement escalated to the case manager');
      return { sent: outcome === 'sent' };
    },

    async recipientAcknowledgement({ caseId }) {
      assertCaseId(caseId);
      const ack = await deps.acknowledgements.find(caseId);
      return ack ? { acknowledged: true, at: ack.at.toISOString() } : { acknowledged: false };
    },
  };
}

/** Without a stored route summary: the case's jurisdiction's pack (what decideRoutes would have used). */
function rulePackOfCase(jurisdiction: string): { id: string; version: string } {
  const pack = RULE_PACKS[jurisdiction as Jurisdiction] as (typeof RULE_PACKS)[Jurisdiction] | undefined;
  return pack ? { id: pack.id, version: pack.version } : { id: jurisdiction, version: 'unknown' };
}

/** Builds other than the committed one (crashed or lost attempts): removed once a package is committed. */
async function removeStaleBuilds(caseDir: string, keep: string): Promise<void> {
  const entries = await readdir(caseDir).catch(() => [] as string[]);
  await Promise.all(entries.filter((entry) => entry !== keep).map((entry) => rm(join(caseDir, entry), { recursive: true, force: true })));
}

function assertCaseId(caseId: unknown): asserts caseId is string {
  if (typeof caseId !== 'string' || !OPAQUE_ID.test(caseId)) throw ApplicationFailure.nonRetryable('caseId must be an opaque id', 'BAD_INPUT');
}
