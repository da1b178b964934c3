import { Module } from '@nestjs/common';
import { AuthSecretRepository } from '@handover/persistence';
import { OIDC_LOGIN_SECRETS } from '../auth/auth.tokens';
import { KeysModule } from '../keys/keys.module';
import { DeviceController } from './device.controller';
import { DeviceLogins } from './device-logins';
import { OidcController } from './oidc.controller';
import { OidcRelyingParty } from './oidc-relying-party';
import { PendingLogins } from './pending-logins';

/** GET /auth/methods, /auth/login, /auth/callback; POST /auth/device, /auth/device/token. Sessions come from the global AuthModule. */
@Module({
  imports: [KeysModule],
  controllers: [OidcController, DeviceController],
  providers: [
    OidcRelyingParty,
    PendingLogins,
    { provide: OIDC_LOGIN_SECRETS, useFactory: (secrets: AuthSecretRepository) => secrets.store('oidc-login'), inject: [AuthSecretRepository] },
    DeviceLogins,
  ],
})
export class OidcModule {}
