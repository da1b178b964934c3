import { ApiProperty } from '@nestjs/swagger';

export class MasterKeyUseDto {
  @ApiProperty({ example: 'k2', description: 'the id of a master key of the keyring (the single key of old: its fingerprint, 8 hex characters)' }) keyId!: string;
  @ApiProperty({ description: 'the key new data keys are wrapped under' }) active!: boolean;
  @ApiProperty({ example: 0, description: 'wrapped keys (case keys, hold keys, the derivation key) still under this master key' }) wrappedKeys!: number;
  @ApiProperty({ description: 'not active and nothing wrapped under it: it can leave the keyring' }) removable!: boolean;
}

export class UnknownMasterKeyUseDto {
  @ApiProperty({ example: 'k0', description: 'an id wrapped keys name that the keyring lacks' }) keyId!: string;
  @ApiProperty({ example: 3 }) wrappedKeys!: number;
}

export class MasterKeysViewDto {
  @ApiProperty({ example: 'k2' }) activeKeyId!: string;
  @ApiProperty({ type: [MasterKeyUseDto] }) keys!: MasterKeyUseDto[];
  @ApiProperty({ type: [UnknownMasterKeyUseDto], description: 'wrapped keys no configured master key opens (empty when all is well)' }) unknown!: UnknownMasterKeyUseDto[];
}

export class MasterKeyRotationDto {
  @ApiProperty({ example: 'k2', description: 'the master key everything is now wrapped under' }) activeKeyId!: string;
  @ApiProperty({ example: 12, description: 'wrapped keys looked at' }) examined!: number;
  @ApiProperty({ example: 11, description: 're-wrapped under the active key by this call' }) rewrapped!: number;
  @ApiProperty({ example: 1, description: 'already under the active key' }) alreadyActive!: number;
  @ApiProperty({ example: 0, description: 'shredded or re-wrapped by another call between read and write (left as they are)' }) changedMeanwhile!: number;
  @ApiProperty({ example: 0, description: 'not opened by any configured master key (see GET /v1/keys/master, `unknown`); call again once the key is back in the keyring' }) failed!: number;
}
