/**
 * 紧急程度：眼下存在的人身安全险情判为紧急，立刻推给召集人——燃气泄漏、起火冒烟、电线断落漏电、
 * 房屋墙体楼板挡墙开裂下沉、随时可能倒塌的东西、路面塌陷、井盖缺失破损、堤坝管涌渗水、落石滑坡、
 * 水漫进屋、电梯下坠夹人、老人孩子遇险。
 *
 * 规则而不是模型：数据里没有紧急标注，漏判的代价太高，而且每一条都要能用话说清楚。
 * 逐个小句判断（分句见 clauses.ts，不加标点的长句按空格切）：险情说法前面紧挨着否定（没有、冇得）、
 * 前面有假设或担心（万一、担心、一旦……只管它后面的话）、后面紧跟"隐患、风险"、是过去的事（去年、
 * 着过火）或已经处理（修好了、扑灭了），就不算；词形相近而意思不是险情的说法（燃气费、消防通道、
 * 生意滑坡、声音被淹没、火灾统计）先抹掉。主语在上一小句、说法在下一小句时（"围墙被雨泡软了 鼓了个大肚子"），
 * 同一句里相邻两小句接起来再找一遍跨接缝的命中；语气（否定、假设、过去、已处理）的判断见 clauses.ts 的 moodOf。
 *
 * 结果：urgent（理由写命中的原话和险情类别，最多三处）；normal（理由写"未发现正在发生的险情"和被排除的说法及原因，
 * 或者一处险情说法都没有）。
 */
import type { Urgency } from '../domain/vocabulary';
import { normalizeWidth } from './features';
import { moodOf, quoteAround, splitClauses, type Clause, type MoodOptions } from './clauses';
import { describe, lexicon, scoreLinear, wordsIn, type Cue, type Lexicon } from './linear-judge';
import { URGENCY_THRESHOLD, URGENCY_WEIGHTS } from './urgency-weights';

interface Hazard {
  /** 险情类别，出现在理由里 */
  label: string;
  re: RegExp;
  /** 整句里出现这些词时，这类说法不是险情（例如排污的"浓烟"、粪水"淹"了房子） */
  unlessSentence?: RegExp;
  /** 每一处命中都必然含有其中至少一个字：小句里一个都没有就不用跑这条规则（单元测试核对这一点） */
  triggers: string;
  /** 整句里必须同时出现这些词（例如"头晕恶心"要和"刺鼻的味道"同句才算） */
  needsSentence?: RegExp;
  /** 全文里出现这些词时，这类说法都不算（粪水淹了房子，标题里的"被淹"也是这件事） */
  unlessText?: RegExp;
  /**
   * 这类说法自己带的读法，交给 clauses.ts 的 moodOf（MoodOptions）：还在用的电梯、还在那里的房子、边坡和路"发生过多次"
   * 算眼前的（火情不在此列："这个市场发生过多次火灾"说的是隐患）；"井口没有盖子"的否定就是险情本身
   */
  mood?: MoodOptions;
}

/** 同一小句内的任意几个字（小句已经按标点和空格切开） */
const GAS = '(?:煤气|燃气|天然气|液化气|沼气|瓦斯)';
/** 承重、挡土的构件：开裂就算险情 */
const STRUCT = '(?:阳台板|挑檐板|雨棚板|楼梯板|墙根|墙脚|楼板|顶板|现浇层|房基|椽子|檩条|房梁|屋梁|水塔|蓄水池|结构板|现浇板|预制板|承重墙|剪力墙|主体|楼体|大梁|横梁|梁|柱子|柱|地基|基脚|桥面|桥墩|桥梁|桥|堤|坝)';
/** 山坡、边坡和挡土的墙坎 */
const SLOPE = '(?:挡土墙|挡墙|堡坎|高坎|土坎|坎子|护坡|边坡|山坡|山体|后山|山上|坡上|坡面|坡脚|坡体)';
const CRACK = '(?:开裂|位移|滑移|冲歪|撞歪|一边高一边低|裂缝|拉开.{0,3}缝|大缝|条缝|道缝|大口子|歪得|斜得|歪歪|歪斜|掉混凝土|掉水泥块|裂纹|裂痕|崩裂|崩坏|往下凹|凹陷|凹了|鼓出来|鼓出|贯穿缝|惯穿缝|断裂|断了|断开|裂了|裂开|裂口|裂成|下沉|沉降|下陷|下垂|鼓下来|往下沉|往下塌|塌下去|陷下去|歪了|倾斜|移位|冲空|掏空|空洞|往下掉|掉水泥|掉渣|掉块|脱落)';
/** 一般的墙和房子：交房时墙面的细裂纹很常见，要写明严重（贯穿、越来越大、从上到下）或者变形了才算 */
const WALL = '(?:墙体|外墙|墙面|墙壁|墙身|围墙|院墙|墙|阳台|雨棚|走廊|楼梯|房子|房屋|屋子|楼房|楼栋|楼体|整栋楼|这栋楼|那栋楼|居民楼|宿舍楼|教学楼|老楼|老房子|房顶|屋顶|楼顶|天花板|顶棚|地面|地板)';
const SEVERE = '(?:严重|好宽|很宽|好长|好几道|好几条|大口子|咔咔响|贯穿|惯穿|越来越|愈来愈|一天比一天|一指宽|指头宽|手指宽|能塞|能伸|从上到下|从底到顶|从[一二三四五六七八九十\\d]+楼.{0,3}裂到|从[一二三四五六七八九十\\d]+楼.{0,6}(延续|延伸|裂|连)到|大裂缝|好大|很大|能伸进|加大|变宽|整体|整栋|(能|都能)?(看见|看到|看得见|看得到|透)(外面|光|亮))';
const DEFORM = '(?:外倾|内倾|往外倾|掉下来|掉了一大块|下沉|沉降|下陷|下垂|鼓下来|往下沉|往下塌|塌下去|歪了|歪得|斜了|斜得|倾斜|移位|往下掉|掉水泥|掉渣|掉块|往外鼓|往里鼓|外鼓|鼓包|鼓了个|鼓起|鼓肚子|大肚子|往外凸|往外歪|往外斜|往外倒|偏了|偏过去|歪过去|一大块掉下来|整块掉下来|塌下来|垮下来)';

