/** 个人信息遮盖：委员和公众看到的文本里不能有号码和门牌。 */
import { findPersonalData, redactPersonalData, type PiiKind } from '../../../shared/triage/pii';

describe('个人信息遮盖', () => {
  const table: Array<[string, string, PiiKind[], string]> = [
    ['手机号', '联系电话13812345678谢谢', ['phone'], '联系电话138****5678谢谢'],
    ['带分隔的手机号', '手机：138-1234-5678', ['phone'], '手机：138****5678'],
    ['全角数字手机号', '电话１３９１２３４５６７８', ['phone'], '电话139****5678'],
    ['座机', '请回电0731-84567890', ['phone'], '请回电0731-****90'],
    ['身份证', '身份证号430102199003071234，', ['idcard'], '身份证号430102********1234，'],
    ['身份证末位 X', '证件43010219900307123X', ['idcard'], '证件430102********123X'],
    ['银行卡（Luhn 校验通过）', '工资卡6222021234567890128被冻结', ['bankcard'], '工资卡6222********0128被冻结'],
    ['车牌', '车牌湘A12345的车天天堵门', ['plate'], '车牌湘A****5的车天天堵门'],
    ['新能源车牌', '湘AD12345停在消防通道', ['plate'], '湘A****5停在消防通道'],
    ['邮箱', '邮箱zhangsan@example.com', ['email'], '邮箱z***@example.com'],
    ['楼栋单元室', '我住3栋2单元501室', ['address'], '我住[门牌号已隐藏]'],
    ['号楼加房号', '5号楼302漏水', ['address'], '[门牌号已隐藏]漏水'],
    ['短横门牌', '家住12-3-401', ['address'], '家住[门牌号已隐藏]'],
  ];
  test.each(table)('%s', (_name, text, kinds, expected) => {
    const r = redactPersonalData(text);
    expect(r.redacted).toBe(expected);
    expect(r.found.map((f) => f.kind)).toEqual(kinds);
  });

  const untouched: Array<[string, string]> = [
    ['日期', '2019年10月1日起开始施工'],
    ['金额', '拖欠工资3500元'],
    ['公共热线', '打了12345也没人管'],
    ['只到楼栋', '3栋门口的路灯坏了'],
    ['年份区间', '2018-2019年度'],
    ['脱敏地名', 'A市A3区魏家坡小区'],
  ];
  test.each(untouched)('%s 不被误遮', (_name, text) => {
    expect(redactPersonalData(text).redacted).toBe(text);
  });

  test('位置对应原文，多处信息按顺序返回', () => {
    const text = '电话13812345678，住5栋1单元201室';
    const found = findPersonalData(text);
    expect(found.map((f) => text.slice(f.start, f.end))).toEqual(['13812345678', '5栋1单元201室']);
  });
});
