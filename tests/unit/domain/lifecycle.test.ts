/**
 * 流转表：每个状态 × 每个动作 × 每种身份都过一遍。
 * 期望值在这里手写一遍（而不是从 TRANSITIONS 推出来），这样改了流转表而没改这里，测试就会失败。
 */
import {
  allowedActions,
  checkTransition,
  claimGuard,
  rateGuard,
  RELATIONS,
  resolveTarget,
  statusCategory,
  TICKET_ACTIONS,
  TICKET_STATUSES,
  type Relation,
  type TicketAction,
  type TicketStatus,
  type TransitionTarget,
} from '../../../shared/domain/lifecycle';

type Row = Partial<Record<TicketStatus, TransitionTarget>>;
const same = (...states: TicketStatus[]): Row => Object.fromEntries(states.map((s) => [s, 'same']));
const to = (target: TransitionTarget, ...states: TicketStatus[]): Row => Object.fromEntries(states.map((s) => [s, target]));

const OPEN: TicketStatus[] = ['pending', 'claimed', 'consulting', 'proposed'];
const BEFORE_PROPOSAL: TicketStatus[] = ['pending', 'claimed', 'consulting'];

/** 动作 → 身份 → { 出发状态: 到达状态 }；没写的组合都不允许。 */
const EXPECTED: Record<Exclude<TicketAction, 'submit'>, Partial<Record<Relation, Row>>> = {
  meToo: { resident: same(...OPEN) },
  claim: {
    member: { ...to('claimed', 'pending', 'claimed'), ...same('consulting') },
    claimant: { ...to('claimed', 'pending', 'claimed'), ...same('consulting') },
    convener: { ...to('claimed', 'pending', 'claimed'), ...same('consulting') },
  },
  releaseClaim: { claimant: { ...to('byClaimants', 'claimed'), ...same('consulting') } },
  addProgress: {
    claimant: same('claimed', 'consulting', 'proposed'),
    convener: same('claimed', 'consulting', 'proposed'),
    admin: same('claimed', 'consulting', 'proposed'),
  },
  recordConsultation: {
    claimant: to('consulting', 'claimed', 'consulting'),
    convener: to('consulting', 'claimed', 'consulting'),
    admin: to('consulting', 'claimed', 'consulting'),
  },
  proposeClose: {
    claimant: to('proposed', 'claimed', 'consulting'),
    convener: to('proposed', 'claimed', 'consulting'),
    admin: to('proposed', 'claimed', 'consulting'),
  },
  returnProposal: { convener: to('consulting', 'proposed'), admin: to('consulting', 'proposed') },
  close: { convener: to('closed', 'claimed', 'consulting', 'proposed'), admin: to('closed', 'claimed', 'consulting', 'proposed') },
  assign: { convener: { ...to('claimed', 'pending', 'claimed'), ...same('consulting') }, admin: { ...to('claimed', 'pending', 'claimed'), ...same('consulting') } },
  merge: { convener: to('merged', ...BEFORE_PROPOSAL), admin: to('merged', ...BEFORE_PROPOSAL) },
  refer: { convener: to('referred', ...BEFORE_PROPOSAL), admin: to('referred', ...BEFORE_PROPOSAL) },
  reject: { convener: to('rejected', ...BEFORE_PROPOSAL), admin: to('rejected', ...BEFORE_PROPOSAL) },
  reopen: { convener: to('byClaimants', 'closed', 'referred', 'rejected'), admin: to('byClaimants', 'closed', 'referred', 'rejected') },
  rate: { owner: same('closed'), resident: same('closed') },
  setClaimLimit: { convener: same(...OPEN), admin: same(...OPEN) },
  overrideTriage: { convener: same(...OPEN), admin: same(...OPEN) },
  withdrawClaim: { convener: { ...to('byClaimants', 'claimed'), ...same('consulting') }, admin: { ...to('byClaimants', 'claimed'), ...same('consulting') } },
  transfer: { admin: { ...to('byClaimants', 'pending', 'claimed'), ...same('consulting', 'proposed') } },
  extendDeadline: { convener: same(...OPEN) },
  remindDue: { system: same(...OPEN) },
  escalate: { system: same(...OPEN) },
  askFollowUp: { system: same('closed') },
  askActionCheck: { system: same(...TICKET_STATUSES) },
  answerFollowUp: { owner: same('closed'), resident: same('closed') },
  answerActionCheck: { claimant: same(...TICKET_STATUSES) },
};

const cases = TICKET_STATUSES.flatMap((state) =>
  TICKET_ACTIONS.filter((a) => a !== 'submit').flatMap((action) => RELATIONS.map((relation) => [state, action, relation] as const)),
);

describe('流转表：状态 × 动作 × 身份', () => {
  test.each(cases)('在 %s 状态下执行 %s，身份 %s', (state, action, relation) => {
    const expected = EXPECTED[action as Exclude<TicketAction, 'submit'>][relation]?.[state];
    const result = checkTransition(action, state, relation);
    if (expected) {
      expect(result.allowed && result.to).toBe(expected);
    } else {
      expect(result.allowed).toBe(false);
      const mayDoItSomewhere = Object.keys(EXPECTED[action as Exclude<TicketAction, 'submit'>][relation] ?? {}).length > 0;
      expect(result).toEqual({ allowed: false, reason: mayDoItSomewhere ? 'wrong_state' : 'forbidden' });
    }
  });

  test.each(RELATIONS)('只有反映人能提交新反映（身份 %s）', (relation) => {
    expect(checkTransition('submit', 'none', relation)).toEqual(relation === 'owner' ? { allowed: true, to: 'pending' } : { allowed: false, reason: 'forbidden' });
  });

  test.each(TICKET_STATUSES)('已存在的工单（%s）不能再"提交"', (state) => {
    expect(checkTransition('submit', state, 'owner')).toEqual({ allowed: false, reason: 'wrong_state' });
  });
});

