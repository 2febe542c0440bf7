import type { Db } from '../db/index.js';

/**
 * The one "knowledge changed" event. Every repository that changes what the assistant knows
 * (contacts, colleges, exam sessions, passages, FAQ) raises it after its write; the assistant
 * listens (and the public read cache), so no call site has to remember to refresh anything.
 * Inside a transaction the event waits for the commit (see Db.notify).
 */
export type KnowledgeTopic = 'contacts' | 'colleges' | 'exams' | 'passages';

const CHANNEL = 'knowledge';

export function knowledgeChanged(db: Db, topic: KnowledgeTopic): Promise<void> {
  return db.notify(CHANNEL, topic);
}

/** Call `listener` after each knowledge change on `db`; returns the unsubscribe. */
export function onKnowledgeChange(db: Db, listener: (topic: KnowledgeTopic) => unknown): () => void {
  return db.listen((channel, detail) => (channel === CHANNEL ? listener(detail as KnowledgeTopic) : undefined));
}
