import type { CustomerTier, CustomerType, NoticeAddition, NoticeChannel, Route, SensitiveCategory } from '@handover/domain';
import { Prng } from './generator/prng';

/**
 * Test factory of routed customers for the notification phase (mailing, reminders, outcomes,
 * chaos and benchmark runs), when a test needs customers already past the inventory gate without
 * running an import and the rule engine.
 *
 * Each spec is shaped like the importer's row (`CustomerImportRow` of @handover/persistence), so
 * tests turn it into a document with the importer's own mapper (`toCustomerDocument`, which
 * encrypts the personal fields and computes the blind indexes) and add `routeFields` as
 * `decideRoutes` would have written them. This lib cannot import persistence (module
 * boundaries), hence the structural shape.
 *
 * All data is synthetic: names `测试客户<n>`, addresses `c<n>@<emailDomain>`, deterministic from
 * the seed.
 */
export interface RoutedCustomerSpec {
  caseId: string;
  importId: string;
  line: number;
  type: CustomerType;
  personal: {
    customerId: string;
    name?: string;
    email?: string;
    phone?: string;
    idNumber?: string;
    bankCard?: string;
    products: string[];
    extra: Record<string, string>;
  };
  classification: {
    sensitive: SensitiveCategory[];
    minor: boolean;
    reachable: boolean;
    productLines: string[];
    tier: CustomerTier;
  };
  legalHold: { ruleId: string; until: string } | null;
  routeFields: {
    route: Route;
    transferable: boolean;
    handover: boolean;
    noticeChannel: NoticeChannel;
    noticeAdditions: NoticeAddition[];
    routeReasons: Array<{ ruleId: string; article: string }>;
    rulePackVersion: string;
  };
  /** Set on about one customer in `enEvery`; absent = zh-CN. */
  locale?: 'en';
}

export interface RoutedCustomerOptions {
  caseId: string;
  count: number;
  /** Every address is `c<n>@<emailDomain>`: use a domain unique to the test run. */
  emailDomain: string;
  seed?: number;
  importId?: string;
  /** Relative weights of the routes; default: every route, notice most often. */
  routes?: Partial<Record<Route, number>>;
  /** Share of customers without an email address (half of them keep a phone). Default 0.08. */
  noEmailShare?: number;
  /** One customer in this many reads notices in English. Default 5. */
  enEvery?: number;
}

const DEFAULT_ROUTES: Readonly<Record<Route, number>> = {
  notice: 40,
  'separate-consent': 20,
  'guardian-consent': 8,
  'notice-of-change': 10,
  delete: 12,
  hold: 10,
};

const CONSENT: readonly Route[] = ['separate-consent', 'guardian-consent'];

/** The address the factory gives customer `n` (1-based). */
export const factoryEmail = (n: number, emailDomain: string): string => `c${String(n).padStart(6, '0')}@${emailDomain}`;

export function makeRoutedCustomers(options: RoutedCustomerOptions): RoutedCustomerSpec[] {
  const prng = new Prng(options.seed ?? 4242);
  const weights = Object.entries(options.routes ?? DEFAULT_ROUTES).filter(([, w]) => (w ?? 0) > 0) as Array<[Route, number]>;
  const total = weights.reduce((sum, [, w]) => sum + w, 0);
  if (total <= 0) throw new RangeError('makeRoutedCustomers: no route has a positive weight');
  const noEmailShare = options.noEmailShare ?? 0.08;
  const enEvery = options.enEvery ?? 5;
  const specs: RoutedCustomerSpec[] = [];

  for (let n = 1; n <= options.count; n++) {
    let pick = prng.next() * total;
    let route: Route = weights[0]?.[0] ?? 'notice';
    for (const [candidate, weight] of weights) {
      if (pick < weight) {
        route = candidate;
        break;
      }
      pick -= weight;
    }
    const hasEmail = !prng.chance(noEmailShare);
    const hasPhone = hasEmail ? prng.chance(0.7) : prng.chance(0.5);
    const hasBankCard = prng.chance(0.2);
    const minor = route === 'guardian-consent';
    const reachable = hasEmail || hasPhone;
    const sensitive: SensitiveCategory[] = [];
    if (hasBankCard) sensitive.push('bank_card', 'financial_account');
    if (minor) sensitive.push('minor');
    const consent = CONSENT.includes(route);
    const transferable = route === 'notice' || (consent && reachable);
    const noticeAdditions: NoticeAddition[] = [];
    if (route === 'separate-consent') noticeAdditions.push('art23-purpose-method-categories');
    if (sensitive.length > 0 && route !== 'delete' && route !== 'hold' && route !== 'notice-of-change') noticeAdditions.push('art30-necessity-impact');

    specs.push({
      caseId: options.caseId,
      importId: options.importId ?? 'factory',
      line: n + 1,
      type: prng.chance(0.1) ? 'enterprise' : 'individual',
      personal: {
        customerId: `F${String(n).padStart(7, '0')}`,
        name: `测试客户${String(n).padStart(4, '0')}`,
        ...(hasEmail && { email: factoryEmail(n, options.emailDomain) }),
        ...(hasPhone && { phone: `139${prng.digits(8)}` }),
        ...(hasBankCard && { bankCard: `6222${prng.digits(15)}` }),
        products: [prng.pick(['金手镯', '银项链', '会员卡', '保养服务'])],
        extra: {},
      },
      classification: { sensitive, minor, reachable, productLines: ['jewellery'], tier: 'regular' },
      legalHold: route === 'hold' ? { ruleId: 'cn-pipl.retention.accounting-archives', until: '2035-12-31' } : null,
      routeFields: {
        route,
        transferable,
        handover: transferable && route !== 'notice-of-change',
        noticeChannel: hasEmail || hasPhone ? 'individual' : 'public-announcement',
        noticeAdditions,
        routeReasons: [{ ruleId: `factory.${route}`, article: 'test' }],
        rulePackVersion: 'factory',
      },
      ...(enEvery > 0 && n % enEvery === 0 && { locale: 'en' as const }),
    });
  }
  return specs;
}
