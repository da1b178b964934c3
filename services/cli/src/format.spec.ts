import { displayWidth, formatBytes, table } from './format';
import { ProgressBar } from './progress-bar';
import { resolveLocale, translator } from './i18n';

describe('table', () => {
  it('aligns columns by display width (CJK takes two cells) and shows empty cells as -', () => {
    const text = table(['name', 'n'], [['某某公司', 1], ['ab', undefined]]);
    const lines = text.split('\n');
    expect(lines).toEqual(['name      n', '--------  -', '某某公司  1', 'ab        -']);
    expect(displayWidth('某某公司')).toBe(8);
  });
});

describe('formatBytes', () => {
  it('uses binary units with one decimal', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MiB');
  });
});

describe('ProgressBar', () => {
  const sink = (isTTY: boolean) => {
    const writes: string[] = [];
    return { writes, sink: { write: (text: string) => writes.push(text), isTTY, columns: 60 } };
  };

  it('redraws one line in place only when the text changes, and ends it with a newline', () => {
    const { writes, sink: s } = sink(true);
    const bar = new ProgressBar(s, 'upload', 'bytes', true);
    bar.update(0, 4096);
    bar.update(1, 4096); // still 0%: same text, not redrawn
    bar.update(2048, 4096);
    bar.update(4096, 4096);
    bar.done();
    expect(writes).toHaveLength(4);
    expect(writes[0]).toMatch(/^\rupload \[-{24}\]\s+0% 0 B\/4\.0 KiB/);
    expect(writes[1]).toMatch(/^\rupload \[#{12}-{12}\]\s+50% 2\.0 KiB\/4\.0 KiB/);
    expect(writes[2]).toMatch(/\[#{24}\] 100%/);
    expect(writes[3]).toBe('\n');
  });

  it('shows a count without a total, and draws nothing when disabled (not a terminal)', () => {
    const bar = new ProgressBar({ write: () => undefined }, 'import', 'count', true, 'rows');
    expect(bar.render(12345)).toBe('import 12,345 rows');
    const { writes, sink: s } = sink(false);
    const off = new ProgressBar(s, 'upload', 'bytes', false);
    off.update(1, 2);
    off.done();
    expect(writes).toEqual([]);
  });
});

describe('locale', () => {
  it('takes --lang, then LC_ALL, LC_MESSAGES, LANG; zh… is Chinese', () => {
    expect(resolveLocale(undefined, { LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(resolveLocale(undefined, { LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(resolveLocale('zh-CN', { LANG: 'C' })).toBe('zh-CN');
    expect(resolveLocale(undefined, {})).toBe('en');
    expect(translator('zh-CN')('msg.caseStarted', { id: 'cs_1' })).toBe('案件 cs_1 已启动');
  });
});
