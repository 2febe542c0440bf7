import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WecomClient } from '../api/wecom/client.js';
import { WechatClient } from '../api/wechat/client.js';
import { StandIn } from './support/standin.js';

describe('outbound WeCom and WeChat clients against a local stand-in', () => {
  const standIn = new StandIn();
  let tokens = 0;
  beforeAll(async () => {
    await standIn.start();
    standIn.handler = (call) => {
      if (call.path === '/cgi-bin/gettoken' || call.path === '/cgi-bin/token') return { errcode: 0, access_token: `tok-${++tokens}`, expires_in: 7200 };
      if (call.path === '/sns/jscode2session') return call.query.get('js_code') === 'good' ? { openid: 'o-123', session_key: 'k' } : { errcode: 40029, errmsg: 'invalid code' };
      return { errcode: 0, errmsg: 'ok' };
    };
  });
  afterAll(() => standIn.stop());

  it('fetches the WeCom access token once, reuses it, and refreshes it when expired', async () => {
    const client = new WecomClient({ base: standIn.url, corpId: 'corp', secret: 's', agentId: '1000002' });
    await client.appSend('zhangsan|lisi', '第一条');
    await client.appSend('zhangsan', '第二条');
    expect(standIn.calls.filter((c) => c.path === '/cgi-bin/gettoken')).toHaveLength(1);
    const sends = standIn.calls.filter((c) => c.path === '/cgi-bin/message/send');
    expect(sends.map((c) => c.query.get('access_token'))).toEqual(['tok-1', 'tok-1']);
    expect(sends[0]!.body).toEqual({ touser: 'zhangsan|lisi', msgtype: 'text', agentid: 1000002, text: { content: '第一条' } });

    standIn.failNext((c) => c.path === '/cgi-bin/message/send', 1, 42001);
    await client.appSend('zhangsan', '过期后');
    expect(standIn.calls.filter((c) => c.path === '/cgi-bin/gettoken')).toHaveLength(2);
    expect(standIn.calls.at(-1)!.query.get('access_token')).toBe('tok-2');
  });

  it('sends robot webhook messages and reports WeCom errors', async () => {
    const client = new WecomClient({ base: standIn.url });
    await client.robotSend('abc-key', '你好');
    expect(standIn.calls.at(-1)).toMatchObject({ path: '/cgi-bin/webhook/send', body: { msgtype: 'text', text: { content: '你好' } } });
    standIn.failNext((c) => c.path === '/cgi-bin/webhook/send', 1, 93000);
    await expect(client.robotSend('abc-key', 'x')).rejects.toThrow(/93000/);
  });

  it('exchanges a mini-program login code and sends subscribe messages', async () => {
    const client = new WechatClient({ base: standIn.url, appId: 'wx1', secret: 's' });
    expect(await client.code2session('good')).toEqual({ openid: 'o-123', unionid: undefined });
    await expect(client.code2session('bad')).rejects.toThrow(/40029/);
    await client.subscribeSend({ touser: 'o-123', template_id: 'T1', data: { thing1: { value: '通知' } } });
    expect(standIn.calls.at(-1)).toMatchObject({ path: '/cgi-bin/message/subscribe/send', body: { touser: 'o-123', template_id: 'T1' } });
  });
});
