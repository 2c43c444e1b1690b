/** 三库：问题库还是建言库。 */
import { assessLibrary } from '../../../shared/triage/library';

describe('问题库与建言库', () => {
  const cases: Array<[string | null, string, 'problem' | 'suggestion']> = [
    ['关于在地铁站增设自行车停放点的建议', '建议在各地铁站出口增设共享单车停放区，方便市民换乘。', 'suggestion'],
    [null, '希望能在小区周边增加公交线路，能否考虑开通一条到市区的专线？', 'suggestion'],
    ['呼吁加强校园周边交通管理', '呼吁交警部门在上下学时段加派警力。', 'suggestion'],
    ['投诉小区物业不作为', '物业费照收，垃圾没人清理，电梯坏了一个月没人管。', 'problem'],
    ['举报某公司拖欠工资', '公司拖欠工资半年，希望尽快解决。', 'problem'],
    [null, '小区门口的路灯坏了好久了，晚上很黑。', 'problem'],
  ];
  test.each(cases)('「%s」%s → %s', (title, body, expected) => {
    const r = assessLibrary(title, body);
    expect(r.library).toBe(expected);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});
