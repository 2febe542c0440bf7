import type { Room, Wechaty } from 'wechaty';
import { boundGroupsOf, relinkGroup, rememberGroupKey } from '../api/groups/repository.js';
import type { Services } from '../api/services.js';

/**
 * Group bindings that survive a re-login. Personal-WeChat puppets (wechat4u above all) give every
 * room a new id at each login, and another puppet uses other ids altogether; a room's topic and
 * its owner's name stay. Each bound room's stable key is kept beside its id (rememberRoom), and at
 * login every binding whose id is gone is re-linked to the one room with the same key.
 */
export function roomStableKey(topic: string, ownerName: string | undefined): string {
  return `${topic.trim()}\u0001${(ownerName ?? '').trim()}`;
}

const topicOf = (key: string) => key.split('\u0001')[0]!;

export async function stableKeyOf(room: Room): Promise<string> {
  return roomStableKey(await room.topic(), room.owner()?.name());
}

/** Record a room's current stable key and topic on its binding (no-op for an unknown room). */
export async function rememberRoom(services: Pick<Services, 'db'>, room: Room): Promise<void> {
  await rememberGroupKey(services.db, 'wechaty', room.id, await stableKeyOf(room), await room.topic());
}

/** Re-link every binding whose room id is no longer seen to the one room with its stable key. */
export async function relinkRooms(services: Pick<Services, 'db' | 'log'>, bot: Wechaty): Promise<{ relinked: number; unresolved: string[] }> {
  const log = services.log.child({ module: 'bot.relink' });
  const groups = await boundGroupsOf(services.db, 'wechaty');
  if (!groups.length) return { relinked: 0, unresolved: [] };
  const rooms = await bot.Room.findAll();
  const ids = new Set(rooms.map((r) => r.id));
  const byKey = new Map<string, Room[]>();
  const byTopic = new Map<string, Room[]>();
  for (const room of rooms) {
    const key = await stableKeyOf(room);
    byKey.set(key, [...(byKey.get(key) ?? []), room]);
    const topic = topicOf(key);
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), room]);
  }
  let relinked = 0;
  const unresolved: string[] = [];
  for (const g of groups) {
    if (ids.has(g.externalId) || !g.stableKey) continue;
    // Topic and owner; failing that (a puppet that has not loaded the owner yet), a topic no other room has.
    let candidates = byKey.get(g.stableKey) ?? [];
    if (candidates.length !== 1) candidates = byTopic.get(topicOf(g.stableKey)) ?? [];
    if (candidates.length !== 1) {
      unresolved.push(g.name ?? g.externalId);
      continue;
    }
    await relinkGroup(services.db, g.id, candidates[0]!.id);
    relinked++;
  }
  if (relinked || unresolved.length) {
    log.info({ relinked, unresolved }, unresolved.length ? '部分群未能自动重新关联（群名或群主已变），请在后台“渠道”页重新关联' : 'group bindings re-linked after login');
  }
  return { relinked, unresolved };
}
