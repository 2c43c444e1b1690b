/** 工单页的按钮：只显示服务端给的动作；最要紧的放底部常驻栏，其余放"更多操作"。 */
import type { TicketAction } from '@shared/domain/lifecycle';
import { allowedActions } from '@shared/domain/lifecycle';
import { splitActions, visibleActions } from '../../../miniprogram/src/packages/work/services/actions';
import { consultationOf, latestAgreement } from '../../../miniprogram/src/packages/work/services/history';
import type { WorkTicketView } from '@shared/api/work.api';

test('召集人面对待办结的工单：底部只有"办结"，退回等在更多操作里', () => {
  const { bar, more } = splitActions(allowedActions('proposed', ['convener']));
  expect(bar).toEqual(['close']);
  expect(more).toEqual(expect.arrayContaining(['returnProposal', 'addProgress']));
  expect(more).not.toContain('close');
});

test('未接单的委员面对待接单的工单：只有"接单"', () => {
  expect(splitActions(allowedActions('pending', ['member']))).toEqual({ bar: ['claim'], more: [] });
});

test('居民的动作不显示为按钮；调整分类排在主要动作之后', () => {
  const fromServer: TicketAction[] = ['meToo', 'rate', 'submit', 'overrideTriage', 'claim'];
  expect(visibleActions(fromServer)).toEqual(['claim', 'overrideTriage']);
});

test('没有动作时什么按钮都没有', () => {
  expect(splitActions([])).toEqual({ bar: [], more: [] });
});

const entry = (action: string, data?: Record<string, unknown>) => ({ at: '2026-05-23T07:00:00Z', action, label: '', note: '', actorName: '李建国', from: null, to: 'consulting' as const, relation: 'claimant' as const, data });

test('协商记录从 data.consultation 读出；最近一次的协商结果用于预填办结说明', () => {
  const history = [
    entry('recordConsultation', { consultation: { place: '联络室', participants: ['居民'], departments: [], agreement: '先修路灯', heldAt: '2026-05-20T07:00:00Z' } }),
    entry('addProgress'),
    entry('recordConsultation', { agreement: '国网迁移电线杆', place: '居委会' }),
  ];
  expect(consultationOf(history[0])?.participants).toEqual(['居民']);
  expect(consultationOf(history[1])).toBeNull();
  expect(latestAgreement({ history } as unknown as WorkTicketView)).toBe('国网迁移电线杆');
});
