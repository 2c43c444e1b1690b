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
    // 礼貌的"建议"后面是投诉：仍是问题
    [null, '建议领导来看看 我们小区垃圾堆了半个月没人收 臭得窗户都不敢开', 'problem'],
    [null, '建议你们来看一下 我们这里的路灯坏了三个月了', 'problem'],
    [null, '希望领导重视 这个工地天天晚上施工 吵得睡不着', 'problem'],
    [null, '能不能派人来修一下 我们村的水管爆了两天了', 'problem'],
    ['呼吁', '呼吁有关部门查处这个黑加油站 天天有油罐车进出', 'problem'],
    [null, '请问我的养老金什么时候到账', 'problem'],
    // 没有提示词的提议：建言
    [null, '村里那块空地空着也是空着 搞成个小广场给老人跳跳舞多好', 'suggestion'],
    [null, '公交车要是能开到我们镇上就方便了 现在进城要转两趟车', 'suggestion'],
    [null, '菜市场旁边加个公共厕所吧 赶集的人多', 'suggestion'],
    [null, '公交车末班能不能晚一点 我们下夜班就没车了', 'suggestion'],
    [null, '小区门口那块空地可以做个停车场 现在车都停在路边', 'suggestion'],
    ['关于老年人乘车免费的一点建议', '六十五岁以上的老人坐公交都免费 外地的都是这样', 'suggestion'],
  ];
  test.each(cases)('「%s」%s → %s', (title, body, expected) => {
    const r = assessLibrary(title, body);
    expect(r.library).toBe(expected);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});