const HAZARD_LIST: Hazard[] = [
  {
    label: '燃气泄漏',
    triggers: '气味毒斯蛋',
    re: new RegExp(
      `${GAS}.{0,10}(管子|软管|胶管|气管).{0,4}(开裂|裂了|裂开|破了|断了|在漏|漏了)|${GAS}.{0,6}(泄漏|泄露|漏气|漏了|在漏|外泄|喷气|往外喷|在喷|冒气|破了|挖破|挖断|撞断|撞弯|撞坏|撞破|压坏|挖坏|断了)|${GAS}.{0,8}味|${GAS}.{0,8}(嗞嗞|嘶嘶|呲呲|滋滋)|闻到.{0,4}${GAS}|臭鸡蛋.{0,3}味|漏气|一氧化碳中毒|煤气中毒`,
    ),
    // "化工厂无组织排放……家里经常有臭鸡蛋味"：工厂排放的气味是污染，交环保
    unlessSentence: /排放|化工|工厂|厂界|焦化|排污|污染|垃圾|粪|下水道|化粪池/,
  },
  {
    // "燃气管道老化了好多年 这几天楼道里一直有味"：味道和燃气分在两个小句
    label: '燃气泄漏',
    triggers: '味关气阀泡',
    re: /肥皂水.{0,8}(冒泡|起泡|泡泡)|(仍|还|一直|总|老)(然)?(能|会|可以)?闻到.{0,3}(气味|味道|味|臭味)|阀门?.{0,3}关不(死|紧|住|严|上)|阀门.{0,4}(在漏|漏了|漏气)|(有|的)?气(体)?(一直|还)?(在)?往外(冒|喷|跑|漏|窜)|(一直|总是|老是|还是|又|到处|满屋|满楼|整栋楼?|整层楼?|整个楼道|楼道里?|屋里|家里|厨房里?)(都|全)?(有|是)(股|一股)?(味|味道|气味|臭味)|(一股|好大的?|很大的?|好重的?|很重的?|好浓的?|很浓的?)(味|味道|气味|臭味)/,
    needsSentence: new RegExp(`${GAS}(?!费|价|公司|开户|报装|初装|缴|收费|涨价|卡|站|灶|热水器)`),
  },
  { label: '火情',
    triggers: '火烟燃烧爆焦着', re: /着过火|起过火|着火|起火|失火|燃起来|烧起来|着起来|烧过来|火(苗)?往.{0,6}(烧|窜|蹿|蔓延)|冒(白|青|浓)烟|火势|明火|浓烟|冒烟|冒出[^，。；！？,;!?\s]{0,4}烟|(好大|很大|好浓|很浓)的?烟|烟(好|很|太)(大|浓)|冒黑烟|冒火花?|火花|冒火星|火星子|火星四溅|爆炸|火情|烧焦|焦糊味/, unlessSentence: /污染|排放|排烟|烟囱|环保|油烟|粉尘|烧烤|秸秆|焚烧|喷漆|烧(落叶|树叶|枯叶|垃圾|荒|稻草)|每天|天天|每晚|总是|经常|通常|每逢|飞机|尾气/ },
  {
    label: '触电危险',
    triggers: '电线杆竿压座麻',
    re: /(高压线|电线|电缆)[^，。；！？,;!?\s]{0,4}(离地面?|距地面?|距离地面)(不足|不到|只有|才)|(高压线|电线|电缆).{0,24}(碰得到|碰得着|够得着|够得到|摸得到|摸得着|可以碰到|能碰到|伸手就能)|漏电|触电|线头.{0,6}(露|裸露|外露)|(一摸|摸到|碰到|碰一下|一碰).{0,3}(就)?(麻手|发麻|电人|打人)|麻手|被电(倒|到|伤)|电线.{0,6}(裸露|外露|掉在地上|落到地上|落在地上|落地|拖到地上|垂到地上|掉下来|掉落|断落|断了|垂|拖地|搭在地上|脱落|露在外面|冒火)|裸露的?电线|电缆.{0,4}裸露|(高压线|电线杆|电线竿|电杆|线杆|线竿|水泥杆|杆子).{0,8}(断|掉|垂|落|歪|斜|倾|倒|快倒)|(电线|线路|电箱|电表箱|配电箱|变压器|配电房|插座|电闸|电表).{0,6}(打火|冒火|冒烟|门开着|线都露|噼里啪啦|蓝光|火光|烧黑|烧焦)/,
  },
  {
    label: '房屋结构险情',
    mood: { recurringIsPresent: true },
    triggers: '裂缝断沉陷垂鼓塌垮坍崩歪斜移空掉脱钢承摇倒砸危坠松晃凹即撑顶抖岌低雪剩悬吊烂毁',
    re: new RegExp(
      `${STRUCT}.{0,12}${CRACK}|结构(性|问题的?)?.{0,2}(裂缝|开裂)|钢筋.{0,4}(裸露|外露|暴露)|${WALL}.{0,8}${DEFORM}|${WALL}.{0,10}(开裂|裂缝|裂了|裂开|裂口|裂得).{0,8}${SEVERE}|${WALL}.{0,6}${SEVERE}.{0,4}(开裂|裂缝|裂了|裂开)|${SEVERE}.{0,4}(开裂|裂缝)(?=.{0,12}(楼|墙|房|板|梁|柱))|(楼|墙|房|板|梁|柱).{0,12}${SEVERE}.{0,4}(开裂|裂缝)|(开裂|裂缝|破败|年久失修|偷工减料).{0,8}(有|存在)?.{0,2}(倒塌|坍塌|垮塌)的?(危险|可能|风险)|(楼梯|踏步|台阶|楼道).{0,4}(断了|断裂|塌|垮)|震裂|(缝|裂缝|裂口|口子).{0,4}(越来越|一天比一天)(大|宽|长)|(缝|裂缝|裂口|口子)(还|一直|不停地?|不断)(在|地)?(长|增长|发展|变大|扩大|增大|变宽|加宽|延伸|往下裂|往上裂)|承重墙.{0,8}(打|凿|拆|砸|挖|掏)|(打|凿|拆|砸|挖)(掉|穿|了)?.{0,4}承重墙|积雪太?厚.{0,12}(咔咔|嘎吱|吱吱|响|变形|压弯)|(地基|基础|房基|墙脚|墙基)[^，。]{0,6}(钢筋)?[^，。]{0,3}(挖|掏|凿)(出来|空|开)|钢筋(都)?(被)?(挖|露)出来|摇摇欲坠|岌岌可危|(整栋楼|整座楼|整个楼|整幢楼|楼房|楼板|地板|整座桥|桥面?)(都|也|一直)?(在)?(发抖|抖动|摇晃|晃动)|随时(都)?(可能|会|有可能|有)?.{0,3}(倒|塌|垮|掉|砸|坍)|坍塌|倒塌|垮塌|倒垮|崩塌|垮了|塌了|塌方|危楼|即将(倒|塌|垮|崩)|(广告牌|招牌|灯箱|牌匾|雨棚|遮阳棚|空调外机)[^，。；！？,;!?\s]{0,8}(只剩一?个?角|吊着|悬着|悬在|摇摇晃晃|晃来晃去|快掉|要掉)|(外墙|外墙瓷砖|外墙砖|墙皮|水泥块|砖头|砖瓦|瓦片|瓦|栏杆|护栏|扶手|阳台).{0,6}(脱落|掉落|往下掉|掉下来|松了|松动|晃得|一推就晃|断了)|(栏杆|护栏|扶手)[^，。；！？,;!?\s]{0,6}(腐烂|烂掉|烂了|锈断|锈烂|损毁|缺失)|墙体?[^，。；！？,;!?\s]{0,4}(崩坏|崩裂|酥了|粉化)|砖[^，。；！？,;!?\s]{0,8}(崩裂|酥裂|粉化)|(脚手架|塔吊|广告牌|围挡|招牌)[^，。；！？,;!?\s]{0,10}(往[^，。；！？,;!?\s]{0,6}倒|歪了|倾斜|要倒|快倒)|(破坏|损坏|损毁)了?[^，。；！？,;!?\s]{0,4}承重(墙|结构|柱|梁)|承重(墙|结构|柱|梁)[^，。；！？,;!?\s]{0,6}(造成|遭到|受到)?(破坏|损坏|损毁)|(挖空|掏空|冲空)了?(地基|房基|路基|墙脚)|高空坠物|砸伤|砸到人|差一?点砸到|(楼上|高空|楼顶|窗户?)(往下)?(掉|扔|丢|抛)(东西|玻璃|花盆|砖头?|杂物)|露出钢筋|钢筋都露|(用|拿)(木头|木棍|木桩|树木|树干|杆子|柱子|钢管|砖头?)(顶|撑)着|${WALL}.{0,6}(已经|现在)?(非常|十分|极其|特别|相当|很)危险`,
    ),
  },
  { label: '山体边坡险情', mood: { recurringIsPresent: true }, triggers: '裂缝断沉陷垂鼓塌垮坍崩歪斜移空掉脱凹低', re: new RegExp(`${SLOPE}.{0,12}${CRACK}`) },
  { label: '路面塌陷',
    mood: { recurringIsPresent: true },
    triggers: '陷塌悬洞窿坑沉', re: /塌陷|地陷|(路基|地基|房基|基础)[^，。；！？,;!?\s]{0,6}(沉陷|下陷|下沉|沉降)|下沉坑|沉陷坑|(路面|路中间|马路|人行道|路上|地面|桥面).{0,8}(陷|塌|悬空|大洞|窟窿|往下沉|下沉)|(路|地面).{0,4}塌了?.{0,4}坑|(坑|洞).{0,4}(越来越大|底下都?空|下面是空的)|半边都?悬空/ },
  { label: '水淹内涝',
    triggers: '洪涝灌决溃淹漫涌屋户腰膝涨没泡腿床灶胸库室位进', re: /(水|屋里|家里|屋头|一楼).{0,4}(齐|没过|淹过|淹到|漫到|到了)(了)?(膝盖|膝|腰|大腿|小腿|胸口?|床沿|床边|床板|灶台|车窗|车顶|车门|轮胎)|(地下车库|车库|地下室|负一楼|负二楼).{0,6}(倒灌|进水|被淹|淹了|灌水)|水位.{0,4}(仍在|还在|一直在?|不断)(上涨|上升|涨)|洪水.{0,4}(来了|进|冲|漫|淹|涨|围|困|过来)|(发|涨)洪水了|水.{0,4}(没过|淹到|漫到|泡到)(了)?(配电箱|电箱|电表|插座|床|膝盖|腰|胸)|内涝|(倒灌|灌)进了?.{0,2}(屋|家|一楼|住户|房)|(一楼|屋子|房子|住户|店面|门面|铺面)[^，。；！？,;!?\s]{0,2}(淹了|给淹了|泡在水里)|决堤|溃坝|溃堤|决口|山洪|被淹|水淹|淹没|水.{0,6}(漫进|灌进|淹进|涌进|进了?屋|漫到)|水[^。；！？]{0,8}(漫|涌|灌)上来了?[^。；！？]{0,6}进了?[^，。；！？]{0,6}(屋|家|门)|积水.{0,6}(进屋|入户|齐腰|没过膝)|(漫过|漫上|快漫|淹到|涨到).{0,3}(堤|坝|路面|桥面|屋|家|门口|膝盖|腰)/, unlessSentence: /粪水|污水|化粪池|反水|下水道|马桶|厕所|粪便|一下(大|暴)?雨就|下雨就|每逢|每到|每年|年年|逢雨必|长达/, unlessText: /粪水|化粪池|反水|粪便/ },
  {
    label: '路面塌陷',
    triggers: '空',
    re: /(底下|下面|下头|下边)(都|全)?(是)?空(的|了)|掏空了/,
    needsSentence: /路|坑|洞|地面|地基|桥/,
  },
  // 消火栓被撞断、水往外喷：路面积水结冰、水淹低处，要马上关阀
  { label: '水淹内涝',
    triggers: '栓',
    re: /消火栓[^，。；！？,;!?\s]{0,4}(撞断|撞坏|断了|爆了|断裂)/,
    needsSentence: /喷|冒水|往外冒|结冰|漫|淹/ },
  // "家里进水了"是眼前的事；"一下雨屋里就进水""下雨时经常进水"说的是房子老漏，不是险情
  { label: '水淹内涝',
    triggers: '进灌淹',
    re: /(家中|家里|屋里|屋内|房里|房间里|一楼住户)[^，。；！？,;!?\s]{0,4}(进了?水(?![管口阀龙])|灌水|被淹|淹了)/,
    unlessSentence: /一下雨|下雨时|下雨天|下雨就|每逢|每到|每次|经常|常年|一到雨季|雨季/ },
  { label: '堤坝险情',
    triggers: '涌沙堤坝库', re: /管涌|翻沙(?![厂车工])|(堤|坝|水库).{0,12}(渗水|渗漏|渗出|湿润|散浸|浸润|冒水|冒浑水|冒沙|漏水|往外冒|垮|塌|决口|裂|虚了|发虚|松了|软了|泡软|下沉|沉降|掏空|变形)/ },
  { label: '地质灾害',
    mood: { recurringIsPresent: true },
    triggers: '滑泥灾裂石垮土坡溜', unlessSentence: /水落石出/, re: /(土|泥|泥土|山泥|土方|土坡|山坡|坡上)[^，。；！？,;!?\s]{0,2}(往下溜|往下滑|往下垮|往下走|溜下来|滑下来|在溜|在滑)|山体滑坡|滑坡|泥石流|地质灾害|地面开裂|山体开裂|落石|滚石|(石头|山石|碎石|石块|泥巴|泥土|土石|山泥|泥石).{0,4}(往下滚|滚下来|滚落|掉落|冲下来|垮下来|滑下来|掉下来|往下冲|往下掉|往下落)|(往下|向下)(滚|掉|垮|冲|溜|滑)(石头|碎石|石块|泥巴|泥土|泥|土|沙石)|山.{0,2}(裂|垮)/ },
  {
    label: '电梯险情',
    mood: { recurringIsPresent: true },
    triggers: '梯',
    re: /电梯.{0,16}(坠|下掉|(猛的|猛地|突然|一下子?)(往下)?一?沉|往下一沉|下沉|门(还)?没关(好|上|严)?就|掉层|掉楼层|溜层|卡人|门开着就|开着门就|(钢绳|钢丝绳|钢丝|曳引绳).{0,4}断|往下掉|往下溜|掉到|溜到|掉下|下滑|冲顶|蹲底|(冲|窜|蹿|溜|掉|滑|坠)到.{0,3}(顶楼|顶层|楼顶|最顶|最高|底层|负一|一楼|底)|夹人|夹住|夹伤|困人|关人|被困|门没关就|开着门|(抖|晃|摇)(动|晃|得)?(明显|厉害|得很|得吓人|个不停)|(无故|突然)(停止运行|停止|停运|停了|停住|急停)|骤停|悬停)|(被困|困人|困在|关在|被关).{0,4}电梯/,
  },
  {
    label: '电梯险情',
    mood: { recurringIsPresent: true },
    triggers: '困关停铃卡滑溜掉冲蹲轿踩差出死',
    re: /不是掉就是被?关|被关在?里面|(死机|卡机)|(两层|楼层|两楼)(之间|中间).{0,3}(停住|停了|卡住|不动)|(里面|轿厢里|电梯里)的?人.{0,3}出不来|与楼层.{0,6}(高差|落差|不平)|(高差|落差).{0,8}(摔倒|摔了|绊倒|踩空)|轿厢.{0,3}(却|还|都)?(没|不)(到|在|停)|踩空|下掉|下滑|溜层|掉层|往下掉|往下溜|冲顶|蹲底|关人|夹人|困了.{0,3}(人|个)|困住了|关在里面|突然停了|卡住了|卡在半|按铃没人|呼叫没人/,
    needsSentence: /电梯/,
  },
  {
    label: '井盖缺失',
    triggers: '盖',
    re: /(井盖|窨井盖|下水道盖|(下水道|窨井|化粪池|粪池|污水井|检查井|阴井|雨水井|沙井|井)的?(盖子|盖板))[^，。；！？,;!?]{0,6}(丢|缺|被盗|被偷|偷了|没了|没有了|不见|破|烂|翻|翘|撞飞|塌|碎|踩空|移位)|(盖板|水泥盖板|沟盖|沟盖板).{0,4}(断了|碎了|塌了|没了|不见|压断|压碎|压坏|断裂|缺了|缺失|丢了)|(没有|缺|少了?)(井盖|窨井盖)|(井盖|窨井盖).{0,2}被人偷/ },
  {
    // 配电房、电箱泡在水里：漏电的危险
    label: '触电危险',
    triggers: '泡淹进渗流灌漫浸',
    re: /(配电房|配电室|配电间|配电箱|电箱|变压器|电表箱|开关箱|电井)[^，。；！？,;!?\s]{0,4}(泡在水里|被水泡|泡水|进水|被淹|淹了)|水[^，。；！？,;!?\s]{0,6}(渗入|渗进|流进|流入|灌进|灌入|漫进|漫入|淹进|倒灌进|进了|进)[^，。；！？,;!?\s]{0,5}(配电房|配电室|配电间|配电箱|配电柜|电箱|变压器|电表箱|开关箱|电井)|(电线(?!杆)|电缆|插座|插线板|接线板|电源线)[^，。；！？,;!?\s]{0,4}((泡|浸)(在|进)[^，。；！？,;!?\s]{0,3}水(里|中)?|泡水|泡着水)/,
  },
  {
    // 变压器、电箱、电线滋滋响、冒蓝光、打火：正在放电
    label: '触电危险',
    triggers: '滋嗞吱噼蓝火',
    re: /(变压器|配电箱|配电柜|电箱|电表箱|电线(?!杆)|电缆|线路|插座|电闸|开关箱)[^，。；！？,;!?]{0,8}(滋滋|嗞嗞|吱吱|噼里啪啦|噼啪|冒蓝光|闪蓝光|蓝光|冒火花|打火|冒火星)|(冒|闪|打)蓝光/,
  },
  {
    // "桥面无护栏"：桥上、水边、高处没有护栏，否定词就是险情本身
    label: '临水临空无护栏',
    mood: { negationInMatch: true },
    triggers: '栏',
    re: /(桥面|桥上|桥边|河边|湖边|塘边|水边|临水|临河|悬崖|崖边|坎边|平台|楼顶)[^，。；！？,;!?\s]{0,4}(没有|无|没)(护栏|栏杆|围栏)/,
  },
  {
    // "老井没有盖子"：否定词就是险情本身（没有盖子），不当作否定
    label: '井盖缺失',
    mood: { negationInMatch: true },
    triggers: '井',
    re: /(枯井|机井|水井|老井|窨井|下水井|井)(口)?(上)?(没有|没|无)(盖子|盖板|井盖|盖)/,
  },
  {
    label: '井盖缺失',
    triggers: '偷盗丢没',
    re: /(又|刚|才)?(被人?)(偷|盗)(走)?了|又(丢|没)了/,
    needsSentence: /井盖|窨井|盖板|下水道盖/,
  },
  { label: '树木招牌等坠落',
    triggers: '牌树箱机架吊挡棚顶瓦皮篷灯管物', re: /(广告牌|招牌|灯箱|路牌|指示牌|标志牌|大树|树|水箱|空调外机|外机|空调支架|支架|架子|塔吊|脚手架|围挡|棚子|顶子|顶棚|棚顶|雨棚|遮阳棚|彩钢瓦|彩钢板|铁皮|篷布|路灯|钢管|吊物|重物).{0,8}(要掉|快掉|掉下来|掀起来|掀起|掀开了|掀翻|耷拉|坠落|(随时|马上|快要)(都)?(可能|会|要)?(掉|坠|落|砸)|快倒|歪|斜了|斜得|倾斜|摇摇晃晃|晃得|吊在半空|吊在空中|吊着|吹松|翘起来|倒了|砸|锈断|断了)/, unlessSentence: /赔|保险|不负责|定损/ },
  // 玻璃顶棚、幕墙碎裂，碎片还挂在上面
  { label: '树木招牌等坠落',
    triggers: '璃幕棚顶窗碎',
    re: /(玻璃顶棚|玻璃雨棚|玻璃棚|采光顶|玻璃幕墙|幕墙玻璃|幕墙|天窗玻璃|(顶棚|雨棚|天窗)的?玻璃)[^，。；！？,;!?\s]{0,6}(碎裂|碎了|爆裂|炸裂|自爆|松动|脱落)|(碎玻璃|玻璃碎片|碎片|玻璃)(还|仍然?|都)?(挂在|悬在|吊在|卡在)/ },
  // 枯死、空心、烂根的树在风里晃：随时会倒
  { label: '树木招牌等坠落',
    triggers: '树',
    re: /(树|树干|树身|树根)[^，。；！？,;!?\s]{0,6}(枯死|死了|空了|空心|中空|烂了|腐烂|蛀空|烂根|根部?松动|根都?露)/,
    needsSentence: /摇晃|晃动|晃得|摇摇|歪向|歪倒|往[^，。；！？,;!?]{0,4}(歪|斜|倒)|倾斜|要倒|快倒|随时[^，。；！？,;!?]{0,4}(倒|断|砸)|砸/ },
  // 塔吊、脚手架在风里晃，底座松动
  { label: '树木招牌等坠落',
    triggers: '吊塔架梯',
    re: /(塔吊|塔机|吊塔|起重机|脚手架|井架|施工电梯)[^，。；！？,;!?]{0,14}(晃动|摇晃|晃得|松动|倾斜|歪了|变形|往[^，。；！？,;!?]{0,6}(倒|歪|斜))|(塔吊|塔机)的?(底座|基础|螺栓|标准节)[^，。；！？,;!?]{0,4}(松动|松了|开裂|断)/ },
  // 墙、石头、电杆底下的土被雨冲走了：下面空了，随时会倒
  { label: '地基被掏空',
    triggers: '冲掏流垮',
    re: /(底下|下面|下头|下边|脚下|根部|墙根|墙脚|基础)的?(土|泥|泥土|土方|沙土|沙子|路基|地基)[^，。；！？,;!?\s]{0,6}(冲走|冲空|冲掉|掏空|流失|垮了)/,
    needsSentence: /墙|石|房|坡|杆|桥|路|楼|树|塔/ },
  // 山上的巨石、危岩悬空、松动
  { label: '地质灾害',
    triggers: '石岩',
    re: /(巨石|危石|孤石|危岩|大石头|大石块)[^，。；！？,;!?\s]{0,6}(已经|已|都)?(悬空|松动|摇摇欲坠|随时(可能|会|要)?(滚|掉|落|砸))|(石头|石块|岩石)[^，。；！？,;!?\s]{0,6}(已经|已|都)?(悬空|摇摇欲坠|随时(可能|会|要)?(滚|掉|落|砸))/ },
  {
    label: '人员遇险',
    triggers: '老婆公奶爷孩小儿婴学孕病独敲溺掉落跌滑喊叫呼醒事车吸',
    re: /(头发|手|脚|胳膊|腿|人)(被)?吸住|(车里|车内|车上)(锁着|关着|困着|闷着)(一个|个|两个)?(小孩|孩子|婴儿|小朋友|老人)|叫不醒|喊不醒|昏迷不醒|不省人事|(喊|叫|呼)(着)?救命|呼救|(老人|老太|老爷|阿婆|阿公|奶奶|爷爷|孩子|小孩|儿童|婴儿|学生|孕妇|病人).{0,8}(摔倒.{0,10}(起不来|爬不起来|没人管)|被困|困在|昏迷|晕倒|走失|失踪|溺水|落水|生命垂危|中毒|出不来|联系不上|喊也喊不应|没出门)|(掉进|掉到|落入|跌进|跌入|滑进).{0,3}(河|塘|水|井|坑|沟|粪池|化粪池)|独居老人.{0,10}(多日|几天|联系不上|无人应答|病倒|摔|晕|没人照|无人照)|敲门也?没人应|溺水/,
  },
  // 有人掉进水里、井里、坑里
  {
    label: '人员遇险',
    triggers: '掉落跌摔',
    re: /(小孩|孩子|小朋友|学生|老人|有人|人)[^，。；！？,;!?\s]{0,4}(掉|落|跌|摔)(下去|进|到|入)/,
    needsSentence: /塘|河|井|池|江|湖|水库|坑|沟|崖/,
  },
  {
    label: '人员遇险',
    triggers: '天喊叫敲话机摔',
    re: /摔(倒|了|跤)?.{0,10}(起不来|爬不起来)|(电话|手机)(也|都)?(没人接|打不通|不通)|(几天|两天|三天|四天|好几天|多日|\d+天)(都|也)?(没|没有|不见|没见|没看到|没看见)(他|她|人)?(开门|出门|出来|露面|见人|见到人|动静|开过门)|(喊|叫|敲门|敲)(他|她|了)?(也|都)?(不应|没人应|没应|没反应|没人答应|不开)/,
    needsSentence: /老人|老太|老头|老爷子|老太太|老人家|老两口|孤老|大爷|大娘|大妈|奶奶|爷爷|外婆|外公|姥姥|姥爷|我妈|我爸|老妈|老爸|母亲|父亲|老伴|独居|一个人住|一个人在家|孤寡/,
  },
  {
    // "锅炉房那个压力表一直在往上走 工人都跑了"：承压设备超压，随时可能爆
    label: '承压设备险情',
    triggers: '炉罐瓶压阀',
    re: /(锅炉|压力表|压力容器|储气罐|储罐|气罐|钢瓶|液化气罐|煤气罐)[^，。；！？,;!?]{0,8}(往上(走|涨|窜|蹿|冲)|超压|鼓起|鼓包|变形|嘶嘶|呲呲|嗞嗞|要爆|快爆|爆了)|安全阀.{0,4}(在)?(响|喷|冒|叫)/,
  },
  {
    label: '危险品',
    triggers: '烟爆鞭炸雷汽罐槽',
    re: /(堆|存放|囤|囤积|藏)(了|着)?.{0,6}(烟花爆竹|烟花|爆竹|鞭炮|炸药|雷管|汽油|桶装油)|(烟花爆竹|鞭炮|炸药|雷管)(仓库|窝点)|(罐车|槽车|危化品车|化学品车|运化学品的?车?|油罐车).{0,8}(侧翻|翻了|翻车|泄漏|漏了|流出|在漏)/,
    needsSentence: /居民|楼|住户|小区|村|学校|旁边|路口|马路|液体|气味/,
  },
  { label: '危险品',
    triggers: '化氨氯硫毒刺晕恶吐喘呛睛昏痛疼闷', re: /(化学品|危化品|氨气|氯气|硫化氢)[^，。；！？,;!?]{0,4}(泄漏|泄露|外泄)|有毒气体|刺鼻的?(气|味).{0,8}(头晕|想吐|呕吐|喘不过气)|(头晕|头昏|头痛|头疼|胸闷|头.{0,3}晕|恶心(想吐|呕吐|头晕)|想吐|呕吐|喘不过气|呛得|眼睛.{0,4}(睁不开|辣|疼))/,
    unlessText: /废气|排放污染|污染排放|无组织排放|废弃排放|污染环境/, needsSentence: /刺鼻|毒气|有毒|化工|气味|臭味|怪味|异味|煤气|燃气|沼气|一氧化碳/, unlessSentence: /污染|排放|排污|喷漆|环保|垃圾|甲醛|油烟|粪|脏乱|粉尘|扬尘|灰尘/ },
];

