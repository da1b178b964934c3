/**
 * Synthesises inventory rows in the column order of CHINESE_HEADER (docs/api.md "Inventory columns"):
 * Chinese names, mainland phones, resident ID numbers with valid check digits (some minors), Luhn
 * bank cards, addresses, ';'-separated products, Excel-style dates and amounts with thousands
 * separators. A configurable share of rows carries exactly one defect, so each invalid row has one
 * known field at fault (the one a rejection must name). Deterministic for a seed.
 */
import { idNumberCheckChar } from '@handover/domain';
import { Prng } from './prng';
import {
  BUILDINGS,
  CARD_BINS,
  COMMUNITIES,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  FREE_MAIL_DOMAINS,
  GIVEN_CHARS,
  INDUSTRIES,
  MOBILE_PREFIXES,
  NOTES,
  PRODUCTS,
  REGIONS,
  ROADS,
  SURNAMES,
  type Region,
} from './tables';

/** The field a defective row's rejection must name (`row` = wrong number of fields). */
export type InvalidField =
  | 'customer_id'
  | 'type'
  | 'email'
  | 'phone'
  | 'id_number'
  | 'birth_date'
  | 'last_purchase_at'
  | 'total_spent'
  | 'bank_card'
  | 'row';

export interface GeneratedRow {
  fields: string[];
  /** Set on a defective row: the one field at fault. */
  invalid?: InvalidField;
  /** A valid individual under 14 on the reference date (from the ID number or birth date). */
  minor: boolean;
}

export interface InventoryRowOptions {
  seed: number;
  /** Share of rows with one defect, 0..1. */
  invalidRatio: number;
  /** 'YYYY-MM-DD': ages and purchase dates are relative to it. Fixed so output does not depend on the day. */
  referenceDate: string;
  /** Prefix of customer IDs (C<prefix>00000001). */
  idPrefix: string;
  /**
   * Whether a customer_id defect may repeat an earlier valid row's ID (half of them do; the other
   * half leave the ID empty). Default true; false leaves every customer_id defect empty.
   */
  duplicateIds?: boolean;
}

// Column positions, in CHINESE_HEADER order.
const COL = {
  customerId: 0,
  type: 1,
  name: 2,
  email: 3,
  phone: 4,
  idNumber: 5,
  birthDate: 6,
  address: 7,
  products: 8,
  lastPurchaseAt: 9,
  totalSpent: 10,
  bankCard: 11,
  notes: 12,
} as const;
export const INVENTORY_COLUMN_COUNT = 13;

const DEFECTS: readonly InvalidField[] = [
  'customer_id', 'customer_id', 'type', 'email', 'email', 'phone', 'phone', 'id_number', 'id_number',
  'birth_date', 'last_purchase_at', 'total_spent', 'bank_card', 'bank_card', 'row', 'row',
];

const DAY_MS = 86_400_000;
const pad2 = (n: number): string => String(n).padStart(2, '0');

interface Ymd {
  y: number;
  m: number;
  d: number;
}

