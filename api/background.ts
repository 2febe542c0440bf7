import type { Services } from './services.js';
import { startWechatyBot } from '../bot/index.js';
import { startWecomAibot } from './aibot/index.js';
import { startDelivery } from './delivery/background.js';
import { startScheduler } from './schedule/index.js';
import { startAssistantRefresh } from './assistant/service.js';

/**
 * Background parts of the service (delivery worker, scheduler, wechaty bot, WeCom 智能机器人). Each starter gets
 * the services and returns a stop function; startService calls them after the HTTP server
 * listens and stops them, in reverse order, before the database closes. A starter must never
 * throw for a missing optional configuration: it logs one line and returns a no-op stop.
 */
export type BackgroundStarter = (services: Services) => Promise<() => Promise<void>>;

export const backgroundStarters: Array<{ name: string; start: BackgroundStarter }> = [
  { name: 'wechaty', start: startWechatyBot },
  { name: 'wecom-aibot', start: startWecomAibot },
  { name: 'delivery', start: startDelivery },
  { name: 'scheduler', start: startScheduler },
  { name: 'assistant-refresh', start: startAssistantRefresh },
];
