/** "我也遇到"：相似留言与热点话题。 */
import { contentWords, DEFAULT_SIMILAR_THRESHOLD, findSimilar, hotTopics } from '../../../shared/triage/similar';

describe('相似留言', () => {
  const candidates = [
    { id: 'noise', text: '投诉A2区丽发新城附近建搅拌站噪音扰民，每天晚上施工到凌晨，居民无法休息' },
    { id: 'park', text: '小区停车难，业主车辆没地方停，希望增加停车位' },
    { id: 'light', text: '金星路路灯坏了一个月，晚上很黑' },
  ];

  test('改了几个字的重发帖排在第一', () => {
    const r = findSimilar('投诉丽发新城附近搅拌站噪音扰民，每晚施工到凌晨，居民没法休息', candidates);
    expect(r[0].id).toBe('noise');
    expect(r.map((x) => x.id)).not.toContain('light');
  });

  test('不相关的留言不返回', () => {
    expect(findSimilar('学校食堂饭菜质量差', candidates)).toEqual([]);
  });

  test('按相似度从高到低，limit 生效', () => {
    const r = findSimilar('小区停车难，希望增加停车位', [...candidates, { id: 'park2', text: '小区停车难，没地方停车' }], { threshold: 0.1, limit: 2 });
    expect(r).toHaveLength(2);
    expect(r[0].score).toBeGreaterThanOrEqual(r[1].score);
    expect(r.map((x) => x.id).sort()).toEqual(['park', 'park2']);
  });
});

/**
 * 换了说法的同一件事（调同义词表和阈值用的句子；量数字用的留出集在 tests/bench/heldout/paraphrase.ts，不在这里调）。
 * 同一站点上已有的反映，加上新来的说法：应找到说同一件事的那条，且只找到它。
 */
describe('换了说法也能找到', () => {
  const station = [
    { id: 'poles', text: '小区出行道路被电线杆挡住，车辆进出困难，去年冬天救护车都开不进来，希望能把电线杆移走。' },
    { id: 'lamp', text: '金星路的路灯坏了一个月，晚上很黑，行人过马路很危险。' },
    { id: 'noise', text: '工地每天晚上施工到凌晨，噪音太大，附近居民没法睡觉。' },
    { id: 'trash', text: '河边的垃圾堆了很久没人清理，下雨后臭气熏天。' },
    { id: 'bus', text: '早高峰公交车太挤，等车要半个小时，希望增加班次。' },
    { id: 'pay', text: '装修公司拖欠我们十几个工人三个月工资，老板联系不上。' },
  ];
  const paraphrases: Array<[string, string]> = [
    ['poles', '我们小区路上的电线杆把路挡了救护车进不来'],
    ['poles', '电杆立在小区路中间，车子过不去，急救车也开不进来'],
    ['lamp', '金星路晚上黑乎乎的，路灯不亮好久了'],
    ['lamp', '金星路那边的灯坏掉一个多月了没人修'],
    ['lamp', '金星路路灯一直没修好，夜里走路看不见'],
    ['noise', '工地半夜还在施工，吵得附近的人睡不着觉'],
    ['trash', '河边垃圾好久没人拉走了，一下雨就很难闻'],
    ['bus', '上班时间公交太挤了，要等半小时，能不能多开几班'],
    ['pay', '装修老板欠了我们十多个工人三个月的工钱，人也找不到了'],
  ];
  test.each(paraphrases)('找到 %s：%s', (target, text) => {
    expect(findSimilar(text, station).map((r) => r.id)).toEqual([target]);
  });

  const unrelated = ['小区游乐设施生锈了，孩子玩很危险', '医院挂号太难，排队要一上午', '菜市场门口乱摆摊，占了人行道', '金星路上的井盖丢了，差点有人掉下去'];
  test.each(unrelated)('不相干的新事什么都不找：%s', (text) => {
    expect(findSimilar(text, station)).toEqual([]);
  });

  test('同义说法归成同一个词', () => {
    expect(contentWords('急救车进不来')).toEqual(contentWords('救护车开不进来'));
    expect(contentWords('电线杆子')).toEqual(['电线杆']);
  });

  test('默认阈值在 0 和 1 之间', () => {
    expect(DEFAULT_SIMILAR_THRESHOLD).toBeGreaterThan(0);
    expect(DEFAULT_SIMILAR_THRESHOLD).toBeLessThan(1);
  });
});

describe('热点话题', () => {
  const items = [
    { id: '1', text: '小区停车难，车位太少' },
    { id: '2', text: '业主乱停车，消防通道被堵' },
    { id: '3', text: '停车位被外来车辆占用' },
    { id: '4', text: '工地夜间施工噪音扰民' },
    { id: '5', text: '广场舞噪音太大' },
    { id: '6', text: '学校食堂饭菜质量差' },
  ];

  test('按话题归类并计数，标签可读', () => {
    const topics = hotTopics(items);
    expect(topics[0]).toMatchObject({ label: '停车难', count: 3 });
    expect(topics[0].ids.sort()).toEqual(['1', '2', '3']);
    expect(topics.find((t) => t.label === '噪音扰民')?.count).toBe(2);
  });

  test('少于 minCount 的话题不出现', () => {
    expect(hotTopics(items, { minCount: 3 }).map((t) => t.label)).toEqual(['停车难']);
  });

  test('词表外的相似留言也能聚成话题', () => {
    const extra = [
      { id: 'a', text: '希望在滨江公园增设健身器材' },
      { id: 'b', text: '滨江公园健身器材太少，建议增设' },
    ];
    const t = hotTopics(extra);
    expect(t).toHaveLength(1);
    expect(t[0].count).toBe(2);
    expect(t[0].label).not.toBe('其他');
  });

  test('标签是整词，不是字的残片', () => {
    const extra = [
      { id: 'a', text: '小区出行道路被电线杆挡住，救护车开不进来' },
      { id: 'b', text: '电线杆挡路，救护车进不来，希望移走电线杆' },
    ];
    const [t] = hotTopics(extra);
    expect(t.terms).toContain('电线杆');
    for (const term of t.terms) expect(term.length).toBeGreaterThanOrEqual(2);
    expect(t.label.split('·')).toEqual(t.terms);
  });

  test('按"我也遇到"加权：热度是权重之和，热度高的排前面', () => {
    const weighted = [
      { id: '1', text: '小区停车难，车位太少', weight: 1 },
      { id: '2', text: '业主乱停车，消防通道被堵', weight: 1 },
      { id: '4', text: '工地夜间施工噪音扰民', weight: 9 },
    ];
    const topics = hotTopics(weighted, { minCount: 1 });
    expect(topics.map((t) => [t.label, t.count, t.ids.length])).toEqual([
      ['噪音扰民', 9, 1],
      ['停车难', 2, 2],
    ]);
  });
});

