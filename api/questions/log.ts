import type { Db } from '../db/index.js';
import { GroupCommit } from '../db/group-commit.js';
import { logQuestions, type NewQuestion } from './repository.js';

/**
 * The questions log as the assistant writes it: each request waits until its question is stored
 * (an open question lost is a request for help lost), and concurrent requests share one insert.
 */
export class QuestionLog {
  private readonly commit: GroupCommit<NewQuestion, number>;

  constructor(db: Db) {
    this.commit = new GroupCommit((items) => logQuestions(db, items), { sendNextFirst: db.kind === 'postgres' });
  }

  /** Store one question; resolves with its id once it is committed. */
  append(question: NewQuestion): Promise<number> {
    return this.commit.submit(question);
  }

  /** Inserts issued and questions stored so far (bench, tests). */
  get stats(): { batches: number; items: number } {
    return { batches: this.commit.batches, items: this.commit.items };
  }
}