const HAZARDS = HAZARD_LIST.map((h) => ({ ...h, global: new RegExp(h.re.source, 'g') }));
/** 供测试核对"每一处命中都含触发字"（跳过规则的前提） */
export const HAZARD_RULES: ReadonlyArray<Readonly<Pick<Hazard, 'label' | 're' | 'triggers'>>> = HAZARD_LIST;
/** 第 k 条规则在掩码里的位（规则多于 32 条，所以用 bigint） */
const HAZARD_BITS = HAZARDS.map((_, k) => 1n << BigInt(k));
/** 字 → 含这个字的险情规则（位掩码） */
const TRIGGER_MASK = new Map<string, bigint>();
HAZARDS.forEach((h, k) => {
  for (const ch of h.triggers) TRIGGER_MASK.set(ch, (TRIGGER_MASK.get(ch) ?? 0n) | HAZARD_BITS[k]!);
});

/** 词形相近、意思不是险情的说法：先从小句里抹掉，再找险情。 */
/**
 * unlessSentence：同一句里有这些词时，这个说法可能就是险情，不抹（“液化气灶具，管子老化开裂”说的是燃气管）；
 * needsSentence：同一句里有这些词时才抹（“危楼”和“棚改”同句）
 */
const NON_HAZARD_SENSES: Array<{ re: RegExp; note: string; unlessSentence?: RegExp; needsSentence?: RegExp }> = [
  { re: /(燃气|煤气|天然气)(费|价|公司|开户|入户|报装|安装|管道安装|初装费|缴费|收费|涨价|改造|卡|站|报警器)/g, note: '燃气缴费、报装属于服务问题' },
  { re: /电费|电价|充电桩/g, note: '电费、充电桩不是险情' },
  { re: /(内涝|积水|易涝|渍水)(点|治理|改造|整治|工程)/g, note: '内涝点改造是工程项目' },
  { re: /危房(改造|补贴|补助|鉴定|拆迁|认定|申请|指标|政策|户|翻建)|危改|棚改/g, note: '危房改造、补贴是政策事项' },
  // "1981年建成的危楼……完全符合棚改条件"：同一句在说棚改的条件，"危楼"是评级，不是眼前的险情
  { re: /危楼|危房/g, note: '说的是棚改、改造的条件', needsSentence: /棚改|棚户区|危房改造|危改|改造项目|改造范围|改造条件/ },
  { re: /(烟囱|排放|排出|排|黑烟|油烟|工厂|厂|烧烤|秸秆|焚烧|锅炉|烟尘|浓烟滚滚)[^，。；！？,;!?]{0,8}(冒烟|冒黑烟|浓烟|有毒气体)|(冒烟|冒黑烟|浓烟)[^，。；！？,;!?]{0,4}(排放|烟囱|滚滚)|烟囱/g, note: '排烟排气属于污染问题，交环保处理' },
  { re: /(信息|人口|噪音|噪声|知识|数据)大?爆炸|爆炸(性|式)|(轮胎|车胎|胎|炸药|爆破|放炮)[^，。；！？,;!?\s]{0,3}爆炸|塌方式|断崖式/g, note: '' },
  { re: /消防(通道|车道|栓|设施|器材|检查|验收|宣传|演练|门|水源|安全)|火灾(事故)?(认定|调查|统计|高发|隐患)|防火门/g, note: '消防设施和通道属于管理问题' },
  { re: /防火|防汛|防灾|防溺水|防触电|防滑坡|防汛抗旱/g, note: '防范宣传不是正在发生的险情' },
  { re: /火车|火锅|火爆|火热|发火|上火|恼火|挑起火头?|起火头|车外起火|火化|火葬|鞭炮|烟花|烟草|香烟|吸烟|抽烟|火箭|火星(镇|村|路|街|乡|区|社区)|火力|打火机|灶头打不着火|打不着火/g, note: '' },
  // 统计：发生火灾一百多起、每年 2-3 起火灾、三次火灾
  { re: /(发生|出现)?(了)?(火灾|事故|坍塌)[^，。；！？,;!?]{0,4}\d+[^，。；！？,;!?]{0,3}(起|次|场|宗)|[\d一二三四五六七八九十百几多]+(起|次|场|宗)(火灾|事故)|火灾(率|数|案件|发生率)/g, note: '是统计数字，不是眼前的险情' },
  // 比喻：生意滑坡、声音被淹没、淹没于红尘、防线垮塌
  { re: /(生意|业绩|成绩|经济|收入|效益|销量|信誉|口碑|质量|实体店|人气|客流|形象|服务|道德|诚信|水平|指标|增速)[^，。；！？,;!?]{0,8}滑坡|滑坡(式|性)?(下降|下滑)|滑坡得/g, note: '"滑坡"在这里指下降' },
  { re: /(声音|声|话|呼声|意见|诉求|人海|红尘|历史|浪潮|信息|车流|人流|热情)[^，。；！？,;!?]{0,6}淹没|淹没(于|在)?[^，。；！？,;!?]{0,3}(人海|红尘|声|浪潮|历史|信息)/g, note: '"淹没"在这里是比喻' },
  { re: /(楼市|股市|市场|公司|企业|单位|厂子|工厂|生意|老板|店铺|买卖|行业|产业|身体|精神|心理|经济|房价|价格|家庭|人心|信心)[^，。；！？,;!?\s]{0,2}(都|也|就|快|全)?(垮了|垮掉了?|垮台|崩了|崩盘|塌了)|垮台|拖垮|打垮|击垮|压垮(了)?(信心|身体|家庭|人|我)|(家庭|家|顶梁柱|人生|世界|梦想|信仰|精神支柱)[^，。；！？,;!?\s]{0,2}(崩塌|坍塌|垮塌|塌了|垮了)/g, note: '"垮"在这里是比喻' },
  { re: /地质灾害[^，。；！？,;!?\s]{0,6}(避让|搬迁|移民|重建|隐患点|易发区|危险性评估)/g, note: '地质灾害避让搬迁是政策事项' },
  { re: /(治理|整治|防治|处置|排危)[^，。；！？,;!?\s]{0,2}(山体)?滑坡|(山体)?滑坡(治理|整治|防治|处置)(工程|项目)?/g, note: '滑坡治理是工程项目，不是眼前的险情' },
  { re: /(药|药物|用药|打针|输液|疫苗|吃药)[^，。；！？,;!?\s]{0,6}中毒|药物中毒/g, note: '用药后中毒是医疗纠纷，不是现场险情' },
  { re: /(都|也|就|快|要)?(垮了|垮掉了?|快垮了?|要垮了?)/g, note: '"垮"在这里指生意不行了', needsSentence: /生意|一落千丈|亏损|倒闭|经营|效益|营业额|客流|没人来买/ },
  { re: /防线[^，。；！？,;!?]{0,2}(垮塌|崩塌|坍塌)|(信任|信心|心理|精神|制度|体系|形象)[^，。；！？,;!?]{0,2}(垮塌|崩塌|坍塌|倒塌)/g, note: '"垮塌"在这里是比喻' },
  { re: /(只能|只好|不得不|特此|在此|向[^，。；！？,;!?]{0,10})(在这时|在此)?呼救/g, note: '"呼救"在这里是向政府求助' },
  { re: /桥梁[^，。；！？,;!?]{0,3}断了?/g, note: '"桥梁"在这里是比喻', needsSentence: /沟通|联系|纽带|中间人|物业|开发商/ },
  { re: /(要|用|使用|动用|需要)明火|明火(作业|烹饪|做饭|经营)/g, note: '用明火做饭、作业不是着火' },
  { re: /水淹(村|镇|乡|组|社区|街|路)/g, note: '"水淹"在这里是地名' },
  { re: /千里(之堤|溃堤)[^，。；！？,;!?]{0,4}(溃|毁|崩)于蚁穴|(溃|毁|崩)于蚁穴/g, note: '"千里之堤，溃于蚁穴"是成语' },
  // "主体停工半年造成整个钢筋外露"：停工、烂尾工地露着的钢筋是工程质量问题，不是住着人的楼板露筋
  { re: /露出钢筋|钢筋[^，。；！？,;!?]{0,4}(裸露|外露|暴露|露)/g, note: '停工工地露着钢筋是工程质量问题', needsSentence: /停工|烂尾|复工|承建商/ },
  { re: /[^，。；！？,;!?]{0,10}(爆炸|火灾|坍塌|垮塌|滑坡|塌方)事件/g, note: '说的是一起事件' },
  { re: /(工作|管理|事业|行业|企业|经济|制度|地位|形势|局面|生意|市场)[^，。；！？,;!?]{0,12}岌岌可危|岌岌可危的(局面|形势|地步|境地|生存环境|生活|处境)/g, note: '"岌岌可危"在这里是比喻' },
  { re: /(被|让)(菜地|农田|荒草|杂草|野草|垃圾|人海|车流|车辆|广告)[^，。；！？,;!?]{0,2}淹没/g, note: '"淹没"在这里是比喻' },
  { re: /漏气/g, note: '抽水、轮胎的漏气不是燃气', needsSentence: /抽水|水泵|水厂|水位|水管|自来水|轮胎|车胎|打气/, unlessSentence: /燃气|煤气|天然气|液化气|气罐|沼气/ },
  { re: /地面开裂/g, note: '室内、车库的地面开裂是装修和质量问题，不是地质灾害', needsSentence: /车库|室内|屋内|家里|房间|客厅|卧室|厨房|地下室|漏水|渗水|发霉|装修|交房/ },
  { re: /(前两天|前几天|前些天|前些日子|前段时间|上周|上个?月)[^，。；！？,;!?]{0,12}(出现|发生)?了?(火情|火灾|着火|起火|失火)/g, note: '是前几天的火情，已经过去' },
  { re: /(被|要被|将被|可能被)(推倒|拆除|拆掉|铲平|强拆)/g, note: '说的是被拆，不是自己倒' },
  { re: /昏迷不醒|不省人事/g, note: '说的是医疗纠纷里的病情', needsSentence: /医生|医院|打针|吊针|输液|手术|医疗事故|卫生院|诊所/ },
  { re: /发生了?溺水事故/g, note: '说的是以前的事故和它的医疗费', needsSentence: /抢救|出院|住院|治疗|送往|医疗费|工伤/ },
  { re: /(轮胎|车胎|气球|充气)[^，。；！？,;!?]{0,3}漏气|禁止明火|严禁明火/g, note: '' },
  { re: /(车|汽车|公交车?|货车|渣土车|旧车|尾气)[^，。；！？,;!?\s]{0,6}冒黑烟|冒黑烟的?(旧车|车|公交)/g, note: '车辆冒黑烟是尾气问题' },
  { re: /(污水|粪水|雨水管|下水道)[^，。；！？,;!?]{0,4}倒灌|(污水|排水|下水|化粪池|陶土|水)?(主?管|管道|管网|水管)[^，。；！？,;!?]{0,3}(已经?)?(坍塌|塌了|垮塌|破裂|开裂)/g, note: '管道破损、污水倒灌属于排水问题', unlessSentence: /煤气|燃气|天然气|液化气|沼气/ },
  { re: /(路面|道路|马路|水泥路|地砖|瓷砖|墙漆|墙皮|保温层|保温墙|腻子|抹灰|防水层|垫层|地坪|踢脚线)[^，。；！？,;!?]{0,4}(龟裂|开裂|裂缝|裂纹|空鼓|起拱|断裂|滑坡)+/g, note: '路面、装饰面层的裂纹不是结构险情' },
];

