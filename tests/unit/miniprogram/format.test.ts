/** 界面上的格式：北京时间、电话打码、等待时长、几人反映。 */
import { beijingDateTime, formatTime, formatWaiting, maskPhone, peopleLabel } from '../../../miniprogram/src/services/format';

describe('电话打码', () => {
  test.each([
    ['13812345678', '138****5678'],
    [' 13812345678 ', '138****5678'],
    ['027-87654321', '027-****21'],
    ['', ''],
    [undefined, ''],
  ])('%p 显示为 %p', (input, shown) => {
    expect(maskPhone(input as string | undefined)).toBe(shown);
  });
});

describe('时间按北京时间显示', () => {
  test('UTC 06:30 是北京时间 14:30', () => {
    expect(formatTime('2020-05-23T06:30:00Z')).toBe('2020年5月23日 14:30');
  });
  test('UTC 晚上跨到北京时间第二天', () => {
    expect(formatTime('2020-12-31T17:00:00Z')).toBe('2021年1月1日 01:00');
  });
  test('空值和坏值不显示', () => {
    expect(formatTime(null)).toBe('');
    expect(formatTime('不是时间')).toBe('');
  });
  test('协商时间按北京时间带上时区', () => {
    expect(beijingDateTime('2026-05-23', '15:00')).toBe('2026-05-23T15:00:00+08:00');
  });
});

describe('等待时长', () => {
  test.each([
    [0, '不到 1 小时'],
    [5.7, '5 小时'],
    [24, '1 天'],
    [51, '2 天 3 小时'],
  ])('%p 小时显示为 %p', (hours, shown) => {
    expect(formatWaiting(hours)).toBe(shown);
  });
});

describe('几人反映', () => {
  test('已含提交人的总数原样显示，至少 1 人', () => {
    expect(peopleLabel(14)).toBe('共 14 人反映');
    expect(peopleLabel(0)).toBe('共 1 人反映');
  });
});
