import { View, Text } from '@tarojs/components';
import { ERROR_MESSAGES } from '@shared/domain/errors';

export default function Index() {
  return <View><Text>码上提 {ERROR_MESSAGES['TICKET.NOT_FOUND']}</Text></View>;
}
