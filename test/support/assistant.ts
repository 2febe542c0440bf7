import { testConfig } from '../../api/config.js';
import { buildServices } from '../../api/service.js';
import type { Services } from '../../api/services.js';
import type { Clock } from '../../api/clock.js';
import type { Backend } from './db.js';

/** Services (with the assistant) over a fresh database of the given back end. */
export async function assistantServices(backend: Backend, clock?: Clock): Promise<Services & { close(): Promise<void> }> {
  const db = await backend.open();
  const services = await buildServices(testConfig({ ADMIN_PASSWORD: 'admin-pass-123' }), { db, clock });
  return { ...services, close: () => db.close() };
}