/** 非险情说法里的字：小句里有这些字才需要抹一遍（好让理由里写出"消防通道属于管理问题"这类说明） */
const NON_TRIGGERS = new Set([...'燃煤气电危烟爆消防火滑淹垮崩塌漏灌管裂灾呼桥岌推拆溺醒省溃毁钢']);

/** 紧急程度的额外信号：只和险情一起出现时才加强理由，单独出现不算（居民常把"紧急"写进普通诉求）。 */
const BOOSTERS = /紧急|危急|十万火急|刻不容缓|马上|立即|赶紧|随时|正在|现在|还在|越来越/;

const NOTHING = '未发现燃气、火、电、坍塌、水淹、地质灾害、电梯、井盖或老人孩子遇险等险情';

export interface UrgencyDecision {
  urgency: Urgency;
  reasons: string[];
}

/** 规则判为不是眼前险情的原因（数线索用） */
type DismissKind = 'negated' | 'hypothetical' | 'past' | 'resolved' | 'sense' | 'unless' | 'title';

/** 规则扫一遍的结果：命中的险情、被排除的说法（理由用的话和原因的种类）、分好的小句和抹掉非险情说法后的文字 */
interface RuleScan {
  hits: Map<string, { term: string; now: boolean; onlyFirst: boolean; clause: number }>;
  dismissed: string[];
  kinds: Record<DismissKind, number>;
  clauses: Clause[];
  ctexts: string[];
  /** 每个小句里被规则排除的那几段（小句内的起止位置和原因）：线索在同一处不再当作眼前的事 */
  spans: Array<Array<{ from: number; to: number; kind: DismissKind }>>;
}

