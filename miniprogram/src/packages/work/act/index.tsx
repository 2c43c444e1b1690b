/**
 * 工单动作的表单页：`?id=<工单>&action=<动作>`。进展、协商记录、提请办结、办结（预填委员的办结说明，
 * 一点"确认办结"即完成）、分单、合并、转办、不予受理、重新办理、接单名额。
 * 提交成功后回到工单页，工单页直接显示服务端返回的新状态。
 */
import { useEffect, useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { ERROR_MESSAGES, type AppError } from '@shared/domain/errors';
import type { WorkTicketView } from '@shared/api/work.api';
import { ACTION_LABELS } from '@shared/domain/lifecycle';
import PageShell from '../../../components/page-shell';
import ErrorNote from '../../../components/error-note';
import { work } from '../../../services/api';
import { PAGES, back, withQuery } from '../../../services/nav';
import { isFormAction, type FormAction } from '../services/actions';
import { cacheTicket, cachedTicket } from '../services/ticket-cache';
import { FORMS } from './forms';
import './index.css';

export default function ActPage() {
  const { params } = useRouter();
  const ticketId = params.id ? decodeURIComponent(params.id) : '';
  const action = params.action && isFormAction(params.action) ? params.action : null;
  const [view, setView] = useState<WorkTicketView | null>(() => cachedTicket(ticketId));
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    if (action) Taro.setNavigationBarTitle({ title: ACTION_LABELS[action] });
    if (!ticketId || view) return;
    work.getTicket(ticketId).then((r) => {
      if (r.ok) {
        cacheTicket(r.data);
        setView(r.data);
      } else setError(r.error);
    });
  }, [ticketId, action, view]);

  function done(updated: WorkTicketView, message: string) {
    cacheTicket(updated);
    Taro.showToast({ title: message, icon: 'success' });
    back(withQuery(PAGES.workTicket, { id: updated.id }));
  }

  if (!action) return <PageShell><ErrorNote error={{ code: 'REQUEST.UNKNOWN_ACTION', message: ERROR_MESSAGES['REQUEST.UNKNOWN_ACTION'] }} /></PageShell>;
  const Form = FORMS[action as FormAction];

  return (
    <PageShell className='act'>
      <ErrorNote error={error} />
      {!view && !error && <View className='loading'>正在加载…</View>}
      {view && (
        <>
          <View className='card act__ticket'>
            <View className='muted'>
              编号 {view.no} · {view.stationName} · {view.statusLabel}
            </View>
            <View className='act__excerpt'>{view.excerpt}</View>
          </View>
          <Form view={view} onDone={done} />
        </>
      )}
    </PageShell>
  );
}
