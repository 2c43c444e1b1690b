/**
 * 相似留言的留出集（issue 13 第 6 项）：一个站点上已有的反映（pool），加上换了说法的新反映（queries）。
 * 全部是我们自己写的，不来自 ../shared/data。分法先定：单元测试（tests/unit/triage/similar.test.ts）里的
 * 句子和同义词表一起调；这里的句子写好后只用来量，不照着它改同义词表或阈值。
 *
 * queries 的 target 是 pool 里说同一件事的那条；target 为 null 的是站点上没有的新事（含同类话题、不同对象的），
 * 系统对它返回任何一条都算错。
 */
export const PARAPHRASE_POOL: ReadonlyArray<{ id: string; text: string }> = [
  { id: 'pole', text: '小区出行道路被电线杆挡住，车辆进出困难，去年冬天救护车都开不进来，希望能把电线杆移走。' },
  { id: 'light', text: '建设路东段的路灯坏了快一个月了，晚上一片漆黑，老人孩子走路很不安全。' },
  { id: 'dance', text: '每天晚上广场舞音响声音太大，一直放到十点多，影响居民休息。' },
  { id: 'sewage', text: '菜市场后面的下水道堵了，污水漫到路上，臭气熏天。' },
  { id: 'parking', text: '小区停车位太少，很多车停在消防通道上，希望增加停车位。' },
  { id: 'bus', text: '希望开通一条从村里到县城的公交线路，现在老人进城看病太不方便。' },
  { id: 'garbage', text: '小区垃圾桶满了好几天没人清运，夏天苍蝇蚊子特别多。' },
  { id: 'school', text: '学校门口早上接送孩子的车太多，经常堵车，希望安排交警疏导。' },
  { id: 'wages', text: '在工地干了半年活，包工头拖欠我们二十多个工人的工资一直不给。' },
  { id: 'elevator', text: '我们楼的电梯经常突然停在半空中，已经困过好几次人了，物业不管。' },
  { id: 'water', text: '这个月已经停了三次水，每次都没有提前通知，生活很不方便。' },
  { id: 'dog', text: '小区里很多人遛狗不牵绳，还随地大小便，孩子被狗吓哭好几次。' },
  { id: 'clinic', text: '社区卫生服务中心太远了，老人看病要坐很久公交，希望在附近设一个卫生室。' },
  { id: 'smoke', text: '楼下烧烤店油烟直接排到居民楼里，窗户都不敢开。' },
  { id: 'road', text: '村口那段水泥路坑坑洼洼，下雨天全是泥水，电动车经常摔倒。' },
];

/**
 * 第一批（A）：同义词表写好之前写下的。写同义词表时看过这一批的用词，所以它偏乐观。
 * 第二批（B，见 PARAPHRASE_QUERIES_B）：同义词表和阈值定下之后才写的，一次都没拿来调过。
 */
