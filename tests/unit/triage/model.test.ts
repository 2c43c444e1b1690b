/** 随仓库发布的分类模型：能加载、能把明显的留言分对、坏文件会被拒绝。 */
import modelJson from '../../../shared/triage/model/triage-model.json';
import { createTriager, parseTriageModel } from '../../../shared/triage';
import { defaultTriager } from '../../../shared/triage/default-model';

describe('随仓库发布的分类模型', () => {
  // 自己写的、不在训练数据里的典型留言
  const clear: Array<[string, string, string]> = [
    ['城乡建设', '小区物业不作为，房屋漏水开发商不维修', '我们小区交房三年，顶楼房屋漏水严重，开发商和物业互相推诿，至今没有维修。'],
    ['环境保护', '化工厂夜间偷排废气', '厂区附近的化工厂每天夜里排放刺鼻废气，河道里的污水发黑发臭，环保部门查一查。'],
    ['交通运输', '出租车司机拒载还绕路', '昨晚在火车站打出租车，司机拒载短途乘客，上车后又故意绕路多收费，请运管部门查处。'],
    ['教育文体', '孩子入学划片不合理', '我们小区的孩子被划到离家五公里的小学，家长接送困难，希望教育局重新划分学区。'],
    ['劳动和社会保障', '公司不给员工缴纳社保', '公司入职两年一直不给我们缴纳社会保险和住房公积金，还拖欠加班费。'],
    ['商贸旅游', '商家虚假宣传，退款难', '在商场买的保健品宣传能治病，实际毫无效果，商家拒绝退款，请市场监管部门处理。'],
    ['卫生计生', '医院乱收费', '在县人民医院住院三天，收费清单里有很多没做过的检查，医生态度也很差。'],
  ];
  test.each(clear)('判为%s：%s', (expected, title, body) => {
    const r = defaultTriager.triage({ title, body });
    expect(r.category).toBe(expected);
    expect(r.confidence).toBeGreaterThan(0);
    expect(r.confidence).toBeLessThanOrEqual(1);
    expect(r.reasons.category.join('')).toContain(expected);
  });

  test('每个判断都带理由，个人信息被遮盖', () => {
    const r = defaultTriager.triage({ title: '闻到煤气味', body: '3栋2单元501室门口闻到煤气味，电话13812345678' });
    expect(r.urgency).toBe('urgent');
    for (const k of ['category', 'library', 'urgency', 'scope'] as const) expect(r.reasons[k].length).toBeGreaterThan(0);
    expect(r.redacted).not.toContain('13812345678');
    expect(r.redacted).not.toContain('501室');
    expect(r.pii.map((p) => p.kind)).toEqual(['address', 'phone']);
  });

  test('居民选择与分诊判断不一致时打上标记，一致时不打', () => {
    const body = '建议在社区增设老年人活动中心，丰富居民文化生活。';
    expect(defaultTriager.triage({ body, kind: 'problem' }).libraryDisagrees).toBe(true);
    expect(defaultTriager.triage({ body, kind: 'suggestion' }).libraryDisagrees).toBe(false);
    expect(defaultTriager.triage({ body }).libraryDisagrees).toBe(false);
  });

  test('空正文不抛错', () => {
    const r = defaultTriager.triage({ body: '' });
    expect(r.redacted).toBe('');
  });

  test('模型文件解析与默认分诊器结果一致', () => {
    const triager = createTriager(parseTriageModel(modelJson));
    const input = { title: '噪音扰民', body: '工地夜间施工噪音太大' };
    expect(triager.triage(input)).toEqual(defaultTriager.triage(input));
  });

  const broken: Array<[string, unknown]> = [
    ['不是对象', 42],
    ['格式版本不对', { ...(modelJson as object), format: 'other/9' }],
    ['权重长度不对', { ...(modelJson as object), weights: { ...(modelJson as { weights: object }).weights, data: 'AAAA' } }],
    ['未知分类', { ...(modelJson as object), categories: ['城乡建设', '不存在的分类'] }],
  ];
  test.each(broken)('坏模型文件被拒绝：%s', (_name, json) => {
    expect(() => parseTriageModel(json)).toThrow(/分类模型文件无效/);
  });
});