function ymdOf(day: number): Ymd {
  const date = new Date(day * DAY_MS);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

/** Completes a digit prefix with the Luhn check digit. */
export function luhnComplete(prefix: string): string {
  let sum = 0;
  for (let i = 0; i < prefix.length; i++) {
    let digit = Number(prefix[prefix.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return prefix + String((10 - (sum % 10)) % 10);
}

/** 1234567.5 → '1,234,567.50' */
export function withThousands(amount: number, decimals = 2): string {
  const [int = '0', frac] = amount.toFixed(decimals).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac === undefined ? grouped : `${grouped}.${frac}`;
}

export class InventoryRowFactory {
  readonly #rng: Prng;
  readonly #options: InventoryRowOptions;
  readonly #today: number;
  /** Recent valid customer IDs, for duplicate-ID defects (a duplicate must repeat an accepted row). */
  readonly #recentValid: string[] = [];
  #recentNext = 0;

  constructor(options: InventoryRowOptions) {
    this.#options = options;
    this.#rng = new Prng(options.seed);
    const today = Date.parse(`${options.referenceDate}T00:00:00Z`);
    if (Number.isNaN(today)) throw new RangeError(`referenceDate must be YYYY-MM-DD, got ${options.referenceDate}`);
    this.#today = Math.floor(today / DAY_MS);
  }

  customerId(index: number): string {
    return `C${this.#options.idPrefix}${String(index + 1).padStart(8, '0')}`;
  }

  /** The row with 0-based `index`; call with increasing indexes (the sequence is the PRNG's). */
  row(index: number): GeneratedRow {
    const rng = this.#rng;
    const defect = rng.chance(this.#options.invalidRatio) ? rng.pick(DEFECTS) : undefined;
    // Defective rows are individuals, so that every defect applies to a field the row has.
    const enterprise = defect === undefined && rng.chance(0.05);
    const region = rng.pickSkewed(REGIONS);
    const fields: string[] = new Array<string>(INVENTORY_COLUMN_COUNT).fill('');
    fields[COL.customerId] = this.customerId(index);
    let minor = false;
    let birthDay: number | undefined;

    if (enterprise) {
      const [word, wordPinyin] = rng.pick(COMPANY_WORDS);
      fields[COL.type] = '企业';
      fields[COL.name] = `${region.city || region.province}${word}${rng.pick(INDUSTRIES)}${rng.pick(COMPANY_SUFFIXES)}`;
      if (rng.chance(0.8)) fields[COL.email] = `${rng.pick(['info', 'service', 'contact', 'finance'])}@${wordPinyin}${rng.chance(0.5) ? '-group' : ''}.com.cn`;
      if (rng.chance(0.9)) fields[COL.phone] = this.#landline(region);
    } else {
      const [surname, surnamePinyin] = rng.pickSkewed(SURNAMES);
      const given = rng.chance(0.7) ? [rng.pick(GIVEN_CHARS), rng.pick(GIVEN_CHARS)] : [rng.pick(GIVEN_CHARS)];
      const typeStyle = rng.next(); // mostly 个人; some English; some left empty (= individual)
      fields[COL.type] = typeStyle < 0.85 ? '个人' : typeStyle < 0.9 ? 'individual' : '';
      fields[COL.name] = surname + given.map(([c]) => c).join('');
      if (rng.chance(0.8)) fields[COL.email] = this.#email(surnamePinyin, given.map(([, p]) => p));
      if (rng.chance(0.9)) fields[COL.phone] = rng.chance(0.95) ? this.#mobile() : this.#landline(region);
      minor = rng.chance(0.03);
      // Adults 18–85, minors 1–10 (still minors for years after the reference date).
      const ageDays = minor ? rng.int(365, 10 * 365) : rng.int(18 * 366, 85 * 365);
      birthDay = this.#today - ageDays;
      const hasId = rng.chance(0.75);
      if (hasId) fields[COL.idNumber] = this.#idNumber(region, birthDay, !minor && rng.chance(0.005));
      if (hasId ? rng.chance(0.25) : rng.chance(0.1)) fields[COL.birthDate] = this.#date(birthDay);
      if (!hasId && fields[COL.birthDate] === '') minor = false; // nothing tells the importer the age
      if (rng.chance(0.3)) fields[COL.bankCard] = this.#bankCard();
    }
    fields[COL.address] = rng.chance(0.85) ? this.#address(region) : '';
    fields[COL.products] = this.#products();
    if (rng.chance(0.9)) fields[COL.lastPurchaseAt] = this.#purchaseDate();
    if (rng.chance(0.95)) fields[COL.totalSpent] = this.#amount(enterprise);
    if (rng.chance(0.12)) fields[COL.notes] = rng.chance(0.02) ? '第一行备注\n第二行备注' : rng.pick(NOTES);

    if (defect !== undefined) {
      this.#spoil(fields, defect, birthDay ?? this.#today - 30 * 365);
      return { fields, invalid: defect, minor: false };
    }
    this.#remember(fields[COL.customerId] as string);
    return { fields, minor };
  }

  #remember(id: string): void {
    if (this.#recentValid.length < 256) this.#recentValid.push(id);
    else this.#recentValid[this.#recentNext] = id;
    this.#recentNext = (this.#recentNext + 1) % 256;
  }

  /** Breaks exactly one field of an otherwise valid individual's row. */
  #spoil(fields: string[], defect: InvalidField, birthDay: number): void {
    const rng = this.#rng;
    switch (defect) {
      case 'customer_id':
        fields[COL.customerId] = this.#options.duplicateIds !== false && this.#recentValid.length > 0 && rng.chance(0.5) ? rng.pick(this.#recentValid) : '';
        return;
      case 'type':
        fields[COL.type] = rng.pick(['个体户', '公司客户', 'person', '其他']);
        return;
      case 'email':
        fields[COL.email] = rng.pick(['zhangsan#163.com', 'wang.li@', 'li wei@qq.com', '@163.com', 'zhao@@126.com', 'chen@qq', '无']);
        return;
      case 'phone':
        fields[COL.phone] = rng.pick([
          `${rng.pick(MOBILE_PREFIXES)}${rng.digits(7)}`, // 10 digits
          `12${rng.digits(9)}`, // no such prefix
          `${rng.pick(MOBILE_PREFIXES)}${rng.digits(9)}`, // 12 digits
          '电话待补充',
        ]);
        return;
      case 'id_number': {
        const id = this.#idNumber(rng.pick(REGIONS), birthDay, false);
        const kind = rng.int(0, 2);
        if (kind === 0) {
          // wrong check character
          const check = id.slice(-1);
          fields[COL.idNumber] = id.slice(0, 17) + (check === '0' ? '1' : check === 'X' ? '0' : String((Number(check) + 1) % 10));
        } else if (kind === 1) {
          fields[COL.idNumber] = id.slice(0, 16); // 16 characters
        } else {
          const first17 = `${id.slice(0, 10)}13${id.slice(12, 17)}`; // month 13
          fields[COL.idNumber] = first17 + idNumberCheckChar(first17);
        }
        return;
      }
      case 'birth_date':
        fields[COL.birthDate] = rng.pick(['1990-02-30', '不详', '13/25/1990', '1985年13月1日']);
        return;
      case 'last_purchase_at':
        fields[COL.lastPurchaseAt] = rng.pick(['2023-13-01', '去年', '2024/2/30 10:00', '2024-06-01 25:00']);
        return;
      case 'total_spent':
        fields[COL.totalSpent] = rng.pick(['-1,200.00', '约五千', 'N/A', '12,3a4']);
        return;
      case 'bank_card': {
        const card = this.#bankCard().replace(/\s/g, '');
        const last = Number(card.slice(-1));
        fields[COL.bankCard] = rng.chance(0.8) ? card.slice(0, -1) + String((last + 1) % 10) : card.slice(0, 10);
        return;
      }
      case 'row':
        if (rng.chance(0.5)) fields.push('多余的一列');
        else fields.pop();
        return;
    }
  }

  #mobile(): string {
    const rng = this.#rng;
    const prefix = rng.pick(MOBILE_PREFIXES);
    const rest = rng.digits(8);
    const style = rng.next();
    if (style < 0.7) return prefix + rest;
    if (style < 0.85) return `${prefix} ${rest.slice(0, 4)} ${rest.slice(4)}`;
    if (style < 0.95) return `+86 ${prefix}${rest}`;
    return `${prefix}-${rest.slice(0, 4)}-${rest.slice(4)}`;
  }

  #landline(region: Region): string {
    const digits = region.areaCode.length === 3 ? 8 : this.#rng.chance(0.8) ? 8 : 7;
    return `${region.areaCode}-${this.#rng.int(2, 8)}${this.#rng.digits(digits - 1)}`;
  }

  #email(surname: string, given: string[]): string {
    const rng = this.#rng;
    if (rng.chance(0.3)) return `${rng.digits(rng.int(6, 10), true)}@qq.com`;
    const first = given.join('');
    const local = rng.pick([
      `${surname}${first}`,
      `${surname}.${first}`,
      `${first}_${surname}`,
      `${surname}${first}${rng.int(1, 99)}`,
      `${surname}${first}${rng.int(1960, 2012)}`,
      `${(given[0] ?? 'x').charAt(0)}${surname}${rng.digits(3)}`,
    ]);
    return `${local}@${rng.pickSkewed(FREE_MAIL_DOMAINS)}`;
  }

  #idNumber(region: Region, birthDay: number, legacy: boolean): string {
    const { y, m, d } = ymdOf(birthDay);
    const seq = this.#rng.digits(3);
    if (legacy && y >= 1900 && y < 2000) return `${region.code}${String(y).slice(2)}${pad2(m)}${pad2(d)}${seq}`;
    const first17 = `${region.code}${y}${pad2(m)}${pad2(d)}${seq}`;
    return first17 + idNumberCheckChar(first17);
  }

  #date(day: number): string {
    const { y, m, d } = ymdOf(day);
    const style = this.#rng.next();
    if (style < 0.5) return `${y}-${pad2(m)}-${pad2(d)}`;
    if (style < 0.8) return `${y}/${m}/${d}`;
    if (style < 0.95) return `${y}年${m}月${d}日`;
    return `${y}${pad2(m)}${pad2(d)}`;
  }

  #purchaseDate(): string {
    const rng = this.#rng;
    const day = this.#today - rng.int(1, 6 * 365);
    const { y, m, d } = ymdOf(day);
    const style = rng.next();
    if (style < 0.6) return `${y}/${m}/${d} ${rng.int(9, 21)}:${pad2(rng.int(0, 59))}`; // Excel's zh-CN default
    if (style < 0.9) return `${y}-${pad2(m)}-${pad2(d)}`;
    return `${y}-${pad2(m)}-${pad2(d)} ${pad2(rng.int(9, 21))}:${pad2(rng.int(0, 59))}:${pad2(rng.int(0, 59))}`;
  }

  #address(region: Region): string {
    const rng = this.#rng;
    const head = `${region.province}${region.city}${region.district}${rng.pick(ROADS)}${rng.int(1, 999)}号`;
    const style = rng.next();
    if (style < 0.4) return head;
    if (style < 0.8) return `${head}${rng.pick(COMMUNITIES)}${rng.int(1, 30)}栋${rng.int(1, 3)}单元${rng.int(1, 33)}${pad2(rng.int(1, 8))}室`;
    if (style < 0.95) return `${head}${rng.pick(BUILDINGS)}${rng.int(2, 40)}层`;
    return `${head}, ${rng.pick(BUILDINGS)}${rng.int(2, 40)}层`; // an ASCII comma: quoted in the CSV
  }

  #products(): string {
    const rng = this.#rng;
    const count = rng.chance(0.6) ? 1 : rng.chance(0.7) ? 2 : 3;
    const out: string[] = [];
    while (out.length < count) {
      const product = rng.pickSkewed(PRODUCTS);
      if (!out.includes(product)) out.push(product);
    }
    return out.join(';');
  }

  #amount(enterprise: boolean): string {
    const rng = this.#rng;
    const amount = Math.round(10 ** (enterprise ? 3 + rng.next() * 4 : 1.5 + rng.next() * 4) * 100) / 100;
    const text = rng.chance(0.2) ? withThousands(Math.round(amount), 0) : withThousands(amount);
    return rng.chance(0.1) ? `¥${text}` : text;
  }

  #bankCard(): string {
    const rng = this.#rng;
    const [bin, length] = rng.pick(CARD_BINS);
    const card = luhnComplete(bin + rng.digits(length - bin.length - 1));
    return rng.chance(0.2) ? card.replace(/(\d{4})(?=\d)/g, '$1 ') : card;
  }
}
