import { canonicalHeaderName, headerMap, parseMessage } from './parse-message';

function parse(raw: string, envelopeTo: string[] = []) {
  return parseMessage({ id: 'id-1', raw: Buffer.from(raw.replace(/\n/g, '\r\n')), envelopeTo, received: new Date(0) });
}

describe('parseMessage', () => {
  it('flattens address groups and lists envelope-only recipients as Bcc', async () => {
    const message = await parse(
      [
        'From: Sender <sender@example.com>',
        'To: Team: a@example.com, B <b@example.com>;',
        'Subject: groups',
        'Message-ID: <abc@example.com>',
        '',
        'body',
        '',
      ].join('\n'),
      ['a@example.com', 'hidden@example.com'],
    );
    expect(message.To).toEqual([
      { Name: '', Address: 'a@example.com' },
      { Name: 'B', Address: 'b@example.com' },
    ]);
    expect(message.Bcc).toEqual([{ Name: '', Address: 'hidden@example.com' }]);
    expect(message.MessageID).toBe('abc@example.com');
    expect(message.HTML).toBe('');
    expect(message.Text.trim()).toBe('body');
  });

  it('has no From and empty fields for a bare message', async () => {
    const message = await parse('\nonly a body\n');
    expect(message).toMatchObject({ From: null, To: [], Cc: [], Subject: '', MessageID: '' });
  });
});

describe('headerMap', () => {
  it('canonicalises names, unfolds lines and keeps repeated headers in order', () => {
    const headers = headerMap([
      { key: 'received', line: 'Received: from a\r\n\tby b' },
      { key: 'received', line: 'received: from c' },
      { key: 'mime-version', line: 'MIME-Version: 1.0' },
      { key: '__proto__', line: '__proto__: x' },
    ]);
    expect(headers['Received']).toEqual(['from a by b', 'from c']);
    expect(headers['Mime-Version']).toEqual(['1.0']);
    // Stored as an own property, not as the object's prototype.
    expect(Object.getPrototypeOf(headers)).toBe(Object.prototype);
    expect(JSON.parse(JSON.stringify(headers))).toHaveProperty(['__proto__']);
  });

  it('canonicalises like Go textproto', () => {
    expect(canonicalHeaderName('message-ID')).toBe('Message-Id');
    expect(canonicalHeaderName('x-case-REF')).toBe('X-Case-Ref');
  });
});
