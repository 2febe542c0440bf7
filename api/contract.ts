/**
 * Shapes the API sends that the console (admin/) and the mini-program (miniapp/) read: declared
 * once here, used by the API's repositories and imported by both clients at build time (type
 * imports vanish when they are compiled). test/boundaries.test.ts fails when a client declares
 * one of these itself. This module imports nothing.
 */

/** A published exam session; a session may give only its month (date null). GET /api/exams, /api/admin/exams. */
export interface ExamSession {
  id: number;
  year: number;
  month: number;
  /** YYYY-MM-DD, or null when only the month is known. */
  date: string | null;
  scope: string;
  title: string | null;
  note: string | null;
  source: string;
}

export type ContactRole = 'province_lead' | 'region_manager';

export interface Region {
  code: string;
  name: string;
  source: string;
  provinces: string[];
}

export interface Province {
  code: string;
  name: string;
  fullName: string;
  aliases: string[];
  regionCode: string;
  seq: number;
  source: string;
}

/** A person to call, as staff see them (console). */
export interface Contact {
  id: number;
  name: string;
  phone: string | null;
  role: ContactRole;
  provinceCode: string | null;
  regionCode: string | null;
  source: string;
  origin: 'seed' | 'console';
  /** Where the contact receives messages: WeCom user id (app messages), WeChat id (wechaty). */
  wecomUserId: string | null;
  wechatId: string | null;
}

/** A contact as the public sees it: never their WeCom or WeChat ids. */
export type PublicContact = Omit<Contact, 'wecomUserId' | 'wechatId'>;

/** A province's people: GET /api/provinces/:name/contacts, and the mini-program's 找人 (with `college`). */
export interface ProvinceContacts {
  province: Province;
  region: Region;
  leads: PublicContact[];
  managers: PublicContact[];
}

export type NoticeStatus = 'draft' | 'scheduled' | 'published' | 'withdrawn';

/** A notice as readers see it (GET /api/notices, /api/notices/:id): no target, no author. */
export interface PublicNotice {
  id: number;
  title: string;
  body: string;
  status: NoticeStatus;
  publishAt: string | null;
  publishedAt: string | null;
  createdAt: string;
  /** The local publishing date, YYYY-MM-DD (TIMEZONE). */
  date: string | null;
}

/** One of a mini-program user's questions (GET /api/miniapp/questions, 我的提问). */
export interface MyQuestion {
  id: number;
  question: string;
  reply: string | null;
  answer: string | null;
  status: 'waiting' | 'answered' | 'done';
  createdAt: string;
}

/** The mini-program's server settings (GET /api/miniapp/settings); '' when not configured. */
export interface MiniappSettings {
  noticeTemplateId: string;
  answerTemplateId: string;
}