function scanRules(whole: string): RuleScan {
  const clauses = splitClauses(whole);
  // 每类险情只列一次：第一次命中的原话，加上"是否描述为正在发生"
  const hits: RuleScan['hits'] = new Map();
  const dismissed: string[] = [];
  const kinds: Record<DismissKind, number> = { negated: 0, hypothetical: 0, past: 0, resolved: 0, sense: 0, unless: 0, title: 0 };
  /** 在第一句以后被排除过的险情类别：标题（第一句）里的同类说法只是概括，跟着正文走 */
  const dismissedLater = new Set<string>();
  let sentences: string[] | null = null;
  const sentenceOf = (k: number): string => {
    if (!sentences) {
      sentences = [];
      for (const c of clauses) sentences[c.sentence] = (sentences[c.sentence] ?? '') + c.text + ' ';
    }
    return sentences[k] ?? '';
  };
  // 每个小句：触发字掩码和抹掉非险情说法后的文字（等长替换，位置不变）
  const masks: bigint[] = [];
  const ctexts: string[] = [];
  const spans: RuleScan['spans'] = clauses.map(() => []);
  /** 记下被排除的一段；跨接缝的命中两边的小句各记一段 */
  const mark = (i: number, at: number, len: number, bridgeAt: number, kind: DismissKind) => {
    if (bridgeAt <= 0) spans[i]!.push({ from: at, to: at + len, kind });
    else {
      spans[i]!.push({ from: Math.max(0, at - bridgeAt), to: at + len - bridgeAt, kind });
      spans[i - 1]!.push({ from: at, to: Math.min(at + len, bridgeAt - 1), kind });
    }
  };
  clauses.forEach((clause, ci) => {
    let mask = 0n;
    let nonHazardWords = false;
    for (const ch of clause.text) {
      const bits = TRIGGER_MASK.get(ch);
      if (bits !== undefined) mask |= bits;
      nonHazardWords ||= NON_TRIGGERS.has(ch);
    }
    let ctext = clause.text;
    if (mask || nonHazardWords)
      for (const n of NON_HAZARD_SENSES) {
        if (n.unlessSentence && n.unlessSentence.test(sentenceOf(clause.sentence))) continue;
        if (n.needsSentence && !n.needsSentence.test(sentenceOf(clause.sentence))) continue;
        n.re.lastIndex = 0;
        ctext = ctext.replace(n.re, (m) => {
          if (n.note) {
            dismissed.push(`「${m}」：${n.note}`);
            kinds.sense++;
          }
          spans[ci]!.push({ from: ctext.indexOf(m), to: ctext.indexOf(m) + m.length, kind: 'sense' });
          return '＿'.repeat(m.length);
        });
      }
    masks.push(mask);
    ctexts.push(ctext);
  });
  /**
   * 在 text（小句 i 的文字，或者"上一小句，本小句"接起来的文字）里找险情。
   * bridgeAt > 0 时只要跨过接缝的命中：主语在上一小句、说法在本小句（"路边那堵围墙被雨泡软了 鼓了个大肚子"），
   * 两边各自的命中已经在各自的小句里找过了。
   */
  const scan = (i: number, mask: bigint, text: string, raw: string, bridgeAt: number) => {
    const clause = clauses[i]!;
    HAZARDS.forEach((h, k) => {
      if (!(mask & HAZARD_BITS[k]!) || !h.re.test(text)) return;
      if (h.unlessText && h.unlessText.test(whole)) return;
      if (h.needsSentence && !h.needsSentence.test(sentenceOf(clause.sentence))) return;
      h.global.lastIndex = 0;
      for (const m of text.matchAll(h.global)) {
        const at = m.index ?? 0;
        if (bridgeAt > 0 && !(at < bridgeAt - 1 && at + m[0].length > bridgeAt)) continue;
        if (h.unlessSentence) {
          const u = h.unlessSentence.exec(sentenceOf(clause.sentence));
          if (u) {
            dismissed.push(`「${m[0]}」与「${u[0]}」同句，不是${h.label}`);
            kinds.unless++;
            mark(i, at, m[0].length, bridgeAt, 'unless');
            if (clause.sentence > 0) dismissedLater.add(h.label);
            continue;
          }
        }
        const mood = moodOf(clauses, i, at, m[0].length, text, h.mood);
        if (mood.kind !== 'present') {
          dismissed.push(`「${m[0]}」${mood.why}`);
          kinds[mood.kind]++;
          mark(i, at, m[0].length, bridgeAt, mood.kind);
          if (clause.sentence > 0) dismissedLater.add(h.label);
          continue;
        }
        const now = BOOSTERS.test(raw);
        const prev = hits.get(h.label);
        if (!prev) hits.set(h.label, { term: quoteAround(raw, at, m[0].length), now, onlyFirst: clause.sentence === 0, clause: i });
        else {
          prev.now ||= now;
          if (clause.sentence > 0) prev.onlyFirst = false;
        }
      }
    });
  };
  clauses.forEach((clause, i) => {
    if (masks[i]) scan(i, masks[i]!, ctexts[i]!, clause.text, 0);
    // 同一句里，主语在上一小句、险情说法在本小句：两句接起来再找一遍跨接缝的命中
    const p = i - 1;
    if (p >= 0 && clauses[p]!.sentence === clause.sentence && masks[p]! | masks[i]!)
      scan(i, masks[p]! | masks[i]!, `${ctexts[p]}，${ctexts[i]}`, `${clauses[p]!.text}，${clause.text}`, ctexts[p]!.length + 1);
  });
  for (const [label, h] of hits)
    if (h.onlyFirst && dismissedLater.has(label)) {
      hits.delete(label);
      dismissed.push(`标题里的「${h.term}」在正文里说的不是眼前的险情`);
      kinds.title++;
    }
  return { hits, dismissed, kinds, clauses, ctexts, spans };
}

