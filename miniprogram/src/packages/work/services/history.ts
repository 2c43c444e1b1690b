/**
 * 从办理记录里取出协商记录（history 条目的 data.consultation；兼容直接放在 data 上的写法）。
 */
import type { WorkTicketView } from '@shared/api/work.api';

export type HistoryEntry = WorkTicketView['history'][number];

export interface ConsultationRecord {
  heldAt?: string;
  place?: string;
  participants?: string[];
  departments?: string[];
  agreement?: string;
}

export function consultationOf(h: HistoryEntry): ConsultationRecord | null {
  if (h.action !== 'recordConsultation' || !h.data) return null;
  const raw = (h.data.consultation ?? h.data) as Record<string, unknown>;
  if (!raw || typeof raw !== 'object') return null;
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const c: ConsultationRecord = { heldAt: str(raw.heldAt), place: str(raw.place), participants: list(raw.participants), departments: list(raw.departments), agreement: str(raw.agreement) };
  return c.agreement || c.place ? c : null;
}

/** 最近一次协商的结果（提请办结、办结时用来预填） */
export function latestAgreement(view: WorkTicketView): string {
  for (let i = view.history.length - 1; i >= 0; i--) {
    const agreement = consultationOf(view.history[i])?.agreement;
    if (agreement) return agreement;
  }
  return '';
}
