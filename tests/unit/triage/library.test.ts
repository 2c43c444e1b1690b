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
    // 第三轮：没有提示词的提议、标题里问能不能改、没有标题时开头一句就是标题、标题就是投诉
    [null, '要是县里牵个头 跟城里的超市对接一下 我们村的橙子就好卖了', 'suggestion'],
    [null, '学校放学时间各个年级错开一刻钟 门口就不会堵成那样', 'suggestion'],
    [null, '社区给独居的老人中午送个饭 钱我们自己出都行', 'suggestion'],
    ['什么时候能开通到高铁站的公交', '每次去坐高铁都要打车 来回一百多', 'suggestion'],
    [null, '关于菜市场旁边增设公厕的建议。赶集的人多 附近一个厕所都没有', 'suggestion'],
    ['关于某某小区物业乱收费的投诉', '物业每个月多收二十块 问了说是上面定的 建议相关部门查一查', 'problem'],
    [null, '建议你们来查一查 那个加油站加满一箱总比平时多出好几升', 'problem'],
    [null, '我提个建议 楼下饭馆的油烟天天往我们窗户里灌 你们管一管', 'problem'],
  ];
  test.each(cases)('「%s」%s → %s', (title, body, expected) => {
    const r = assessLibrary(title, body);
    expect(r.library).toBe(expected);
    expect(r.reasons.length).toBeGreaterThan(0);
  });
});