/*
 * 线索（给学来的权重用）：规则只认成句的险情说法，没见过的说法会漏。线索按"东西的类别"和"出了什么状况的类别"
 * 来找，不抄某一条留言的原话：一类东西（燃气、电、房屋结构、山坡挡墙……）和一类状况（开裂、倒塌、泄漏……）
 * 出现在同一小句里（或主语在上一小句、状况在下一小句），再按 clauses.ts 的 moodOf 看这一处是眼前的事、否定、假设、过去
 * 还是已处理；另有规则排除了几处、为什么排除，说没说到危险、催没催、是不是政策手续和费用。
 */
const THINGS: Array<{ name: string; re: RegExp }> = [
  { name: '燃气', re: /煤气|燃气|天然气|液化气|沼气|瓦斯|气罐|气瓶|气管|气表|气阀/g },
  { name: '电', re: /电线|电缆|电杆|线杆|电线杆|高压线|变压器|配电|电箱|电表箱|插座|线路|电闸|灯杆|电瓶|电动车|充电/g },
  { name: '火和烟', re: /火|(?<![油香吸抽纸])烟(?![囱草花酒头])|焰/g },
  { name: '房屋结构', re: /水塔|塔身|烟道|楼板|顶板|房梁|屋梁|大梁|横梁|柱|承重|剪力墙|墙|房子|房屋|楼房|楼栋|屋顶|房顶|天花板|阳台|地基|房基|椽|瓦|楼梯|栏杆|护栏|瓷砖|雨棚|屋子|老房|土房|危房|楼体|主体|钢筋|水泥块/g },
  { name: '山坡挡墙', re: /山体|山坡|边坡|挡墙|挡土墙|堡坎|护坡|后山|山崖|悬崖|土坡|高坎|土坎|坎子|石头|碎石|落石|石块|泥土|泥巴|山上/g },
  { name: '江河堤坝', re: /水漫|水进|水已经|大水|洪水|河水|江水|水库|河堤|大堤|堤|坝|水位|暴雨|山洪|积水|内涝|水塘|河道|大水/g },
  { name: '路面井盖', re: /路面|地面|马路|人行道|井盖|窨井|盖板|坑|窟窿|大洞|桥|涵洞|路基/g },
  { name: '电梯', re: /电梯|轿厢|扶梯/g },
  { name: '高处悬挂物', re: /广告牌|招牌|大树|树枝|树干|塔吊|脚手架|空调外机|外机|围挡|玻璃|花盆|高空|支架/g },
  { name: '老人孩子', re: /老人|老太|老头|老爷子|老两口|孩子|小孩|娃|学生|病人|孕妇|独居|残疾|婴儿|儿童|我妈|我爸|老伴|奶奶|爷爷/g },
];
const STATES: Array<{ name: string; re: RegExp }> = [
  { name: '开裂', re: /裂|缝(?!纫|补)/g },
  { name: '倒塌', re: /塌|垮|坍|倒了|倒下|快倒|要倒|倒在|倒向/g },
  { name: '下沉悬空', re: /下沉|沉降|陷|凹|悬空|空了|是空的|掏空|冲空|往下沉/g },
  { name: '歪斜变形', re: /歪|斜|倾|(?<![偏])偏(?![僻远差向要好重高低贵少多心见])|鼓起|鼓包|外鼓|鼓出|变形|弯了/g },
  { name: '掉落', re: /掉下|掉了|往下掉|掉到|掉层|溜层|下滑|脱落|坠|砸|落下|滚落|掉渣|掉块|滚(?!动|蛋)|冲下|冲到|冲顶/g },
  { name: '泄漏外冒', re: /泄漏|泄露|漏气|漏电|漏了|在漏|冒.{0,2}烟|冒气|喷|渗|涌|外泄|往外冒|冒出|冒水|关不(死|住|紧)|嘶嘶|嗞嗞|呲呲|滋滋|往外飞|往下飞/g },
  { name: '裸露', re: /裸露|外露|露在外|露出|露着|摸得到|够得着/g },
  { name: '不见了', re: /偷了|被偷|被盗|丢了|丢失|不见了|没了盖|缺失/g },
  { name: '燃烧', re: /着火|起火|失火|着了|烧(?!烤|饭|水|菜|香|纸|钱|伤|开|酒)|燃起|爆炸|爆了|火花|火星|焦|明火/g },
  { name: '断裂松动', re: /(?<![不判垄中间诊])断(?!续|定)|破了|破裂|烂了|烂透|松动|松了|晃|摇|翘|一(靠|碰|推|踩)就(动|晃|响)|蛀空/g },
  { name: '进水', re: /淹|灌进|漫|泡|涨水|进水|水涨/g },
  { name: '被困受伤', re: /困(?![难扰惑境])|关在|夹|卡住|出不来|不应|没人应|打不通|没见.{0,2}出门|没出门|不见人|联系不上|摔.{0,4}(起不来|爬不起来|不省人事)|晕倒|昏迷|昏过去|受伤|砸伤|中毒|走不动/g },
  { name: '气味', re: /味|臭|呛|熏/g },
];
const THING_ANY = new RegExp(THINGS.map((t) => t.re.source).join('|'));
const STATE_ANY = new RegExp(STATES.map((t) => t.re.source).join('|'));
/** 细小的裂纹、装饰面层：交房时常见，不是结构险情 */
const MINOR = /地砖|渣子|小石子|一点点|细微|细小|细细|细缝|细纹|细裂|小缝|发丝|微小|轻微|小裂纹|腻子|抹灰|保温|墙皮|面层|瓷砖|涂料|墙漆|不要紧|不影响/;
/** 东西和状况相隔不超过这么多字才算说的是同一件事 */
const NEAR = 10;
const TALKS_DANGER = /危险|险情|危及|威胁|生命安全|人身安全|安全隐患|伤人|出人命|死人|伤亡|吓人|吓死|不敢(住|走|过|进|回|睡|用)|提心吊胆|要命/;
const URGES = /紧急|危急|赶紧|马上|立即|立刻|尽快|救命|快来|刻不容缓|十万火急|急需|速来/;
const NOW_WORDS = /现在|目前|正在|还在|一直|这几天|这两天|今天|昨天|昨晚|今早|刚才|刚刚|最近|越来越|天天/;
const PAST_WORDS = /以前|去年|前年|曾经|当年|多年前|几年前|那年|历史上|(19|20)\d\d年|上世纪/;
const WORRY_WORDS = /万一|如果|一旦|要是|假如|哪天|担心|害怕|怕|恐怕|可能|容易|防止|预防|以防|隐患|以后/;
const POLICY_WORDS = /补贴|补助|改造|政策|申请|审批|办理|手续|拆迁|征收|鉴定|规划|项目|工程|资金|指标|标准|文件|规定/;
const FEE_WORDS = /费|价格|收费|多少钱|退款|赔偿|赔/;
const PROPOSE_WORDS = /建议|倡议|呼吁|提议|希望能/;
/** 老毛病：长年如此、反映了多次——多是要人管的问题，不是刚出的险情（"电梯经常困人"也这么说，权重由数据定） */
const CHRONIC_WORDS = /长期|常年|多年|一直以来|隔三差五|三天两头|每到|每逢|年年|多次(反映|反应|投诉|向)|反映(了)?多次|至今(没|未|仍)/;
/** 污染和扰民：烟、味、水在这类信里多半是排放、油烟、噪音、垃圾 */
const NUISANCE_WORDS = /污染|排放|油烟|噪音|噪声|扰民|臭气|垃圾|粉尘|扬尘|焚烧|乌烟瘴气|环保/;
/** 买房交房的质量纠纷：开裂渗水多在维权的长信里，交给住建和开发商 */
const PROPERTY_DISPUTE_WORDS = /交房|收房|开发商|偷工减料|质量问题|维修基金|质保期|业主维权|虚假宣传/;

