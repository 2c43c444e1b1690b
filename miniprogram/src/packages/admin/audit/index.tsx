/**
 * 操作记录：管理后台的每一次修改，最新的在前——谁、什么时候、做了什么、对哪个站/小组/委员、哪一项从什么改成什么。
 * 一次 50 条，往下点"加载更多"。区县政协办只看到涉及自己小组的记录（服务端按范围给）。
 */
import { useCallback, useMemo, useState } from 'react';
import { Text, View } from '@tarojs/components';
import type { AuditEntry } from '@shared/domain/model';
import type { AppError } from '@shared/domain/errors';
import ErrorNote from '../../../components/error-note';
import { formatTime } from '../../../services/format';
import { useReloadOnShow } from '../../../services/use-reload';
import AdminShell from '../components/admin-shell';
import { Btn, Cell, TableHead } from '../components/ui';
import { admin } from '../services/admin-api';
import { describeAction, describeChanges, type Lookup } from '../services/audit-text';

export default function AuditPage() {
  const [items, setItems] = useState<AuditEntry[] | null>(null);
  const [cursor, setCursor] = useState<string | null>(null);
  const [names, setNames] = useState<{ groups: Map<string, string>; stations: Map<string, string> }>({ groups: new Map(), stations: new Map() });
  const [error, setError] = useState<AppError | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);

  const load = useCallback(async () => {
    const [a, g, s] = await Promise.all([admin.auditLog(), admin.listGroups(), admin.listStations()]);
    if (!a.ok) return setError(a.error);
    setError(null);
    setItems(a.data.items);
    setCursor(a.data.nextCursor);
    setNames({ groups: new Map(g.ok ? g.data.items.map((x) => [x.id, x.name]) : []), stations: new Map(s.ok ? s.data.items.map((x) => [x.id, x.name]) : []) });
  }, []);
  useReloadOnShow(load);

  async function more() {
    if (!cursor || loadingMore) return;
    setLoadingMore(true);
    const r = await admin.auditLog(cursor);
    setLoadingMore(false);
    if (!r.ok) return setError(r.error);
    setItems((old) => [...(old ?? []), ...r.data.items]);
    setCursor(r.data.nextCursor);
  }

  const lookup = useMemo<Lookup>(() => ({ groupName: (id) => names.groups.get(id), stationName: (id) => names.stations.get(id) }), [names]);

  return (
    <AdminShell section='audit' title='操作记录' lead='管理后台里的每一次修改都记在这里，不能删改。'>
      <ErrorNote error={error} />
      {items === null && !error && <View className='loading'>正在加载…</View>}
      {items?.length === 0 && <View className='empty'>还没有操作记录。</View>}
      {items && items.length > 0 && (
        <View className='adm-table' data-testid='audit-list'>
          <TableHead cells={[{ label: '时间' }, { label: '谁' }, { label: '做了什么', cls: 'adm-cell--2' }, { label: '改了哪些', cls: 'adm-cell--3' }]} />
          {items.map((e) => {
            const changes = describeChanges(e, lookup, formatTime);
            return (
              <View key={e.id} className='adm-row' data-testid='audit-entry'>
                <Cell label='时间'>{formatTime(e.at)}</Cell>
                <Cell label='谁'>{e.actorName}</Cell>
                <Cell label='做了什么' cls='adm-cell--2'>
                  <Text className='strong'>{describeAction(e)}</Text>
                </Cell>
                <Cell label='改了哪些' cls='adm-cell--3'>
                  <View className='adm-audit__changes'>
                    {changes.length === 0 && <Text className='muted'>（没有改动）</Text>}
                    {changes.map((c) => (
                      <View key={c.field} className='adm-audit__change'>
                        {c.label}：{c.from !== null && <Text className='adm-audit__from'>{c.from}</Text>}
                        {c.from !== null && ' → '}
                        {c.to}
                      </View>
                    ))}
                  </View>
                </Cell>
              </View>
            );
          })}
        </View>
      )}
      {cursor && (
        <View className='adm-more'>
          <Btn busy={loadingMore} testid='audit-more' onClick={more}>
            {loadingMore ? '正在加载…' : '加载更多'}
          </Btn>
        </View>
      )}
    </AdminShell>
  );
}
