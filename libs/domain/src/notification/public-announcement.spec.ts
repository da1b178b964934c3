import { buildPublicAnnouncement } from './public-announcement';

const deadlines = { noticeDeadline: '2026-03-01T10:00:00.000Z', consentDeadline: '2026-03-31T10:00:00.000Z' };

describe('buildPublicAnnouncement', () => {
  it('announces a transfer in zh-CN and en with the dates, the count kept apart from the text', () => {
    const a = buildPublicAnnouncement({ kind: 'merger', transferor: { name: '甲公司' }, recipient: { name: '乙公司', country: 'CN' } }, deadlines, 17);
    expect(a.count).toBe(17);
    expect(a.text['zh-CN']).toContain('乙公司');
    expect(a.text['zh-CN']).toContain('2026-03-01');
    expect(a.text['zh-CN']).toContain('2026-03-31');
    expect(a.text.en).toContain('transferred to 乙公司');
    expect(a.text.en).not.toContain('17');
    expect(a.wordingVersion).toMatch(/^announcement\//);
  });

  it('announces deletion when there is no recipient, and a foreign recipient as such', () => {
    expect(buildPublicAnnouncement({ kind: 'bankruptcy', transferor: { name: '甲公司' } }, deadlines, 1).text['zh-CN']).toContain('删除');
    expect(buildPublicAnnouncement({ kind: 'asset-sale', transferor: { name: 'A' }, recipient: { name: 'B Pte', country: 'SG' } }, deadlines, 1).text.en).toContain(
      'outside mainland China: SG',
    );
  });

  it('says nothing moves on an equity transfer and asks for no consent', () => {
    const a = buildPublicAnnouncement({ kind: 'equity-transfer', transferor: { name: '甲公司' }, recipient: { name: '丙集团', country: 'CN' } }, deadlines, 3);
    expect(a.text['zh-CN']).toContain('主体不变');
    expect(a.text.en).not.toContain('consent');
  });
});
