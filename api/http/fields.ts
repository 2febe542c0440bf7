import { z } from 'zod';

/** Request field schemas several routers share. */

/** A positive integer id in a path or body. */
export const id = z.coerce.number().int().positive();

/** A phone number as people type it; null clears it. */
export const phone = z
  .string()
  .trim()
  .regex(/^[0-9+\-\s]{5,20}$/, '电话号码格式不正确')
  .nullable();

/** A WeCom user id, WeChat id or webhook key; empty or null clears it. */
export const externalId = z
  .string()
  .trim()
  .max(128)
  .regex(/^[\w@.\-:]*$/, '只能包含字母、数字和 _ - . @ :')
  .nullable()
  .transform((s) => (s ? s : null));

/** `?region=` on a list: empty means all (an admin) or one's own (a region manager). */
export const regionQuery = z.object({ region: z.string().optional() });
