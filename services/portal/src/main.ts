import 'reflect-metadata';
import { createPortalApp, portalConfig } from './portal.app';

async function main(): Promise<void> {
  const app = await createPortalApp();
  const config = portalConfig(app);
  await app.listen(config.PORTAL_PORT, config.PORTAL_HOST);
  console.log(`portal listening on http://${config.PORTAL_HOST}:${config.PORTAL_PORT}`);
}

main().catch((error: unknown) => {
  console.error('portal failed to start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
