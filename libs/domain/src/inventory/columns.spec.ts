import {
  CANONICAL_COLUMNS,
  assignColumnValue,
  canonicalColumn,
  isInventoryColumn,
  isSensitiveColumn,
  mapHeader,
} from './columns';

describe('inventory columns', () => {
  it('lists the thirteen canonical columns of docs/api.md in order', () => {
    expect(CANONICAL_COLUMNS).toEqual([
      'customer_id',
      'type',
      'name',
      'email',
      'phone',
      'id_number',
      'birth_date',
      'address',
      'products',
      'last_purchase_at',
      'total_spent',
      'bank_card',
      'notes',
    ]);
  });

  it.each([
    ['客户编号', 'customer_id'],
    ['客户类型', 'type'],
    ['姓名', 'name'],
    ['名称', 'name'],
    ['邮箱', 'email'],
    ['手机', 'phone'],
    ['身份证号', 'id_number'],
    ['出生日期', 'birth_date'],
    ['地址', 'address'],
    ['购买产品', 'products'],
    ['最近购买时间', 'last_purchase_at'],
    ['累计消费', 'total_spent'],
    ['银行卡号', 'bank_card'],
    ['备注', 'notes'],
    ['健康状况', 'health'],
    ['健康', 'health'],
    ['生物识别', 'biometric'],
    ['宗教信仰', 'religion'],
    ['宗教', 'religion'],
    ['精确位置', 'location'],
    ['位置', 'location'],
    ['定位', 'location'],
  ])('maps the Chinese header %s to %s', (raw, expected) => {
    expect(canonicalColumn(raw)).toBe(expected);
  });

  it.each([
    ['EMAIL', 'email'],
    ['  Customer_ID ', 'customer_id'],
    ['Customer ID', 'customer_id'],
    ['customerId', 'customer_id'],
    ['last-purchase-at', 'last_purchase_at'],
    ['\uFEFFcustomer_id', 'customer_id'],
    ['ｅｍａｉｌ', 'email'],
    ['Biometrics', 'biometric'],
    ['Religion', 'religion'],
  ])('maps the English header %j to %s (case-insensitive, trimmed, BOM stripped)', (raw, expected) => {
    expect(canonicalColumn(raw)).toBe(expected);
  });

  it('returns null for unknown or empty headers', () => {
    expect(canonicalColumn('会员等级')).toBeNull();
    expect(canonicalColumn('loyalty')).toBeNull();
    expect(canonicalColumn('   ')).toBeNull();
  });

  it('maps a Chinese header row with a BOM on the first cell, keeping unknown columns', () => {
    const mapping = mapHeader(['\uFEFF客户编号', '姓名', ' 邮箱 ', '会员等级', '手机']);
    expect(mapping.columns.map((c) => c.canonical)).toEqual(['customer_id', 'name', 'email', null, 'phone']);
    expect(mapping.columns.map((c) => c.key)).toEqual(['customer_id', 'name', 'email', '会员等级', 'phone']);
    expect(mapping.columns[0]?.raw).toBe('\uFEFF客户编号');
    expect(mapping.unknown).toEqual(['会员等级']);
    expect(mapping.duplicates).toEqual([]);
    expect(mapping.hasCustomerId).toBe(true);
  });

  it('reports duplicates when two headers name the same column', () => {
    const mapping = mapHeader(['customer_id', '姓名', '名称', 'email', '邮箱', 'x', 'x']);
    expect(mapping.duplicates).toEqual(['name', 'email', 'x']);
    expect(mapping.columns.map((c) => c.key)).toEqual(['customer_id', 'name', 'name', 'email', 'email', 'x', 'x']);
  });

  it('names empty header cells by position and flags a missing customer_id', () => {
    const mapping = mapHeader(['name', '', 'email']);
    expect(mapping.columns[1]).toEqual({ index: 1, raw: '', canonical: null, key: 'column_2' });
    expect(mapping.hasCustomerId).toBe(false);
  });

  it('keeps the first non-empty value among duplicate columns', () => {
    const record: Record<string, string> = {};
    assignColumnValue(record, 'name', '');
    assignColumnValue(record, 'name', '张三');
    assignColumnValue(record, 'name', '李四');
    expect(record).toEqual({ name: '张三' });
  });

  it('tells inventory and sensitive columns apart', () => {
    expect(isInventoryColumn('bank_card')).toBe(true);
    expect(isInventoryColumn('health')).toBe(true);
    expect(isInventoryColumn('loyalty')).toBe(false);
    expect(isSensitiveColumn('health')).toBe(true);
    expect(isSensitiveColumn('bank_card')).toBe(false);
  });
});
