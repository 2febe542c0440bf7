/**
 * Where the mini-program finds the API. Set apiBase to your server (HTTPS, and add it to the
 * mini-program's request domain list in the WeChat admin console).
 */
export const config = {
  apiBase: 'http://127.0.0.1:3000',
  /** The subscribe-message template for notices (MINIAPP_NOTICE_TEMPLATE_ID on the server). */
  noticeTemplateId: '',
  /** The subscribe-message template for staff answers to questions (MINIAPP_ANSWER_TEMPLATE_ID on the server). */
  answerTemplateId: '',
};
