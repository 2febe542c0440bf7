/**
 * Where the mini-program finds the API. Set apiBase to your server (HTTPS, and add it to the
 * mini-program's request domain list in the WeChat admin console; the domain needs ICP filing).
 *
 * The subscribe-message template ids are NOT set here: the server's MINIAPP_NOTICE_TEMPLATE_ID and
 * MINIAPP_ANSWER_TEMPLATE_ID are the one place, read by the mini-program from GET /api/miniapp/settings.
 */
export const config = {
  apiBase: 'http://127.0.0.1:3000',
};
