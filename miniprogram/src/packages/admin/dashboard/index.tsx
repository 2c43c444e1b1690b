/**
 * 三率看板：选一个月（前后翻）、一个范围（全部或一个小组）、分行方式（联络站、小组、类别），
 * 大字显示响应率、按期办结率、满意率（分子 / 分母、比上期、低于红线标红），下面是各项数字和分行的表，
 * 条形用普通的 View 画（宽度是百分比，红线是县里设的目标）。页尾写明口径。
 * 召集人也能打开，服务端只给他召集的小组的数。导出每月通报：h5 直接下载，微信里 openDocument 打开。
 */
import { useCallback, useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { DashboardView } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import { periodLabel, periodOf, type FigureRow } from '@shared/domain/figures';
import ErrorNote from '../../../components/error-note';
import { PAGES, go } from '../../../services/nav';
import AdminShell from '../components/admin-shell';
import { Btn, Choices } from '../components/ui';
import { admin } from '../services/admin-api';
import { openReportFile } from '../services/download';
import { changeText, nextPeriod, pct, previousPeriod } from '../services/figures-text';

type By = 'station' | 'group' | 'category';
const BY_OPTIONS = [
  { value: 'station' as const, label: '按联络站' },
  { value: 'group' as const, label: '按小组' },
  { value: 'category' as const, label: '按类别' },
];

function Bar({ value, target, testid }: { value: number | null; target: number; testid?: string }) {
  const bad = value !== null && value < target;
  return (
    <View className='dash-bar' data-testid={testid}>
      <View className={`dash-bar__fill ${bad ? 'dash-bar__fill--bad' : ''}`} style={{ width: `${Math.round((value ?? 0) * 100)}%` }} />
      <View className='dash-bar__target' style={{ left: `${Math.round(target * 100)}%` }} />
    </View>
  );
}

function RateCard({ name, value, before, target, detail, testid }: { name: string; value: number | null; before: number | null; target: number; detail: string; testid: string }) {
  const bad = value !== null && value < target;
  return (
    <View className={`dash-card ${bad ? 'dash-card--bad' : ''}`} data-testid={testid}>
      <View className='dash-card__name'>{name}</View>
      <View className='dash-card__big'>{pct(value)}</View>
      <Bar value={value} target={target} />
      <View className='dash-card__detail'>{detail}</View>
      <View className='dash-card__detail'>
        {changeText(value, before)}；红线 {pct(target)}
        {bad && <Text className='dash-bad'>　低于红线</Text>}
      </View>
    </View>
  );
}

export default function DashboardPage() {
  const [month, setMonth] = useState(() => periodOf(new Date().toISOString()));
  const [by, setBy] = useState<By>('station');
  const [groupId, setGroupId] = useState<string>('all');
  const [view, setView] = useState<DashboardView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<string | null>(null);

  const load = useCallback(async () => {
    const r = await admin.dashboard({ from: month, to: month, by, ...(groupId !== 'all' ? { groupId } : {}) });
    if (!r.ok) return setError(r.error);
    setError(null);
    setView(r.data);
  }, [month, by, groupId]);
  useEffect(() => {
    void load();
  }, [load]);

  async function exportReport() {
    setExporting(true);
    const r = await admin.monthlyReport({ month, ...(groupId !== 'all' ? { groupId } : {}) });
    setExporting(false);
    if (!r.ok) return setError(r.error);
    setExported(r.data.fileName);
    await openReportFile(r.data);
  }

  const t = view?.totals;
  const p = view?.previous;
  const groupOptions = [{ value: 'all', label: view?.scope.all ? '全县' : '我的全部小组' }, ...(view?.scope.groups ?? []).map((g) => ({ value: g.id, label: g.name }))];

  return (
    <AdminShell section='dashboard' title='三率看板' lead='响应率、按期办结率、满意率，按月看；低于县里定的红线标红。' openToConveners>
      <View className='dash-month adm-noprint'>
        <Btn small onClick={() => setMonth(previousPeriod(month))} testid='month-prev'>
          ‹ 上个月
        </Btn>
        <Text className='dash-month__label' data-testid='month-label'>
          {periodLabel(month)}
        </Text>
        <Btn small onClick={() => setMonth(nextPeriod(month))} testid='month-next'>
          下个月 ›
        </Btn>
      </View>
      <Choices options={groupOptions} value={groupId} onChange={setGroupId} testid='dash-scope' />
      <ErrorNote error={error} />
      {!view && !error && <View className='loading'>正在加载…</View>}
      {view && t && p && (
        <View data-testid='dashboard'>
          <View className='dash-cards'>
            <RateCard name='响应率' value={t.responseRate} before={p.responseRate} target={view.targets.responseRate} detail={`按期接单 ${t.claimedOnTime} 件 ÷ 派单 ${t.dispatched} 件`} testid='rate-response' />
            <RateCard name='按期办结率' value={t.onTimeCloseRate} before={p.onTimeCloseRate} target={view.targets.onTimeCloseRate} detail={`按期办结 ${t.closedOnTime} 件 ÷ 应办结 ${t.dueToClose} 件`} testid='rate-close' />
            <RateCard
              name='满意率'
              value={t.satisfactionRate}
              before={p.satisfactionRate}
              target={view.targets.satisfactionRate}
              detail={`(满意 ${t.satisfied} + 基本满意 ${t.basic}) ÷ 评价 ${t.rated} 条；只算满意 ${pct(t.satisfiedRate)}`}
              testid='rate-satisfaction'
            />
          </View>
          <View className='dash-numbers' data-testid='dash-numbers'>
            <BigNumber label='收到反映' value={t.received} sub={`问题 ${t.problem}，建议 ${t.suggestion}；上期 ${p.received}`} testid='num-received' />
            <BigNumber label='还在办' value={t.open} sub='本期派单、还没有结果的' />
            <BigNumber label='已过期' value={t.overdue} sub='过了期限还没办完的' bad={t.overdue > 0} testid='num-overdue' />
            <BigNumber label='办结' value={t.closed} sub={`转办 ${t.referred}，不予受理 ${t.rejected}，合并 ${t.merged}`} />
            <BigNumber label='平均几天接单' value={t.avgClaimWorkdays === null ? '—' : t.avgClaimWorkdays.toFixed(1)} sub='工作日' />
            <BigNumber label='平均几天办结' value={t.avgCloseWorkdays === null ? '—' : t.avgCloseWorkdays.toFixed(1)} sub='工作日' />
          </View>
          <View className='adm-noprint'>
            <Choices options={BY_OPTIONS} value={by} onChange={setBy} testid='dash-by' />
          </View>
          {view.rows.length === 0 && <View className='empty'>这个月还没有数。</View>}
          <View className='dash-table' data-testid='dash-rows'>
            {view.rows.map((r) => (
              <RowView key={r.key} r={r} targets={view.targets} />
            ))}
          </View>
          <View className='dash-actions adm-noprint'>
            <Btn kind='primary' busy={exporting} onClick={exportReport} testid='export-report'>
              {exporting ? '正在生成…' : '导出每月通报（Excel）'}
            </Btn>
            <Btn onClick={() => go(`${PAGES.adminReport}?month=${month}${groupId !== 'all' ? `&groupId=${groupId}` : ''}`)} testid='open-report'>
              打印版
            </Btn>
            {exported && <Text data-testid='exported'>已生成：{exported}</Text>}
          </View>
          <View className='dash-defs' data-testid='definitions'>
            <View className='strong'>口径说明</View>
            {view.definitions.map((d) => (
              <View key={d.name}>
                <Text className='strong'>{d.name}：</Text>
                {d.text}
              </View>
            ))}
          </View>
        </View>
      )}
    </AdminShell>
  );
}

function BigNumber({ label, value, sub, bad = false, testid }: { label: string; value: number | string; sub: string; bad?: boolean; testid?: string }) {
  return (
    <View className={`dash-number ${bad ? 'dash-number--bad' : ''}`} data-testid={testid}>
      <View className='dash-number__label'>{label}</View>
      <View className='dash-number__value'>{value}</View>
      <View className='dash-number__sub'>{sub}</View>
    </View>
  );
}

function RowView({ r, targets }: { r: FigureRow; targets: DashboardView['targets'] }) {
  return (
    <View className='dash-row' data-testid='dash-row'>
      <View className='dash-row__label'>
        {r.label}
        <Text className='dash-row__sub'>
          　收到 {r.received} 件{r.overdue > 0 ? `，过期 ${r.overdue} 件` : ''}
        </Text>
      </View>
      {(
        [
          ['响应率', r.responseRate, targets.responseRate],
          ['按期办结率', r.onTimeCloseRate, targets.onTimeCloseRate],
          ['满意率', r.satisfactionRate, targets.satisfactionRate],
        ] as const
      ).map(([name, value, target]) => (
        <View key={name} className='dash-row__rate'>
          <Text className={`dash-row__name ${value !== null && value < target ? 'dash-bad' : ''}`}>
            {name} {pct(value)}
          </Text>
          <Bar value={value} target={target} />
        </View>
      ))}
    </View>
  );
}
