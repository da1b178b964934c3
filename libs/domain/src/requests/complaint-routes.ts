import type { Jurisdiction } from '../rules/types';

/** One route of complaint a refusal must name (PIPL Art. 50(2); GDPR Art. 12(4)). */
export interface ComplaintRoute {
  id: string;
  article: string;
  'zh-CN': string;
  en: string;
}

const CN_ROUTES: readonly ComplaintRoute[] = Object.freeze([
  {
    id: 'cn.cac-complaint',
    article: 'PIPL Art. 65',
    'zh-CN': '向履行个人信息保护职责的部门（网信部门等）投诉、举报',
    en: 'a complaint or report to the departments with personal-information protection duties (the Cyberspace Administration and others)',
  },
  {
    id: 'cn.court',
    article: 'PIPL Art. 50(2)',
    'zh-CN': '依法向人民法院提起诉讼',
    en: "a lawsuit before the people's court",
  },
]);

const EU_ROUTES: readonly ComplaintRoute[] = Object.freeze([
  { id: 'eu.supervisory-authority', article: 'GDPR Art. 77', 'zh-CN': '向数据保护监管机构投诉', en: 'a complaint to a supervisory authority' },
  { id: 'eu.judicial-remedy', article: 'GDPR Art. 79', 'zh-CN': '寻求司法救济', en: 'a judicial remedy' },
]);

/** The complaint routes a refusal names by default (the case manager may add their own). */
export function defaultComplaintRoutes(jurisdiction: Jurisdiction): readonly ComplaintRoute[] {
  return jurisdiction === 'EU-GDPR' ? EU_ROUTES : CN_ROUTES;
}
