import 'reflect-metadata';
import { createAdminApi, adminApiConfig } from './bootstrap';

async function main(): Promise<void> {
  const app = await createAdminApi();
  const config = adminApiConfig(app);
  await app.listen(config.ADMIN_PORT, config.ADMIN_HOST);
  console.log(`admin API listening on http://${config.ADMIN_HOST}:${config.ADMIN_PORT} (docs: /docs)`);
}

main().catch((error: unknown) => {
  console.error('admin API failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
