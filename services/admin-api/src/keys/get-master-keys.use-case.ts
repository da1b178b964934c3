import { Injectable } from '@nestjs/common';
import { MasterKeyRotation } from '@handover/persistence';
import type { MasterKeysViewDto } from './master-key.dto';

/** The active master key id and, per key id, how many wrapped keys still use it (ids and counts only). */
@Injectable()
export class GetMasterKeysUseCase {
  constructor(private readonly rotation: MasterKeyRotation) {}

  execute(): Promise<MasterKeysViewDto> {
    return this.rotation.usage();
  }
}
