/** 工单状态的彩色标签：颜色按状态类别（进行中 / 已办结 / 转办等），文字用服务端给的中文。 */
import { Text } from '@tarojs/components';
import { STATUS_LABELS, type TicketStatus } from '@shared/domain/lifecycle';

export default function StatusBadge({ status, label }: { status: TicketStatus; label?: string }) {
  return (
    <Text className={`badge badge--${status}`} data-testid='status'>
      {label || STATUS_LABELS[status]}
    </Text>
  );
}
