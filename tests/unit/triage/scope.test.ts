/** 范围（定单要准）：个人自身的诉求建议转办，群体共同利益进入协商。 */
import { assessScope } from '../../../shared/triage/scope';

describe('范围', () => {
  const individual: Array<[string, string]> = [
    ['拖欠我的工资', '我在某建筑公司打工，老板拖欠我的工资三个月，本人多次讨要无果'],
    ['本人户口', '我想把我的户口从老家迁入本市，派出所说不符合条件，请问怎么办'],
    ['本人养老金', '我父亲退休后养老金一直没有发放，我去问了几次都说在办理'],
    ['个人纠纷', '我与邻居因为宅基地发生纠纷，我家的围墙被他推倒了'],
    ['被辞退', '公司无故把我辞退，也不给我补偿，我要申请仲裁'],
  ];
  test.each(individual)('%s 是个人诉求，建议转办并说明理由', (_name, text) => {
    const r = assessScope(text, '劳动和社会保障');
    expect(r.scope).toBe('individual');
    expect(r.reasons.join('')).toMatch(/转办/);
  });

  const group: Array<[string, string]> = [
    ['小区停车', '我们小区停车难，业主们每天晚上找不到车位'],
    ['噪音扰民', '附近工地夜间施工噪音扰民，周边居民苦不堪言'],
    ['集体欠薪', '公司拖欠我们100多名农民工的工资'],
    ['道路', '这条路坑坑洼洼，下雨天全是积水'],
    ['建议', '建议在公园增设健身器材'],
  ];
  test.each(group)('%s 是群体诉求', (_name, text) => {
    expect(assessScope(text).scope).toBe('group');
  });

  test('理由说明判定依据', () => {
    expect(assessScope('我们小区停车难，业主们意见很大').reasons[0]).toContain('群体');
  });
});
