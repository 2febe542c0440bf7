/**
 * The assistant's contract with every channel (wechaty, WeCom, mini-program, admin playground,
 * terminal). Channels turn a platform message into an AskInput and send Answer.text back; they
 * know nothing of the knowledge base, and the assistant knows nothing of WeChat.
 */

export type Channel = 'wechaty' | 'wecom' | 'wecom_aibot' | 'miniapp' | 'admin' | 'cli' | 'api';

export type Intent =
  | 'contact_lookup'
  | 'region_info'
  | 'exam_schedule'
  | 'certificate_info'
  | 'policy'
  | 'reporting'
  | 'notices'
  | 'help'
  | 'greeting'
  | 'uncovered_region'
  /** In scope, but the knowledge base does not answer it: a question for the staff. */
  | 'unanswered'
  | 'out_of_scope';

export interface AskInput {
  /** The message as typed, with any @-mention or bot keyword already removed. */
  text: string;
  channel: Channel;
  /** Who asked: an opaque id and display name, for the questions log and rate limits only. */
  from?: { id: string; name?: string };
  /** The chat group, and the college/province it is bound to, if any. */
  group?: {
    id: string;
    name?: string;
    provinceCode?: string | null;
    collegeId?: number | null;
    collegeName?: string | null;
  };
  /** "Now" for date-aware answers; defaults to the service clock. */
  now?: Date;
}

export interface Source {
  /** Document title, e.g. 博导股份《…试点工作方案》 */
  document: string;
  /** Section or article, e.g. 第十九条 */
  section?: string;
  /** Seed file or uploaded file it came from. */
  file?: string;
}

export interface Answer {
  intent: Intent;
  /** The reply in Chinese, short, ending with its 来源 line when it states facts. */
  text: string;
  sources: Source[];
  /** 0..1 */
  confidence: number;
  /** True when the assistant declined; the question is recorded for a human. */
  abstained: boolean;
}
