import { canonical, sentences, tokens } from './text.js';

/**
 * What kind of answer a question asks for, and whether a text holds one: 分几步 wants the steps,
 * 由哪些人组成 the members, 负责什么 a role's duties, 多少钱 an amount, 赚多少 an earned amount,
 * 多久 a duration, 哪个部门/由谁 a body (教务处, 培训评价组织), 比例 a ratio, 几个 a count,
 * 什么时候 a time, 链接/网址 a web address, 在哪 a place, 能不能 a rule.
 * Used to pick the sentence that answers (extract.ts) and as evidence for a passage (assistant.ts).
 */
export type AnswerType = 'steps' | 'members' | 'duty' | 'act' | 'use' | 'payer' | 'body' | 'earnings' | 'money' | 'frequency' | 'duration' | 'ratio' | 'count' | 'since' | 'time' | 'url' | 'place' | 'rule';

const ADDRESS = /https?:\/\/|www\./i;
/** Words that ask for a link rather than name what it is a link to. */
const LINK_WORDS = /链接|网址|网站|官网|网页|link|url|website|通知|详细|具体|哪个|在哪|什么|多少|有没有|发一下|给一下/i;

/** A number the asker has, then whether it is enough: 30台电脑，够吗 → 台. */
const PLAN_NUMBER = /(\d+|[一二三四五六七八九十两]+)\s*(台|个|名|人|位)[^。？?]{0,10}?(?:够|行不行|行吗|可以吗|达标|符合|对吧|对吗|对不对|没错吧|没错|是吗|是不是|能[^。？?，,]{0,8}?(?:不|吗))/;

/** A verb asked about by what it takes (签啥, 要贴什么, 装哪些): the sentence must hold the verb. */
const ACT_ASKED = /(签|贴|挂|装|填|带)(个|些|点)?(啥|什么|哪些)(?!\s*(?:操作系统|系统|版本|os\b))/i;