const cap = (n: number, max = 3) => Math.min(n, max) / max;

/**
 * 紧急程度的线索（名字就是权重表里的键，见 ./urgency-weights.ts）。
 * scan 是规则扫过的结果（assessUrgency 里已经有了就传进来，省得再扫一遍）。
 * "成句的险情说法"（规则命中、说的是眼前的事）不在这里：它直接判紧急，学来的权重只管规则没认出的那些留言。
 */
export function urgencyCues(text: string, scan: RuleScan = scanRules(normalizeWidth(text))): Cue[] {
  const { clauses, ctexts, kinds } = scan;
  const cues: Cue[] = [];
  const add = (name: string, value: number, quote?: string) => {
    if (value) cues.push({ name, value, quote });
  };
  const thingSeen = new Set<string>();
  const stateSeen = new Set<string>();
  const pairByMood: Record<string, number> = {};
  const pairThing = new Map<string, string>();
  let titlePair = false;
  const multiSentence = clauses.length > 0 && clauses[clauses.length - 1]!.sentence > 0;
  const sentenceText = (k: number) => ctexts.filter((_, j) => clauses[j]!.sentence === k).join(' ');
  /** 一个小句（或上一小句接本小句）里的东西和状况 */
  const pairsIn = (i: number, text: string, offset: number) => {
    const things: Array<{ name: string; at: number; end: number }> = [];
    for (const t of THINGS) {
      t.re.lastIndex = 0;
      for (const m of text.matchAll(t.re)) things.push({ name: t.name, at: m.index!, end: m.index! + m[0].length });
    }
    if (!things.length) return;
    for (const t of things) if (t.at >= offset) thingSeen.add(t.name);
    for (const s of STATES) {
      s.re.lastIndex = 0;
      for (const m of text.matchAll(s.re)) {
        const at = m.index!;
        if (at < offset) continue;
        if (offset === 0) stateSeen.add(s.name);
        const near = things.find((t) => (t.end <= at && at - t.end <= NEAR) || (t.at >= at + m[0].length && t.at - at - m[0].length <= 4) || (t.at < at + m[0].length && t.end > at));
        if (!near || (offset > 0 && near.at >= offset)) continue;
        // 东西到状况的一整段，和规则一样按这一段看语气（"没得煤气味"的否定在东西前面）
        const from = Math.min(near.at, at);
        const to = Math.max(near.end, at + m[0].length);
        let mood: string = moodOf(clauses, i, from, to - from, text).kind;
        // 规则在同一处已经认出并排除了（否定、过去、形近的说法……）：跟着规则
        const overlap = (list: RuleScan['spans'][number], a: number, b: number) => list.find((x) => x.from < b && x.to > a);
        const ruled = offset > 0 ? overlap(scan.spans[i]!, Math.max(0, from - offset), to - offset) ?? overlap(scan.spans[i - 1]!, from, Math.min(to, offset - 1)) : overlap(scan.spans[i]!, from, to);
        if (ruled && mood === 'present') mood = ruled.kind === 'sense' || ruled.kind === 'unless' || ruled.kind === 'title' ? 'ruledOut' : ruled.kind;
        if (mood === 'present' && clauses[i]!.sentence === 0 && multiSentence) {
          // 标题只是概括，正文里怎么说才算数；标题单独记一条线索
          titlePair = true;
          continue;
        }
        // 细小的裂纹、装饰面层、"不要紧"：单记一类，不当作眼前的险情
        if (mood === 'present' && MINOR.test(sentenceText(clauses[i]!.sentence))) mood = 'minor';
        pairByMood[mood] = (pairByMood[mood] ?? 0) + 1;
        if (mood === 'present' && !pairThing.has(near.name)) pairThing.set(near.name, quoteAround(text, from, to - from));
      }
    }
  };
  ctexts.forEach((ct, i) => {
    pairsIn(i, ct, 0);
    if (i > 0 && clauses[i - 1]!.sentence === clauses[i]!.sentence) pairsIn(i, `${ctexts[i - 1]}，${ct}`, ctexts[i - 1]!.length + 1);
  });
  // 同一句里既说到东西又说到状况（隔得远、不成对的也算）：说法没见过时的退路
  let sentencePairs = 0;
  const lastSentence = clauses.length ? clauses[clauses.length - 1]!.sentence : -1;
  for (let k = 0; k <= lastSentence; k++) {
    const st = sentenceText(k);
    if (THING_ANY.test(st) && STATE_ANY.test(st)) sentencePairs++;
  }
  add('同一句里说到东西也说到状况', cap(sentencePairs));
  add('标题说到危险或隐患', multiSentence && /危险|险情|隐患|安全问题|安全/.test(sentenceText(0)) ? 1 : 0);
  for (const t of THINGS) add(`说到${t.name}`, thingSeen.has(t.name) ? 1 : 0);
  for (const s of STATES) add(`说到${s.name}`, stateSeen.has(s.name) ? 1 : 0);
  for (const t of THINGS) add(`${t.name}出了状况`, pairThing.has(t.name) ? 1 : 0, pairThing.get(t.name));
  add('眼下有东西出了状况', cap(pairByMood.present ?? 0));
  add('东西出了状况，但是否定说法', cap(pairByMood.negated ?? 0));
  add('东西出了状况，但是假设或担心', cap(pairByMood.hypothetical ?? 0));
  add('东西出了状况，但是过去的事', cap(pairByMood.past ?? 0));
  add('东西出了状况，但已经处理', cap(pairByMood.resolved ?? 0));
  add('东西出了状况，但规则认定是形近的说法', cap(pairByMood.ruledOut ?? 0));
  add('东西出了状况，但说的是细小裂纹或装饰面层', cap(pairByMood.minor ?? 0));
  add('标题里就说了东西出了状况', titlePair ? 1 : 0);
  add('险情说法被判为否定', cap(kinds.negated));
  add('险情说法被判为假设或担心', cap(kinds.hypothetical));
  add('险情说法被判为过去的事', cap(kinds.past));
  add('险情说法被判为已处理', cap(kinds.resolved));
  add('形近而不是险情的说法', cap(kinds.sense + kinds.unless));
  add('标题的险情说法正文里不是眼前的事', cap(kinds.title, 1));
  const whole = ctexts.join(' ');
  const found = (re: RegExp) => re.exec(whole)?.[0];
  for (const [name, re] of [
    ['说到危险', TALKS_DANGER],
    ['催着处理', URGES],
    ['说的是眼下', NOW_WORDS],
    ['说的是过去', PAST_WORDS],
    ['说的是担心', WORRY_WORDS],
    ['政策和手续', POLICY_WORDS],
    ['费用和赔偿', FEE_WORDS],
    ['提建议', PROPOSE_WORDS],
    ['说的是老毛病', CHRONIC_WORDS],
    ['说到污染和扰民', NUISANCE_WORDS],
    ['说到买房交房的纠纷', PROPERTY_DISPUTE_WORDS],
  ] as const) {
    const q = found(re);
    add(name, q ? 1 : 0, q);
  }
  add('篇幅', Math.min(1, whole.length / 600));
  return cues;
}

