import { Module } from '@nestjs/common';
import { SessionController } from './session.controller';

/** POST/GET /auth/session, POST /auth/logout. The store and the token check come from the global AuthModule. */
@Module({ controllers: [SessionController] })
export class SessionModule {}