const ASKS: Array<[AnswerType, RegExp]> = [
  // How many steps or stages (流程分几步, 分哪几个阶段): the steps themselves, listed or numbered.
  ['steps', /(几|哪几|哪些)(个)?(步|环节|阶段|步骤)/],
  // Who a team is made of (考务团队要配哪几种人, 由哪些人组成): the list of its members.
  ['members', /(哪些|哪几种|哪几类|哪几个|什么)(人|角色|岗位|成员)(组成|构成)?|由(哪些|什么|谁)(人|部门)?组成|(怎么|如何|怎样)(组成|构成|配备|组建)|除了[^，,。？?]{1,8}还(要|有|需要)(谁|哪些人)|(组成|构成|成员)(是|有)(哪些|什么|谁)|包括哪些人|包含哪些人/],
  // What a role does (技术支持人员负责什么, 二级学院主要干啥): its duties, not how many there are.
  ['duty', /(人员|老师|负责人|小组|团队|学院|教务处|办公室|中心)(具体|主要|都|要|平时|还要|还|需要|应该|应当)?(负责|干|做|管)(些)?(什么|啥|哪些|嘛)|(人员|老师|负责人|小组|团队|学院|教务处)的?(职责|分工)/],
  // What is to be done (考前要签啥, 门口要贴什么): a sentence where that is done (签订…责任书, 张贴…).
  ['act', ACT_ASKED],
  // What a thing is for (主控机是干嘛用的): the sentence that says what it is used for.
  ['use', /(干嘛|干什么|做什么|干啥)用的?|用来(干|做)(嘛|什么|啥)/],
  ['payer', /谁(出|付|交|承担|买单)|支付|自己(交|出(?!口)|付|支付|承担)|自费|要(交|付)钱|交给|学校(出(?!口)|付|承担|报销)|报销/],
  // (Which of two bodies does it, 是省教育厅批还是博导批的, 博导定还是教育厅定.)
  ['body', /(?:批|定|审|审核|审批|认定|发|颁发|管|评审)的?还是[^，,。？?]{0,10}(?:批|定|审|审核|审批|认定|发|颁发|管|评审)|设在哪|设在什么|挂靠|哪个部门|什么部门|哪个处|哪个科|哪个单位|哪个机构|哪个组织|哪家|由谁|谁(来)?(审核|审批|审|批准|批|负责|牵头|组织|签发|核发|发证|发|颁发|认证|评估|检查|监督|管理|解释|制定|规定|定的|定|出题)/],
  // What someone earns (考点一年能赚多少钱): only a stated amount answers it, not 免费.
  ['earnings', /赚|挣|收入|利润|盈利|创收/],
  // (按什么标准 asks for the rule a fee follows, 课时费按啥标准算: not an amount.)
  ['money', /多少钱|费用(是)?多少|收费(标准|多少)|几块|价格|价钱|多少.{0,3}费|[^免]费.{0,6}多少|[^免]费[^按]{0,3}标准|多少费用|\bhow much\b/i],
  // How often (多久通报一次, 多长时间报一次): 每月, 每学期, 双周 answer it, not a length of time.
  ['frequency', /(?:多久|多长时间)[^，,。？?]{0,6}一[次回趟]|频率|隔多久|周期/],
  ['duration', /多长时间|多久|多长|时长|几个小时|几小时|几分钟|多少分钟|多少小时|(?<![好那这])几天|\bhow long\b/i],
  ['ratio', /比例|配比|比率|几比几|占比|百分之|通过率|获证率/],
  // (好几年前, 几乎 tell, they do not ask.)
  ['count', /(?<![哪好十这那])几(?!乎|号|月)|多少|多大|至少|最少|不少于|上限|不超过|人数|数量|几名|几人|\bhow many\b/i],
  // A number of one's own to check (我们有30台电脑够吗): the rule's number answers it.
  ['count', PLAN_NUMBER],
  // When something began (博导股份是什么时候成立的, 哪年入选的): a year answers it.
  ['since', /(?:什么时候|啥时候|何时|哪年|哪一年|几几年|几时)[^，,。？?]{0,8}(?:成立|创立|创办|入选|成为|建立|被遴选|遴选)|(?:成立|创立|创办|入选|建立|遴选)[^，,。？?]{0,4}(?:于|在)?(?:什么时候|啥时候|何时|哪年|哪一年|几几年)/],
  ['time', /什么时候|啥时候|何时|哪天|几月|哪个月|月份|截止|多会儿|时间节点|几号/],
  // A link or website asked for by name: only an address answers it, not the name of a platform.
  // (Not a site gone to, 自己去官网报还是学校统一报: the way asked about, not its address.)
  ['url', /(?<![去到上])(?:网址|网站|官网|网页)|链接|\b(link|url|website)\b/i],
  // (Not 放在哪个年级, nor 用在哪些岗位 or 花在哪些方面: what a thing serves.)
  ['place', /(?<![用花])在哪(?!个?年级)|(?<![用花]在)哪里|(?<![去到上])平台|怎么查|如何查|查询|(?<!外网)入口|(?:什么|哪个|哪种)(?:房间|屋子|位置|地方)|\bwhere\b/i],
  ['rule', /能不能|可不可以|是不是|可以吗|能吗|行吗|行不行|必须|一定要|要不要|需不需要|需要.{0,8}吗|允许|是否|算不算|有没有|用不用|得不得/],
];

