import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Clock } from './clock.js';
import type { Db } from './db/index.js';
import type { TokenSigner } from './accounts/tokens.js';
import type { Facts } from '../knowledge/facts.js';
import type { AssistantService } from './assistant/service.js';
import type { SenderRegistry } from './delivery/senders.js';
import type { WecomClient } from './wecom/client.js';
import type { WechatClient } from './wechat/client.js';
import type { ReadCache } from './cache/read-cache.js';
import type { ChannelStatusBoard } from './chat/status.js';

/**
 * What route handlers, channels and jobs are given: configuration, the database, the clock and
 * the domain services. Built once by startService; tests build it the same way.
 */
export interface Services {
  config: Config;
  db: Db;
  log: Logger;
  clock: Clock;
  signer: TokenSigner;
  facts: Facts;
  assistant: AssistantService;
  senders: SenderRegistry;
  wecom: WecomClient;
  wechat: WechatClient;
  /** Read-mostly data for public endpoints; clear it after an edit. */
  cache: ReadCache;
  /** Each chat channel's connection state on this instance (console → 渠道). */
  channelStatus: ChannelStatusBoard;
}
