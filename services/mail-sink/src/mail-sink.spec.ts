import { createServer, type AddressInfo } from 'node:net';
import nodemailer from 'nodemailer';
import type Mail from 'nodemailer/lib/mailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { MailSink } from './mail-sink';
import type { FaultRule, MessageDetail, MessageList, SinkStats } from './types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('MailSink', () => {
  const sink = new MailSink({ smtpPort: 0, httpPort: 0 });
  let smtpPort: number;
  let api: string;

  beforeAll(async () => {
    const ports = await sink.start();
    smtpPort = ports.smtpPort;
    api = `http://127.0.0.1:${ports.httpPort}`;
  });

  afterAll(() => sink.stop());

  beforeEach(async () => {
    await fetch(`${api}/api/v1/messages`, { method: 'DELETE' });
    await fetch(`${api}/api/v1/faults`, { method: 'DELETE' });
  });

  function send(mail: Mail.Options, transport: SMTPTransport.Options = {}): Promise<SMTPTransport.SentMessageInfo> {
    const transporter = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true, ...transport });
    return transporter.sendMail({ from: 'sender@example.com', to: 'someone@example.com', subject: 'hello', text: 'hi', ...mail });
  }

  async function getJson<T>(path: string, expectedStatus = 200): Promise<T> {
    const res = await fetch(`${api}${path}`);
    expect(res.status).toBe(expectedStatus);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    return (await res.json()) as T;
  }

  function postFault(rule: unknown): Promise<Response> {
    return fetch(`${api}/api/v1/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(rule),
    });
  }

  it('binds free ports when asked for port 0', () => {
    expect(smtpPort).toBeGreaterThan(0);
    expect(api).not.toMatch(/:0$/);
  });

  it('stores a UTF-8 message with text and HTML and serves it Mailpit-style', async () => {
    const before = Date.now();
    const info = await send({
      from: { name: '数据 团队', address: 'team@example.com' },
      to: ['张三 <zhang.san@example.com>', 'li.si@example.com'],
      cc: 'wang.wu@example.com',
      subject: '您的个人信息转移通知',
      text: '您好，张三：您的个人信息将转移至新的运营方。',
      html: '<p>您好，<b>张三</b>：您的个人信息将转移至新的运营方。</p>',
      headers: { 'X-Case-Ref': 'case-42' },
    });

    const list = await getJson<MessageList>('/api/v1/messages');
    expect(list).toMatchObject({ total: 1, count: 1, start: 0 });
    const summary = list.messages[0];
    expect(summary).toMatchObject({
      MessageID: info.messageId.replace(/^<|>$/g, ''),
      From: { Name: '数据 团队', Address: 'team@example.com' },
      To: [
        { Name: '张三', Address: 'zhang.san@example.com' },
        { Name: '', Address: 'li.si@example.com' },
      ],
      Cc: [{ Name: '', Address: 'wang.wu@example.com' }],
      Subject: '您的个人信息转移通知',
    });
    expect(summary?.ID).toMatch(UUID);
    expect(summary?.Size).toBeGreaterThan(200);
    expect(Date.parse(summary?.Created ?? '')).toBeGreaterThanOrEqual(before - 1000);
    expect(summary).not.toHaveProperty('Text');

    const message = await getJson<MessageDetail>(`/api/v1/message/${summary?.ID}`);
    expect(message.Subject).toBe('您的个人信息转移通知');
    expect(message.Text.trim()).toBe('您好，张三：您的个人信息将转移至新的运营方。');
    expect(message.HTML).toContain('<b>张三</b>');
    expect(message.Headers['X-Case-Ref']).toEqual(['case-42']);
    expect(message.Headers['Message-Id']).toEqual([info.messageId]);
    // Headers stay as sent: the subject is an encoded word, not the decoded text.
    expect(message.Headers['Subject']?.[0]).toMatch(/^=\?UTF-8\?/i);
  });

  it('serves the newest message as "latest"', async () => {
    await send({ subject: 'first' });
    await send({ subject: 'second' });
    expect((await getJson<MessageDetail>('/api/v1/message/latest')).Subject).toBe('second');
  });

  it('accepts any AUTH credentials over plain SMTP', async () => {
    const info = await send({ subject: 'with auth' }, { auth: { user: 'anyone', pass: 'anything' } });
    expect(info.response).toMatch(/^250 /);
    expect((await getJson<MessageList>('/api/v1/messages')).messages[0]?.Subject).toBe('with auth');
  });

  it('does not offer STARTTLS', async () => {
    await expect(send({}, { ignoreTLS: false, requireTLS: true })).rejects.toThrow(/STARTTLS/);
  });

  it('lists newest first and paginates with start and limit', async () => {
    for (let i = 0; i < 5; i += 1) await send({ subject: `m${i}` });

    const first = await getJson<MessageList>('/api/v1/messages?limit=2');
    expect(first).toMatchObject({ total: 5, count: 2, start: 0 });
    expect(first.messages.map((m) => m.Subject)).toEqual(['m4', 'm3']);

    const last = await getJson<MessageList>('/api/v1/messages?start=4&limit=2');
    expect(last).toMatchObject({ total: 5, count: 1, start: 4 });
    expect(last.messages.map((m) => m.Subject)).toEqual(['m0']);

    expect((await getJson<MessageList>('/api/v1/messages?start=10')).count).toBe(0);
    expect((await getJson<MessageList>('/api/v1/messages')).count).toBe(5);
    await getJson('/api/v1/messages?limit=-1', 400);
  });

  it('empties the inbox on DELETE', async () => {
    await send({ subject: 'a' });
    await send({ subject: 'b' });
    const { messages } = await getJson<MessageList>('/api/v1/messages');
    expect(messages).toHaveLength(2);

    const res = await fetch(`${api}/api/v1/messages`, { method: 'DELETE' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ deleted: 2 });
    expect((await getJson<MessageList>('/api/v1/messages')).total).toBe(0);
    await getJson(`/api/v1/message/${messages[0]?.ID}`, 404);
  });

  it('deletes only the given IDs when a body names them', async () => {
    await send({ subject: 'keep' });
    await send({ subject: 'drop' });
    const [drop] = (await getJson<MessageList>('/api/v1/messages')).messages;
    const res = await fetch(`${api}/api/v1/messages`, { method: 'DELETE', body: JSON.stringify({ IDs: [drop?.ID] }) });
    expect(res.status).toBe(200);
    expect((await getJson<MessageList>('/api/v1/messages')).messages.map((m) => m.Subject)).toEqual(['keep']);
  });

  it('searches by recipient, case-insensitively, including Bcc', async () => {
    await send({ subject: 'to alice', to: 'Alice@Example.com' });
    await send({ subject: 'to bob', to: 'bob@example.com', bcc: 'carol@example.com' });
    await send({ subject: 'cc alice', to: 'dave@example.com', cc: 'alice@example.com' });

    const alice = await getJson<MessageList>(`/api/v1/search?query=${encodeURIComponent('to:ALICE@example.com')}`);
    expect(alice.messages.map((m) => m.Subject)).toEqual(['cc alice', 'to alice']);
    expect(alice).toMatchObject({ total: 3, messages_count: 2, count: 2 });

    const carol = await getJson<MessageList>(`/api/v1/search?query=${encodeURIComponent('to:carol@example.com')}`);
    expect(carol.messages.map((m) => m.Subject)).toEqual(['to bob']);
    await getJson('/api/v1/search?query=subject:x', 400);
  });

  it('answers a DATA fault with its code and does not keep the message', async () => {
    const res = await postFault({ code: 451, count: 1, message: 'try later' });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ code: 451, count: 1, message: 'try later' });

    await expect(send({ subject: 'refused' })).rejects.toMatchObject({ responseCode: 451, response: expect.stringContaining('try later') });
    expect((await getJson<MessageList>('/api/v1/messages')).total).toBe(0);

    // count was 1: the rule is used up and the next message goes through.
    await send({ subject: 'accepted' });
    expect((await getJson<MessageList>('/api/v1/messages')).messages.map((m) => m.Subject)).toEqual(['accepted']);
    expect((await getJson<{ faults: FaultRule[] }>('/api/v1/faults')).faults).toEqual([]);
  });

  it('rejects only the matching recipient with a rcptMatch fault, count times', async () => {
    expect((await postFault({ code: 550, count: 2, rcptMatch: 'blocked' })).status).toBe(201);

    const info = await send({ to: ['ok@example.com', 'Blocked.User@example.com'] });
    expect(info.accepted).toEqual(['ok@example.com']);
    expect(info.rejected).toEqual(['Blocked.User@example.com']);
    const stored = await getJson<MessageDetail>('/api/v1/message/latest');
    expect(stored.To.map((a) => a.Address)).toContain('Blocked.User@example.com'); // header kept as sent

    const { faults } = await getJson<{ faults: FaultRule[] }>('/api/v1/faults');
    expect(faults).toEqual([expect.objectContaining({ code: 550, count: 1, rcptMatch: 'blocked' })]);

    // A message to the blocked recipient alone fails outright.
    await expect(send({ to: 'blocked@example.com' })).rejects.toMatchObject({ responseCode: 550 });

    const third = await send({ to: ['ok@example.com', 'blocked@example.com'] });
    expect(third.rejected).toEqual([]);
    expect((await getJson<{ faults: FaultRule[] }>('/api/v1/faults')).faults).toEqual([]);
  });

  it('uses DATA faults up one by one and counts them in stats', async () => {
    const statsBefore = await getJson<SinkStats>('/api/v1/stats');
    await postFault({ code: 452, count: 2 });

    await expect(send({})).rejects.toMatchObject({ responseCode: 452 });
    expect((await getJson<{ faults: FaultRule[] }>('/api/v1/faults')).faults[0]?.count).toBe(1);
    await expect(send({})).rejects.toMatchObject({ responseCode: 452 });
    await expect(send({ subject: 'after' })).resolves.toMatchObject({ accepted: ['someone@example.com'] });

    const stats = await getJson<SinkStats>('/api/v1/stats');
    expect(stats).toEqual({ total: 1, accepted: statsBefore.accepted + 1, rejected: statsBefore.rejected + 2 });
  });

  it('clears faults on DELETE', async () => {
    await postFault({ code: 554, count: 5 });
    const res = await fetch(`${api}/api/v1/faults`, { method: 'DELETE' });
    expect(await res.json()).toEqual({ cleared: 1 });
    await expect(send({})).resolves.toMatchObject({ rejected: [] });
  });

  it('refuses invalid fault rules and malformed JSON with 400', async () => {
    expect((await postFault({ code: 250, count: 1 })).status).toBe(400);
    expect((await postFault({ code: 451, count: 0 })).status).toBe(400);
    expect((await postFault({ code: 451, count: 1, message: 'a\r\n250 ok' })).status).toBe(400);
    const bad = await fetch(`${api}/api/v1/faults`, { method: 'POST', body: '{"code": 451,' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: 'request body is not valid JSON' });
    expect((await getJson<{ faults: FaultRule[] }>('/api/v1/faults')).faults).toEqual([]);
  });

  it('answers 404 JSON for unknown messages and routes', async () => {
    expect(await getJson('/api/v1/message/00000000-0000-0000-0000-000000000000', 404)).toEqual({ error: 'message not found' });
    await getJson('/api/v1/nothing-here', 404);
    expect((await fetch(`${api}/api/v1/stats`, { method: 'POST' })).status).toBe(404);
  });

  it('answers /livez', async () => {
    const res = await fetch(`${api}/livez`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('ok');
  });
});

describe('MailSink lifecycle', () => {
  it('stops listening on stop() and can be stopped twice', async () => {
    const sink = new MailSink({ smtpPort: 0, httpPort: 0 });
    const { httpPort } = await sink.start();
    expect((await fetch(`http://127.0.0.1:${httpPort}/livez`)).status).toBe(200);
    await sink.stop();
    await sink.stop();
    await expect(fetch(`http://127.0.0.1:${httpPort}/livez`)).rejects.toThrow();
  });

  it('fails to start on a taken port and releases the port it did bind', async () => {
    const first = new MailSink({ smtpPort: 0, httpPort: 0 });
    const taken = await first.start();
    const smtpPort = await freePort();
    const second = new MailSink({ smtpPort, httpPort: taken.httpPort });
    try {
      await expect(second.start()).rejects.toMatchObject({ code: 'EADDRINUSE' });
      // The SMTP port that second did bind before the HTTP port failed is free again.
      await expect(freePort(smtpPort)).resolves.toBe(smtpPort);
    } finally {
      await second.stop();
      await first.stop();
    }
  });
});

/** Binds `port` (0: any) on loopback, releases it and returns its number. */
function freePort(port = 0): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const bound = (server.address() as AddressInfo).port;
      server.close(() => resolve(bound));
    });
  });
}
