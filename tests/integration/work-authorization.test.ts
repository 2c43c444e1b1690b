/**
 * 权限表：每个动作都用七种身份各试一次，只有该身份应当能做的才成功；被拒绝的不改动工单。
 * 身份：提交人、其他居民、本组委员、其他小组委员、本组召集人、其他小组召集人、管理员、未绑定的微信。
 */
import { createTestApp, type TestApp } from './harness';

const PERSONAS = {
  owner: 'demo-resident-1',
  otherResident: 'demo-resident-2',
  groupMember: 'demo-member-1',
  otherGroupMember: 'demo-member-4',
  groupConvener: 'demo-convener',
  otherConvener: 'demo-convener-2',
  admin: 'demo-admin',
  unbound: 'wx-unbound-openid',
} as const;
type Persona = keyof typeof PERSONAS;

const TEXT = '箭楼社区3号楼前的下水道堵了，一下雨就积水，居民出行很不方便。';

async function pending(app: TestApp) {
  return app.submit(PERSONAS.owner, TEXT);
}
async function claimed(app: TestApp) {
  const id = await pending(app);
  const r = await app.work('demo-member-1', 'claimTicket', { ticketId: id });
  if (!r.ok) throw new Error(r.error.code);
  return id;
}
async function proposed(app: TestApp) {
  const id = await claimed(app);
  const r = await app.work('demo-member-1', 'proposeClose', { ticketId: id, summary: '已疏通' });
  if (!r.ok) throw new Error(r.error.code);
  return id;
}
async function closed(app: TestApp) {
  const id = await proposed(app);
  const r = await app.work('demo-convener', 'closeTicket', { ticketId: id, caseSummary: '社区联系市政疏通了下水道。' });
  if (!r.ok) throw new Error(r.error.code);
  return id;
}

interface Case {
  fn: 'intake' | 'work';
  action: string;
  setup: (app: TestApp) => Promise<string>;
  payload?: (id: string, app: TestApp) => Promise<Record<string, unknown>> | Record<string, unknown>;
  allowed: Persona[];
}

const LEADERS: Persona[] = ['groupConvener', 'admin'];
const WORKERS: Persona[] = ['groupMember', 'groupConvener', 'admin'];

const CASES: Case[] = [
  { fn: 'work', action: 'getTicket', setup: pending, allowed: WORKERS },
  { fn: 'work', action: 'claimTicket', setup: pending, allowed: ['groupMember', 'groupConvener'] },
  { fn: 'work', action: 'releaseClaim', setup: claimed, allowed: ['groupMember'] },
  { fn: 'work', action: 'addProgress', setup: claimed, payload: (ticketId) => ({ ticketId, note: '已到现场查看' }), allowed: WORKERS },
  {
    fn: 'work',
    action: 'recordConsultation',
    setup: claimed,
    payload: (ticketId) => ({ ticketId, heldAt: '2026-11-20T14:00:00+08:00', place: '联络室', participants: ['居民代表'], departments: ['市政'], agreement: '一周内疏通' }),
    allowed: WORKERS,
  },
  { fn: 'work', action: 'proposeClose', setup: claimed, payload: (ticketId) => ({ ticketId, summary: '已疏通' }), allowed: WORKERS },
  { fn: 'work', action: 'returnProposal', setup: proposed, payload: (ticketId) => ({ ticketId, reason: '请补充照片' }), allowed: LEADERS },
  { fn: 'work', action: 'closeTicket', setup: proposed, payload: (ticketId) => ({ ticketId, caseSummary: '已疏通下水道' }), allowed: LEADERS },
  { fn: 'work', action: 'assignTicket', setup: pending, payload: (ticketId) => ({ ticketId, memberIds: ['demo-member-2'] }), allowed: LEADERS },
  { fn: 'work', action: 'mergeTicket', setup: pending, payload: async (ticketId, app) => ({ ticketId, intoTicketId: await pending(app) }), allowed: LEADERS },
  { fn: 'work', action: 'referTicket', setup: pending, payload: (ticketId) => ({ ticketId, department: '区住建局', reason: '属部门职责' }), allowed: LEADERS },
  { fn: 'work', action: 'rejectTicket', setup: pending, payload: (ticketId) => ({ ticketId, reason: '不属于受理范围' }), allowed: LEADERS },
  { fn: 'work', action: 'reopenTicket', setup: closed, payload: (ticketId) => ({ ticketId, reason: '居民反映仍有积水' }), allowed: LEADERS },
  { fn: 'work', action: 'setClaimLimit', setup: pending, payload: (ticketId) => ({ ticketId, limit: 5 }), allowed: LEADERS },
  { fn: 'work', action: 'overrideTriage', setup: pending, payload: (ticketId) => ({ ticketId, urgency: 'urgent', reason: '雨季将至' }), allowed: LEADERS },
  { fn: 'intake', action: 'getTicket', setup: pending, allowed: ['owner'] },
  { fn: 'intake', action: 'rateTicket', setup: closed, payload: (ticketId) => ({ ticketId, rating: 'satisfied' }), allowed: ['owner'] },
  { fn: 'intake', action: 'meToo', setup: pending, allowed: ['otherResident', 'groupMember', 'otherGroupMember', 'groupConvener', 'otherConvener', 'admin', 'unbound'] },
];

const REFUSALS = ['AUTH.FORBIDDEN', 'TICKET.NOT_FOUND', 'MEMBER.NOT_BOUND', 'TICKET.OWN_TICKET'];

let app: TestApp;
beforeAll(async () => {
  // 同一位居民要在这里提交上百条，限流另有专门的测试
  app = await createTestApp({ settings: { reportsPerHourPerResident: 1000 } });
});
afterAll(() => app.close());

const table = CASES.flatMap((c) => (Object.keys(PERSONAS) as Persona[]).map((p) => [`${c.fn}.${c.action}`, p, c.allowed.includes(p) ? '允许' : '拒绝', c] as const));

test.each(table)('%s 由 %s 执行：%s', async (_name, persona, _verdict, c) => {
  const id = await c.setup(app);
  const payload = c.payload ? await c.payload(id, app) : { ticketId: id };
  const before = await app.rt.store.getTicket(id);
  const r = await app[c.fn](PERSONAS[persona], c.action, payload);
  if (c.allowed.includes(persona)) {
    expect(r).toMatchObject({ ok: true });
  } else {
    expect(r.ok).toBe(false);
    if (!r.ok) expect(REFUSALS).toContain(r.error.code);
    expect((await app.rt.store.getTicket(id))?.version).toBe(before?.version);
  }
});
