/**
 * 回头看：办结若干天后（县里的设置），问反映人和每一位"我也遇到了"的居民一句话（每人一条，带工单 id）：
 * 没评价过的，这一问就是评价（满意 / 基本满意 / 不满意）；评价过的，问"问题有没有反弹？"。
 * 问过的话记在工单的 followUps 上，居民用 intake.answerFollowUp 一点就答。
 * 结果：ok（做了的一步，或 null：别的实例已经做过）。
 */
import type { FollowUp } from '../../domain/model';
import { followUpQuestions } from '../../domain/supervision';
import type { CoreDeps } from '../context';
import { excerpt } from '../notifications';
import { superviseTicket, type Round } from './supervise-ticket';

export const FOLLOW_UP_TEXT = {
  rating: { title: '回头看：您对办理结果满意吗？', body: '点此回答：满意 / 基本满意 / 不满意' },
  rebound: { title: '回头看：问题有没有反弹？', body: '点此回答：反弹了 / 没有反弹' },
} as const;

export async function askFollowUp(deps: CoreDeps, round: Round, ticketId: string) {
  return superviseTicket(deps, round, ticketId, 'followUp', 'askFollowUp', async (ticket) => {
    const questions = followUpQuestions(ticket);
    // 上一轮（重新办理之前）没答的不再等
    const followUps: FollowUp[] = [...(ticket.followUps ?? []).filter((f) => f.answer), ...questions.map((q) => ({ openid: q.openid, kind: q.kind, askedAt: round.now }))];
    const byKind = (kind: 'rating' | 'rebound') => questions.filter((q) => q.kind === kind).map((q) => ({ kind: 'resident' as const, openid: q.openid }));
    const notify = (['rating', 'rebound'] as const)
      .map((kind) => ({ targets: byKind(kind), content: { event: 'ticket.followUp' as const, title: `${FOLLOW_UP_TEXT[kind].title} · ${ticket.no}`, body: `${excerpt(ticket.caseTitle ?? ticket.redactedText, 30)}。${FOLLOW_UP_TEXT[kind].body}` } }))
      .filter((n) => n.targets.length > 0);
    const rating = questions.filter((q) => q.kind === 'rating').length;
    return {
      next: { ...ticket, followUps },
      note: `回头看：问了 ${questions.length} 位居民（${rating} 位请评价，${questions.length - rating} 位问有没有反弹）`,
      visibleToResident: false,
      data: { asked: questions.length },
      notify,
      people: questions.length,
    };
  });
}
