import type { Db } from '../db/index.js';
import { GroupCommit } from '../db/group-commit.js';
import { findGroups, type ChatGroup, type GroupChannel } from './repository.js';

const lookups = new WeakMap<Db, GroupCommit<{ channel: GroupChannel; externalId: string }, ChatGroup | undefined>>();

/**
 * findGroup for the chat path, where every message asks which group (or private chat) it came
 * from: lookups made together share one statement (api/db/group-commit.ts), one per database.
 * Each lookup is sent after it was asked for, so it sees every write finished before it.
 * Not for use inside a transaction (pass the transaction to findGroup instead).
 */
export function findChatGroup(db: Db, channel: GroupChannel, externalId: string): Promise<ChatGroup | undefined> {
  let lookup = lookups.get(db);
  if (!lookup) lookups.set(db, (lookup = new GroupCommit((keys) => findGroups(db, keys))));
  return lookup.submit({ channel, externalId });
}
