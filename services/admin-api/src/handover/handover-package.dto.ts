import { PHASES } from '@handover/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class PackageFileDto {
  @ApiProperty({ example: 'customers.ndjson.enc' }) name!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the encrypted bytes served at `download`' }) sha256!: string;
  @ApiProperty({ description: 'SHA-256 (hex) of the decrypted NDJSON' }) plaintextSha256!: string;
  @ApiProperty() bytes!: number;
  @ApiProperty({ description: 'AES-256-GCM nonce, base64' }) iv!: string;
  @ApiProperty({ description: 'AES-256-GCM tag, base64' }) authTag!: string;
  @ApiProperty({ example: '/v1/cases/cs_x/handover/package/files/customers.ndjson.enc' }) download!: string;
}

export class RulePackRefDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
}

export class PackageEncryptionDto {
  @ApiProperty({ enum: ['AES-256-GCM'] }) content!: string;
  @ApiProperty({ enum: ['RSA-OAEP-SHA256'] }) keyWrap!: string;
  @ApiProperty({ description: 'the 32-byte content key wrapped with RSA-OAEP-SHA256 under the recipient public key, base64' }) wrappedKey!: string;
  @ApiProperty({ description: "SHA-256 (hex) of the recipient public key's DER SPKI" }) recipientKeyFingerprint!: string;
  @ApiProperty({ enum: ['case', 'generated'], description: 'generated: fetch the private key once at GET /v1/cases/{id}/handover/private-key' })
  recipientKeySource!: string;
  @ApiProperty({ enum: ['file-name'], description: "each file's GCM additional data is its name" }) aad!: string;
}

/** GET /v1/cases/{id}/handover/package: the manifest (nothing personal) and where each encrypted file is. */
export class HandoverPackageDto {
  @ApiProperty({ enum: ['handover-package/1'] }) format!: string;
  @ApiProperty() packageId!: string;
  @ApiProperty() caseId!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ description: 'customer records (one NDJSON line each)' }) records!: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'number' }, description: 'records per route' }) byRoute!: Record<string, number>;
  @ApiProperty({ type: [String], description: 'customer fields the records carry (besides ref and route)' }) fields!: string[];
  @ApiProperty({ type: RulePackRefDto }) rulePack!: RulePackRefDto;
  @ApiProperty({ type: [String] }) wordingVersions!: string[];
  @ApiProperty({ type: [PackageFileDto] }) files!: PackageFileDto[];
  @ApiProperty({ type: PackageEncryptionDto }) encryption!: PackageEncryptionDto;
  @ApiPropertyOptional({ description: 'when the recipient acknowledged receipt (PIPL Art. 22)' }) acknowledgedAt?: string;
}

/** GET /v1/cases/{id}/handover/private-key (once). */
export class RecipientPrivateKeyDto {
  @ApiProperty({ description: 'PKCS#8 PEM; destroyed on the server once returned' }) privateKey!: string;
  @ApiProperty() fingerprint!: string;
}

export class AcknowledgementOverriddenDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: PHASES, description: 'the phase the case is in (handover; deletion follows)' }) phase!: string;
  @ApiProperty({ format: 'date-time' }) overriddenAt!: string;
}