describe('状态归类与接单人数', () => {
  test('待接单、已接单、协商中、待办结算作未结束；办结算结束；转办、不予受理、合并算分流', () => {
    expect(TICKET_STATUSES.map((s) => [s, statusCategory(s)])).toEqual([
      ['pending', 'open'],
      ['claimed', 'open'],
      ['consulting', 'open'],
      ['proposed', 'open'],
      ['closed', 'closed'],
      ['referred', 'diverted'],
      ['rejected', 'diverted'],
      ['merged', 'diverted'],
    ]);
  });

  test.each([
    ['same', 'consulting', 0, 'consulting'],
    ['same', 'claimed', 2, 'claimed'],
    ['closed', 'proposed', 2, 'closed'],
    ['byClaimants', 'claimed', 0, 'pending'],
    ['byClaimants', 'claimed', 1, 'claimed'],
    ['byClaimants', 'closed', 0, 'pending'],
    ['byClaimants', 'rejected', 2, 'claimed'],
  ] as const)('表里的到达状态 %s：从 %s 出发、做完后 %d 人接单，落到 %s', (target, from, claimants, expected) => {
    expect(resolveTarget(target, from, claimants)).toBe(expected);
  });

  const claimant = { memberId: 'm1', name: '李建国', at: '2026-05-23T07:00:00Z', assigned: false };
  test.each([
    ['没人接、名额 3', [], 3, 'm2', null],
    ['自己已经接了', [claimant], 3, 'm1', 'TICKET.ALREADY_CLAIMED'],
    ['名额已满', [claimant], 1, 'm2', 'TICKET.CLAIM_FULL'],
    ['自己接了且名额已满，先说已接过', [claimant], 1, 'm1', 'TICKET.ALREADY_CLAIMED'],
  ] as const)('接单守卫：%s → %s', (_case, claimants, claimLimit, memberId, expected) => {
    expect(claimGuard({ ticket: { claimants: [...claimants], claimLimit, residentOpenid: 'wx-r', meToo: [], rating: null }, memberId, openid: `wx-${memberId}` })).toBe(expected);
  });

  test('按钮只列守卫也允许的动作：名额满了，委员看不到"接单"', () => {
    const full = { ticket: { claimants: [claimant], claimLimit: 1, residentOpenid: 'wx-r', meToo: [], rating: null }, memberId: 'm2', openid: 'wx-m2' };
    expect(allowedActions('claimed', ['member'])).toContain('claim');
    expect(allowedActions('claimed', ['member'], full)).not.toContain('claim');
  });

  test('召集人在待办结状态能做的动作正好是：补充进展、退回、办结、调整名额和分类、延期', () => {
    expect(allowedActions('proposed', ['convener'])).toEqual(['addProgress', 'returnProposal', 'close', 'setClaimLimit', 'overrideTriage', 'extendDeadline']);
  });

  test('其他小组的委员对任何状态的工单都没有可做的动作', () => {
    for (const s of TICKET_STATUSES) expect(allowedActions(s, ['outsider'])).toEqual([]);
  });

  const rated = (openid: string) => ({ openid, rating: 'satisfied' as const, reasons: [], comment: '', at: '2026-05-24T01:00:00Z', via: 'rate' as const });
  const legacyOwnerRating = { rating: 'basic' as const, comment: '', at: '2026-05-24T01:00:00Z' };
  test.each([
    ['反映人还没评', 'wx-owner', [], null, undefined, null],
    ['反映人已评（旧数据只有 rating 字段）', 'wx-owner', [], legacyOwnerRating, undefined, 'TICKET.ALREADY_RATED'],
    ['反映人已评（ratings 里有她）', 'wx-owner', [], legacyOwnerRating, [rated('wx-owner')], 'TICKET.ALREADY_RATED'],
    ['我也遇到了的居民还没评，反映人已评', 'wx-joiner', ['wx-joiner'], legacyOwnerRating, undefined, null],
    ['我也遇到了的居民已评', 'wx-joiner', ['wx-joiner'], null, [rated('wx-joiner')], 'TICKET.ALREADY_RATED'],
    ['另一位加入的居民评过，不影响她', 'wx-joiner', ['wx-joiner', 'wx-other'], null, [rated('wx-other')], null],
    ['没加入的居民不能评', 'wx-stranger', ['wx-joiner'], null, undefined, 'AUTH.FORBIDDEN'],
  ] as const)('评价守卫：%s → %s', (_case, openid, meToo, rating, ratings, expected) => {
    const ticket = { claimants: [], claimLimit: 3, residentOpenid: 'wx-owner', meToo: [...meToo], rating, ...(ratings ? { ratings: [...ratings] } : {}) };
    expect(rateGuard({ ticket, memberId: null, openid })).toBe(expected);
  });
});
