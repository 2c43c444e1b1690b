/** "我也遇到"：相似留言与热点话题。 */
import { findSimilar, hotTopics } from '../../../shared/triage/similar';

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
});
