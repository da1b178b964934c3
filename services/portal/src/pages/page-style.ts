import { createHash } from 'node:crypto';

/** The pages' only style: inline, allowed by its hash in the CSP (no external assets, no 'unsafe-inline'). */
export const PAGE_CSS = [
  'body{font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;line-height:1.6;',
  'color:#1f2328;background:#f6f8fa;margin:0;padding:1rem}',
  'main{max-width:36rem;margin:0 auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem}',
  'h1{font-size:1.3rem;margin:.2rem 0 1rem}',
  'dl{margin:0 0 1rem}dt{font-weight:600;margin-top:.6rem}dd{margin:0}',
  '.note{padding:.6rem .8rem;border-radius:6px;margin:0 0 1rem}',
  '.ok{background:#dafbe1;border:1px solid #4ac26b}.err{background:#ffebe9;border:1px solid #ff8182}',
  'form{display:inline-block;margin:.3rem .5rem .3rem 0}',
  'button{font-size:1rem;padding:.6rem 1.1rem;border-radius:6px;border:1px solid #1f2328;background:#fff;cursor:pointer}',
  '.muted{color:#59636e;font-size:.9rem}',
  'nav{text-align:right;font-size:.9rem;margin-bottom:.5rem}',
].join('');

export const PAGE_CSS_HASH = `sha256-${createHash('sha256').update(PAGE_CSS, 'utf8').digest('base64')}`;
