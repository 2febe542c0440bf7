/**
 * The password policy for every console account and for ADMIN_PASSWORD (NIST SP 800-63B style):
 * at least 12 characters, not a well-known or trivially patterned password, not the username.
 * Length matters more than character classes, so no composition rules.
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 128;

/** Well-known passwords of 12+ characters (from the public breach top lists), lower-cased. */
const COMMON = new Set([
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  '123123123123', '147258369147', '123qweasdzxc', '1qaz2wsx3edc', '1q2w3e4r5t6y', 'qwertyuiop12',
  'qwertyuiopas', 'qwerty123456', 'qwe123qwe123', 'asdfghjkl123', 'zxcvbnm12345', 'password1234',
  'password123!', 'passw0rd1234', 'p@ssw0rd1234', 'password12345', 'passwordpassword', 'iloveyou1234',
  'admin1234567', 'admin123456789', 'administrator', 'administrator1', 'welcome12345', 'letmein12345',
  'abc123456789', 'abcdefghijkl', 'abcd12345678', 'aa123456789a', 'woaini1314520', 'woaini123456',
  '5201314520131', 'qazwsxedcrfv', 'changeme1234', 'football1234', 'baseball1234', 'monkey123456',
  'dragon123456', 'sunshine1234', 'princess1234', 'superman1234', 'trustno1trustno1', '88888888888888',
  '666666666666', '999999999999', '987654321098', '098765432109',
]);

/** A Chinese reason the password is refused, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string | null): string | undefined {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少${MIN_PASSWORD_LENGTH}位`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码最多${MAX_PASSWORD_LENGTH}位`;
  const lower = password.toLowerCase();
  if (COMMON.has(lower)) return '这个密码太常见，请换一个';
  if (new Set(lower).size <= 2) return '密码不能只由一两个字符重复组成';
  if (isSequence(lower)) return '密码不能是连续的字符';
  if (username && lower === username.toLowerCase()) return '密码不能与用户名相同';
  return undefined;
}

/** 0123456789…, abcdef…, or their reverse. */
function isSequence(s: string): boolean {
  let up = true;
  let down = true;
  for (let i = 1; i < s.length; i++) {
    const d = s.charCodeAt(i) - s.charCodeAt(i - 1);
    if (d !== 1) up = false;
    if (d !== -1) down = false;
  }
  return up || down;
}