function ruleDecision(scan: RuleScan): UrgencyDecision {
  const { hits, dismissed } = scan;
  if (hits.size > 0) {
    // 同一小句命中几类时只引用一次原话，几类并列写出
    const byClause = new Map<number, { term: string; labels: string[]; now: boolean }>();
    for (const [label, h] of hits) {
      const c = byClause.get(h.clause);
      if (c) {
        c.labels.push(label);
        c.now ||= h.now;
      } else byClause.set(h.clause, { term: h.term, labels: [label], now: h.now });
    }
    const lines = [...byClause.values()].slice(0, 3).map((c) => `命中险情「${c.term}」（${c.labels.join('、')}）${c.now ? '，且描述为正在发生' : ''}`);
    return { urgency: 'urgent', reasons: [...lines, '涉及人身安全，应立即通知召集人处置'] };
  }
  if (dismissed.length > 0) return { urgency: 'normal', reasons: ['未发现正在发生的险情', ...[...new Set(dismissed)].slice(0, 3)] };
  return { urgency: 'normal', reasons: [NOTHING] };
}

/** 权重表里的整词（拟合时选了整词特征才有），第一次用到时才建 */
let urgencyLexicon: Lexicon | null = null;
function urgencyWords(text: string): string[] {
  urgencyLexicon ??= lexicon(Object.keys(URGENCY_WEIGHTS.words));
  return wordsIn(text, urgencyLexicon);
}

/** 规则是否认出了成句的险情，和线索（训练脚本 scripts/train-urgency.ts 与线上用同一个函数） */
export function urgencyEvidence(text: string): { ruleUrgent: boolean; cues: Cue[] } {
  const scan = scanRules(normalizeWidth(text));
  return { ruleUrgent: scan.hits.size > 0, cues: urgencyCues(text, scan) };
}

export function assessUrgency(text: string): UrgencyDecision {
  const whole = normalizeWidth(text);
  const scan = scanRules(whole);
  if (scan.clauses.length === 0) return { urgency: 'normal', reasons: [NOTHING] };
  if (scan.hits.size > 0) return ruleDecision(scan);
  // 规则没认出成句的险情：线索的加权和过了门槛也判紧急（宁可多报，由召集人核实）
  const score = scoreLinear(URGENCY_WEIGHTS, urgencyCues(whole, scan), urgencyWords(whole));
  if (score.z > URGENCY_THRESHOLD) {
    const why = describe(score.contributions.filter((c) => c.weight > 0));
    return {
      urgency: 'urgent',
      reasons: [`没有成句的险情说法，但几条线索合起来像眼前的险情：${why}`, '可能涉及人身安全，请召集人立即核实'],
    };
  }
  return ruleDecision(scan);
}
