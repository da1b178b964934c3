import { Module } from '@nestjs/common';
import { CustomersModule } from './customers/customers.module';
import { HealthController } from './health.controller';
import { InfrastructureModule } from './infrastructure.module';
import { ThirdPartiesModule } from './third-parties/third-parties.module';
import { RequestsModule } from './requests/requests.module';
import { RecipientsModule } from './recipients/recipients.module';

/**
 * The customer portal: pages and JSON reached by signed links. Third-party (`/t/`) and recipient
 * (`/r/`) links get their modules when their issues land; until then those routes do not exist.
 */
@Module({
  imports: [InfrastructureModule, CustomersModule, ThirdPartiesModule, RecipientsModule, RequestsModule],
  controllers: [HealthController],
})
export class PortalModule {}
