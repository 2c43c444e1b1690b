/**
 * 每月通报的打印版：开头一段由数字生成的话，按小组、按联络站的三率表，过期与不满意的清单，热点话题，口径说明。
 * 与导出的 Excel 是同一份数据（admin.monthlyReport 的 preview，不写文件）。h5 上点"打印"出 A4。
 */
import { useEffect, useState } from 'react';
import { Text, View } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { MonthlyReportView } from '@shared/api/admin.api';
import type { AppError } from '@shared/domain/errors';
import { periodOf, type FigureRow } from '@shared/domain/figures';
import ErrorNote from '../../../components/error-note';
import AdminShell from '../components/admin-shell';
import { Btn } from '../components/ui';
import { admin } from '../services/admin-api';
import { canPrint, printPage } from '../services/print';
import { pct } from '../services/figures-text';

function FigureTable({ first, rows, totals }: { first: string; rows: FigureRow[]; totals: FigureRow }) {
  const head = [first, '收到', '响应率', '按期办结率', '满意率', '过期'];
  return (
    <View className='rep-table'>
      <View className='rep-tr rep-tr--head'>
        {head.map((h) => (
          <Text key={h} className='rep-td'>
            {h}
          </Text>
        ))}
      </View>
      {[...rows, totals].map((r) => (
        <View key={r.key} className='rep-tr' data-testid='report-row'>
          <Text className='rep-td'>{r.label}</Text>
          <Text className='rep-td'>{r.received}</Text>
          <Text className='rep-td'>{`${pct(r.responseRate)}（${r.claimedOnTime}/${r.dispatched}）`}</Text>
          <Text className='rep-td'>{`${pct(r.onTimeCloseRate)}（${r.closedOnTime}/${r.dueToClose}）`}</Text>
          <Text className='rep-td'>{`${pct(r.satisfactionRate)}（${r.satisfied + r.basic}/${r.rated}）`}</Text>
          <Text className='rep-td'>{r.overdue}</Text>
        </View>
      ))}
    </View>
  );
}

export default function ReportPage() {
  const { params } = useRouter();
  const month = params.month && /^\d{4}-\d{2}$/.test(params.month) ? params.month : periodOf(new Date().toISOString());
  const [report, setReport] = useState<MonthlyReportView | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    admin.monthlyReport({ month, preview: true, ...(params.groupId ? { groupId: params.groupId } : {}) }).then((r) => (r.ok ? setReport(r.data) : setError(r.error)));
  }, [month, params.groupId]);

  return (
    <AdminShell section='report' title='每月通报' lead='打印版：与导出的 Excel 是同一份数字。' openToConveners>
      <ErrorNote error={error} />
      {!report && !error && <View className='loading'>正在生成…</View>}
      {report && (
        <View className='rep' data-testid='report'>
          <View className='rep-title'>{report.title}</View>
          <View className='rep-summary' data-testid='report-summary'>
            {report.summary}
          </View>
          <View className='rep-h'>一、按委员小组</View>
          <FigureTable first='委员小组' rows={report.byGroup} totals={report.totals} />
          <View className='rep-h'>二、按联络站</View>
          <FigureTable first='联络站' rows={report.byStation} totals={report.totals} />
          <View className='rep-h'>三、过期与不满意（{report.overdue.length + report.unsatisfied.length} 件）</View>
          {[...report.overdue, ...report.unsatisfied].map((t) => (
            <View key={`${t.no}-${t.why}`} className='rep-item'>
              {t.no} · {t.station} · {t.category} · {t.why}：{t.text}
            </View>
          ))}
          <View className='rep-h'>四、热点话题</View>
          {report.hotTopics.map((h) => (
            <View key={h.label} className='rep-item'>
              {h.label}：热度 {h.count}，{h.tickets} 件（{h.ticketNos.join('、')}）
            </View>
          ))}
          <View className='rep-h'>五、履职积分</View>
          {report.activity.map((a) => (
            <View key={a.memberId} className='rep-item' data-testid='report-activity'>
              {a.name}：{a.points} 分（{a.itemCount} 项）
            </View>
          ))}
          <View className='rep-h'>口径说明</View>
          {report.definitions.map((d) => (
            <View key={d.name} className='rep-item'>
              {d.name}：{d.text}
            </View>
          ))}
          {canPrint && (
            <View className='adm-noprint'>
              <Btn kind='primary' onClick={printPage} testid='print-report'>
                打印
              </Btn>
            </View>
          )}
        </View>
      )}
    </AdminShell>
  );
}
