/**
 * 提交成功：给一个念得出来的编号，说清接下来会怎样（别让居民提交后面对沉默）。
 */
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { LIBRARY_LABELS, type Library } from '@shared/domain/vocabulary';
import PageShell from '../../components/page-shell';
import { PAGES, go, withQuery } from '../../services/nav';
import './index.css';

export default function DonePage() {
  const { params } = useRouter();
  const no = params.no ? decodeURIComponent(params.no) : '';
  const urgent = params.urgency === 'urgent';
  const library = params.library as Library | undefined;
  const category = params.category ? decodeURIComponent(params.category) : '';

  return (
    <PageShell className='done'>
      <View className='card done__card'>
        <View className='done__check'>✓</View>
        <View className='done__title'>已收到您的反映</View>
        <View className='muted'>您的编号</View>
        <View className='done__no' data-testid='ticket-no'>
          {no}
        </View>
        <View className='muted'>可以在"我的反映"里随时查看进展。</View>
        {category || library ? (
          <View className='done__route'>
            {library && LIBRARY_LABELS[library] ? <Text className='tag'>{LIBRARY_LABELS[library]}</Text> : null}
            {category ? <Text className='tag'>{category}</Text> : null}
          </View>
        ) : null}
      </View>

      {urgent && (
        <View className='error-note'>
          您反映的事情涉及安全，已作为紧急事项通知召集人优先处理。如有危险，请立即拨打 119 或 110。
        </View>
      )}

      <View className='section-title'>接下来会怎样</View>
      <View className='card'>
        <View className='steps__item'>
          <Text className='steps__num'>1</Text>
          <Text className='steps__text'>委员小组已收到通知，委员会尽快接单。</Text>
        </View>
        <View className='steps__item'>
          <Text className='steps__num'>2</Text>
          <Text className='steps__text'>委员会联系相关部门和居民协商办理，每一步进展都会告诉您。</Text>
        </View>
        <View className='steps__item'>
          <Text className='steps__num'>3</Text>
          <Text className='steps__text'>办好后请您评价，不满意会重新办理。</Text>
        </View>
      </View>

      <Button type='primary' size='large' block onClick={() => go(withQuery(PAGES.ticket, { id: params.id }))}>
        查看进展
      </Button>
      <View className='btn-row done__more'>
        <Button onClick={() => go(PAGES.mine)}>我的反映</Button>
        <Button onClick={() => go(withQuery(PAGES.station, { station: params.station }))}>回到联络站</Button>
      </View>
    </PageShell>
  );
}
