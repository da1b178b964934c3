import iconv from 'iconv-lite';
import { csvCell } from '@handover/ingest';
import { idNumberCheckChar } from '@handover/domain';

/** A resident ID number with a valid check digit: region 110105, the given birth date, a sequence. */
export function validIdNumber(birthDate: string, sequence: number): string {
  const first17 = `110105${birthDate.replace(/-/g, '')}${String(sequence % 1000).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

/** Completes a 15-digit prefix to a 16-digit card number that passes the Luhn check. */
export function luhnCard(prefix15: string): string {
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    let digit = Number(prefix15[14 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return prefix15 + String((10 - (sum % 10)) % 10);
}

const quote = csvCell;

/** CSV as Excel in zh-CN writes it: GBK (GB18030) bytes, CRLF line ends, quotes where needed. */
export function gbkCsv(rows: string[][]): Buffer {
  return iconv.encode(rows.map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n', 'gb18030');
}

export const CHINESE_HEADER = ['客户编号', '客户类型', '姓名', '邮箱', '手机', '身份证号', '出生日期', '地址', '购买产品', '最近购买时间', '累计消费', '银行卡号', '备注'];