const HOLDS: Record<AnswerType, RegExp> = {
  // (An enumeration of steps, not of what a form asks for: 选择申报批次、试点的证书、试点的专业.)
  steps: /(?:流程|步骤|环节|阶段|分为|包括|依次)[^。；;]{0,30}?[^、]{1,12}、[^、]{1,12}、|(?:^|\s|[：:；;])[（(]?[1-9一二三四五][.、．)）]|第[一二三四五]步|阶段[（(：:]/,
  // (A list of people: 考点负责人、监考管理人员、…, not the tasks 监考、巡考、技术支持 an office is for.)
  members: /(人员|负责人|老师|教师|专家|领导|校长|院长|处长|主任|组长)[^、，。；]{0,4}、|包含|包括|组成|成员/,
  duty: /负责|职责|统筹|维护|确保|做好|组织|承担/,
  // (checked by askedUnit's measure: the asked verb itself)
  act: /(?!)/,
  use: /用于|用来|用作|供[^。；]{0,40}使用|办理|可实现/,
  payer: /统一支付|自行承担|学生直接|由学校|由学生|财政|专项经费|列入.{0,6}预算|支付|免费/,
  body: /[^\s，。、]{1,8}(处|部门|办公室|学院|中心|小组|单位|组织|委员会|公司|厅|部)|校长|校领导|院长|负责人/,
  earnings: /\d+(\.\d+)?\s*(元|万元|块)/,
  money: /\d+(\.\d+)?\s*(元|万元|块)|免费|不收费/,
  // (年 only after a small number: 两年一次, 3年, not 2019年.)
  frequency: /每(个)?(月|学期|学年|年|周|季度|天|日|次)|双周|半(个)?月|(\d+|[一两二三四五六])\s*(个)?(月|年|周|学期)(进行)?一次/,
  duration: /\d+\s*(个)?(小时|分钟|天|日|周|个月|学时|课时|工作日)|(?<!\d)\d{1,2}\s*(个)?年|[一二三四五六七八九十两]+(个)?(小时|分钟|天|日|周|个月|年|工作日)/,
  ratio: /\d+\s*[:：]\s*\d+|\d+(\.\d+)?\s*%|百分之[一二三四五六七八九十\d]|[一二三四五六七八九十]成/,
  count: /\d|[一二三四五六七八九十百两]+(个|名|人|台|门|课时|学时|小时|年|次|间|套|项|级)/,
  // (Or a stage's start: 起始时间：第二年度试点开始—考核结束后.)
  since: /(?:19|20)\d{2}\s*年/,
  time: /\d+\s*(月|日|号)|年初|年底|年末|学期|学年|每年|考前|考后|之前|之后|以前|期间|前完成|月份|持续开放|随时|常年|全年|年度|(开始|结束|批复|申报)(前|后)|起始时间/,
  url: /https?:\/\/|www\.|[a-z0-9-]\.(cn|com|net|org)\b/i,
  // (Or a spot on the site: 非考试物品暂放处, 设在教务处; or on a page: 在试点申报页面可导出.)
  place: /https?:\/\/|(?<![所存现实正])在[^，,。；;]{0,6}(?:站点|考点|考场|机房)|www\.|\.cn|\.com|平台|暂放处|存放处|放在|设在|位于|门外|门口|入口|页面|首页|列表|栏目|菜单/,
  rule: /必须|不得|不能|不可|可以|可|应当|应|须|需|不推荐|推荐|禁止|允许|不超过|至少|不少于|原则上|鼓励|自愿/,
};

/** The measure word a count question asks in (几台 → 台); 个, 名, 人 and 位 count people alike. */
const UNIT = /(?:(?<!哪)几|多少)(个小时|小时|课时|学时|分钟|台|个?g|个|名|人|位|门|次|间|套|项|级|年|天|周|月|张|本|所|家|类|种|道|题|分|m|兆|老师|教师|学生|考生|学校|院校)/;
const SAME_UNIT: Record<string, string> = { g: 'g|G', 个g: 'g|G', 道: '道|题', 题: '道|题', 个: '个|名|人|位', 名: '个|名|人|位', 人: '个|名|人|位', 位: '个|名|人|位', 个小时: '个小时|小时', m: 'm|M|兆', 兆: 'm|M|兆', 老师: '个|名|人|位', 教师: '个|名|人|位', 学生: '个|名|人|位', 考生: '个|名|人|位', 学校: '所|家|个', 院校: '所|家|个' };

/** 几个/多少个 followed by people (几个老师, 多少个考生) counts people; otherwise things, in any measure. */
const COUNTS_PEOPLE = /(?:几|多少)个(?:人|老师|教师|学生|考生|同学|专家|监考|考务|技术|负责人|成员|名额)|(?:人|老师|教师|学生|考生|人员|专家|监考|考务)[^，,。？?]{0,8}(?:几|多少)个/;
const ANY_MEASURE = '个|名|人|位|套|台|项|门|次|所|家|种|类|本|张|间|批|级';

/** The role whose duties a question asks (技术支持人员具体负责什么 → 技术支持人员). */
const DUTY_OF = /([\u4e00-\u9fff]{1,8}?(?:人员|老师|负责人|小组|团队|学院|教务处|办公室|中心))(?:具体|主要|都|要|平时|还要|还|需要|应该|应当)?(?:负责|干|做|管)(?:些)?(?:什么|啥|哪些|嘛)/;

/** A role of the exam team counted (考点负责人配几个, 技术支持要几个人). */
const ROLE_COUNTED = /负责人|技术支持|后勤/;
/** The unit named before the question word (培训课时最多多少, 课时上限是多少). */
const FOUNDED = /成立|创立|创办|建立/;
const FOUNDED_IN = /(?:成立|创立|创办|建立)于\s*\d{4}|\d{4}\s*年?[^。，,；;]{0,6}(?:成立|创立|创办|建立)/;
const UNIT_FIRST = /(课时|学时|小时|分钟)数?(?:最多|最少|上限|下限|至少|不超过|不少于)?(?:是|有|为|要)?(?:多少|几)/;

/** What an answer must hold besides its type: a count in the asked unit, the asked role's duties, a link to the asked thing. */
export interface Measure {
  test(text: string): boolean;
  /** A head count of a role (考点负责人配几个人): a ratio of invigilators to examinees does not answer it. */
  noRatio?: boolean;
}

export function askedUnit(question: string): Measure | undefined {
  // For a link, the words it is a link to: a sentence with an address holding two of them (one
  // when the question names only one or two) (考点申报要求的链接 → 考点申报要求详见http://…, not 申报平台网址https://…).
  if (askedType(question) === 'url') {
    const words = tokens(canonical(question)).filter((w) => w.length >= 2 && !LINK_WORDS.test(w));
    if (!words.length) return undefined;
    const need = words.length <= 2 ? 1 : 2;
    // (tokens are lower case: 1+X in a passage is the question's 1+x)
    return { test: (text) => sentences(canonical(text).toLowerCase()).some((s) => ADDRESS.test(s) && words.filter((w) => s.includes(w)).length >= need) };
  }
  // When something was founded (博导股份是什么时候创立的): the year it was founded, not another year of its record (2019年入选).
  if (askedType(question) === 'since' && FOUNDED.test(question)) return FOUNDED_IN;
  const act = askedType(question) === 'act' ? ACT_ASKED.exec(question)?.[1] : undefined;
  if (act) return new RegExp(act);
  const planned = PLAN_NUMBER.exec(question)?.[2];
  if (planned && !UNIT.test(question)) return new RegExp(`(\\d+|[一二三四五六七八九十两]+)\\s*(${SAME_UNIT[planned] ?? planned})`);
  // For a role's duties, the role itself: 技术支持人员负责考试系统的运维, not 由考点负责人负责.
  const role = DUTY_OF.exec(question)?.[1];
  if (role) return new RegExp(`(?<!由)${role}[^。；;，,]{0,6}(负责(?!人)|职责|统筹)`);
  // (课时最多几个: the unit named first, not the vague 个.)
  const named = UNIT.exec(question)?.[1];
  const unit = (named === '个' ? UNIT_FIRST.exec(question)?.[1] : undefined) ?? named ?? UNIT_FIRST.exec(question)?.[1];
  if (!unit) return undefined;
  // (多少个著作权证书 counts things, in whatever measure the documents use: 160余套.)
  const things = unit === '个' && !COUNTS_PEOPLE.test(question);
  const measure: Measure = new RegExp(`(\\d+\\+?|[一二三四五六七八九十两]+)(余|多)?\\s*(${things ? ANY_MEASURE : (SAME_UNIT[unit] ?? unit)})`);
  return ROLE_COUNTED.test(question) && !/监考|考生|学生/.test(question) ? Object.assign(measure, { noRatio: true }) : measure;
}

/** The first type the question asks for (a money question is not a mere count). */
export function askedType(question: string): AnswerType | undefined {
  // A rate asked for by name (获证率达到多少，课时费按最高标准发) is the question, whatever follows it.
  if (RATE_ASKED.test(question)) return 'ratio';
  const asked = question.replace(A_FEW, '');
  return ASKS.find(([, re]) => re.test(asked))?.[0];
}
/** A few people told of, not counted (空乘班有几个学生想试试这个证). */
const A_FEW = /(?:有|我们|咱们|俺们|他们)几个(?=(?:学生|老师|同学|人|娃|孩子|家长|朋友)(?:自己|想|要|打算|准备|都|也|说|问|在问))/g;
const RATE_ASKED = /(比例|配比|比率|占比|通过率|获证率|合格率)(要|须|需|需要|必须)?(达到|到|是|为|有|低于|高于|超过|不低于|不到|达不到)?(多少|几)/;

/** Whether a text holds an answer of that type; a list's own numbering is not a count. */
export function holdsType(type: AnswerType, text: string, unit?: Measure): boolean {
  if (type === 'url' && unit) return unit.test(text);
  if (type === 'duty') return unit ? unit.test(text) : HOLDS.duty.test(text);
  if (type === 'act') return unit !== undefined && unit.test(text);
  if (type === 'since' && unit) return unit.test(text);
  // A ratio (1:20) says how many per one: 一个监考最多监考多少个学生.
  if (type === 'count' && unit) return unit.test(text.replace(/^\s*\d+[.、．]\s*/gm, '')) || (!unit.noRatio && /\d+\s*[:：]\s*\d+/.test(text));
  return HOLDS[type].test(type === 'count' || type === 'ratio' ? text.replace(/^\s*\d+[.、．]\s*/gm, '').replace(/（[一二三四五六七八九十]+）/g, '') : text);
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
/** A small number in digits or Chinese (30, 四, 十二, 三十). */
export function numberOf(text: string): number {
  if (/^\d+(?:\.\d+)?$/.test(text)) return Number(text);
  const [tens, ones] = text.includes('十') ? text.split('十') : ['', text];
  return (text.includes('十') ? (tens ? (CHINESE_DIGITS[tens] ?? 0) : 1) * 10 : 0) + (ones ? (CHINESE_DIGITS[ones] ?? 0) : 0);
}

/**
 * Whether a text's counts could be the rule the asker's own number is checked against (我们有30台电脑，够吗):
 * a count in the asked measure within a factor of three of it (45 台, not the one 主控机 of 1 台). True when
 * the question checks no number of its own, or the text states no count in that measure.
 */
export function onScale(question: string, text: string): boolean {
  const plan = PLAN_NUMBER.exec(question);
  if (!plan) return true;
  const measure = SAME_UNIT[plan[2]!] ?? plan[2]!;
  // (Every number of the asker's in that measure counts: 10个人，企业来的只有2个; 一个 is mostly no count.)
  const mine = [...question.matchAll(new RegExp(`(\\d+|[一二三四五六七八九十两]+)\\s*(?:${measure})`, 'g'))].map((m) => numberOf(m[1]!)).filter((n) => n >= 2);
  if (!mine.length) return true;
  const counts = [...text.matchAll(new RegExp(`(\\d+)\\s*(?:${measure})`, 'g'))].map((m) => Number(m[1]));
  return !counts.length || counts.some((n) => mine.some((m) => n * 3 >= m && n <= m * 3));
}