export const PARAPHRASE_QUERIES: ReadonlyArray<{ text: string; target: string | null }> = [
  // 换说法的同一件事
  { text: '我们小区路上的电线杆把路挡了救护车进不来', target: 'pole' },
  { text: '门口道路中间立着几根电线杆，汽车根本开不过去，急救车也进不来', target: 'pole' },
  { text: '电线杆子占了小区的路，出门开车很难，能不能挪走', target: 'pole' },
  { text: '建设路东边那段路灯不亮一个多月了，晚上黑乎乎的', target: 'light' },
  { text: '建设路的灯坏了好久没人修，夜里出门看不见路', target: 'light' },
  { text: '晚上建设路东段没有灯光，老人摸黑走路容易摔', target: 'light' },
  { text: '跳广场舞的音乐开得特别响，晚上十点了还在放，吵得睡不着', target: 'dance' },
  { text: '广场上跳舞的大妈音箱太吵了，影响我们晚上休息', target: 'dance' },
  { text: '菜场后头下水管道堵塞，脏水流到马路上，味道很难闻', target: 'sewage' },
  { text: '菜市场后边排水沟堵死了，污水横流臭得很', target: 'sewage' },
  { text: '小区里车位不够，车都停到消防通道了，出了事消防车进不来', target: 'parking' },
  { text: '村里没有到县城的公交车，老人去县医院看病很难，希望通一趟公交', target: 'bus' },
  { text: '垃圾箱满出来好几天了，没人来拉走，招了很多苍蝇', target: 'garbage' },
  { text: '小区的垃圾好多天没人收，臭气熏天蚊虫多', target: 'garbage' },
  { text: '上学放学时校门口车堵得厉害，能不能派交警来指挥一下', target: 'school' },
  { text: '包工头欠了我们工地二十几个人半年的工钱不发', target: 'wages' },
  { text: '楼里电梯老是卡在半空，好几次把人关在里面，物业也不管', target: 'elevator' },
  { text: '这个月停水三次了都不通知，做饭洗澡都成问题', target: 'water' },
  { text: '小区养狗的人不拴绳子，狗到处拉屎，还吓到小孩', target: 'dog' },
  { text: '社区医院离得太远，老年人去看病很不方便，附近能不能开个诊所', target: 'clinic' },
  { text: '楼下烤串店的油烟全飘进我家，窗都不能开', target: 'smoke' },
  { text: '村口的水泥路全是坑，一下雨都是泥，骑电瓶车的老摔跤', target: 'road' },
  // 站点上没有的新事（其中几条同类话题、不同对象）
  { text: '幸福路的路灯杆被车撞歪了，随时可能倒下来', target: null },
  { text: '学校食堂的饭菜质量太差，孩子们都吃不饱', target: null },
  { text: '菜市场里有商贩缺斤短两，希望市场监管部门查一查', target: null },
  { text: '小区游泳池水质很差，希望物业换水', target: null },
  { text: '希望在河边修一条健身步道，方便居民锻炼', target: null },
  { text: '楼上住户装修每天从早上七点就开始电钻，噪音太大', target: null },
  { text: '公司不给我们交社保，辞职时也不给补偿', target: null },
  { text: '家门口的快递柜坏了，取件总是失败', target: null },
];

export const PARAPHRASE_QUERIES_B: ReadonlyArray<{ text: string; target: string | null }> = [
  { text: '小区里的路被几根电线杆拦着，开车出入特别费劲，上次120都进不来', target: 'pole' },
  { text: '能不能把挡在小区道路上的电线杆迁走，救护车都过不去', target: 'pole' },
  { text: '建设路东段晚上一盏路灯都不亮，走夜路心里发慌', target: 'light' },
  { text: '建设路那边的路灯坏了一个月没人管，晚上出门要打手电', target: 'light' },
  { text: '广场舞的喇叭声太大了，十点多还不停，孩子没法睡觉', target: 'dance' },
  { text: '菜市场后面下水道堵住了，脏水都冒到路面上，气味刺鼻', target: 'sewage' },
  { text: '车位严重不足，消防通道上停满了车，希望多划些停车位', target: 'parking' },
  { text: '我们村到县城没有公交，老人进城看病只能搭别人的车', target: 'bus' },
  { text: '小区垃圾桶堆满了好几天，没人清运，到处是苍蝇', target: 'garbage' },
  { text: '学校门口接孩子的车把路堵死了，希望交警早上来疏导', target: 'school' },
  { text: '包工头拖欠我们二十多个农民工半年工资，一直拖着不给', target: 'wages' },
  { text: '楼里的电梯好几次困人，停在两层中间，物业不理', target: 'elevator' },
  { text: '遛狗不牵绳的太多了，狗屎到处都是，小孩被狗追着跑', target: 'dog' },
  { text: '楼下烧烤摊的油烟熏得我们不敢开窗', target: 'smoke' },
  { text: '村口水泥路到处是坑，下雨一身泥，电动车摔了好几回', target: 'road' },
  { text: '建设路东段的人行道砖都翘起来了，老人容易绊倒', target: null },
  { text: '小区电线乱拉乱接，看着很危险', target: null },
  { text: '广场旁边的公共厕所太脏了，没人打扫', target: null },
  { text: '学校附近的小卖部卖三无食品给学生', target: null },
  { text: '村里的自来水有股怪味，不敢喝', target: null },
];
