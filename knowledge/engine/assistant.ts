import type { Answer, AskInput, Source } from '../assistant/types.js';
import { EntityExtractor, yearOf, type Entities } from './entities.js';
import { IntentClassifier } from './intents.js';
import { AskedPassages, loadAsked, type AskedFile } from './asked.js';
import { Gaps } from './gaps.js';
import { bareQuestion, ListedWays } from './listed.js';
import { PassageIndex, type Hit, type Unit } from './retrieval.js';
import { STAFF_ANSWERS, type KnowledgeSnapshot, type Passage, type SnapshotContact, type SnapshotProvince } from './snapshot.js';
import { canonical, charPairs, citationOf, headingText, normalize, tokens, waysOfAsking } from './text.js';
import { extract } from './extract.js';
import { askedType, askedUnit, onScale, holdsType, type AnswerType } from './answer-types.js';
import { checksOwnNumber, withVerdict } from './verdict.js';
import { documentProbability, loadDocumentModel, type DocumentEvidence, type DocumentModel } from './evidence.js';
import {
  LEAD_DUTIES,
  MANAGER_DUTIES,
  citation,
  directorySources,
  examLabel,
  isUpcoming,
  leadsOf,
  managersOf,
  officialChannelsLine,
  person,
  regionOf,
  todayIn,
} from './replies.js';

/**
 * The answer engine. Every kind of answer that could fit — a contact, an exam date, a document
 * passage, a small-talk reply — is built as a candidate with a score in 0..1 from its evidence;
 * the best one wins when it clears DECIDE_AT, otherwise the engine declines helpfully.
 * Pure and synchronous over an in-memory snapshot; the service wraps it with the questions log.
 */

/** Asking for a person: 找谁, 联系谁, 电话… (a 部门 is a document's answer, not a person). */
/** Asking whom to turn to, in so many words (找谁, 找哪个 at the end of a clause: not 找哪个部门). */
const FIND_WHOM = /找谁|联系谁|问谁|对接谁|对接人|联系人|(?:找|问|联系)(?:哪个|哪一个)(?=$|[？?呀啊呢哈吗嘛，,。！!\s~～]|谈|聊|沟通|对接|咨询)/;
const WHO = /找谁|联系谁|问谁|\s对接$|找哪位|(?:找|问|联系)(?:哪个|哪一个)(?=$|[？?呀啊呢哈吗嘛不，,。！!\s~～]|谈|聊|沟通|对接|咨询)|谁跟进|谁跟(?=$|[？?呀啊呢哈吗，,。！!\s~～])|找哪个老师|问哪个老师|找哪个人|问哪个人|哪位老师|哪位|对接人|联系人|联系方式|(?<!打|来|举报)电话|(?<![带用玩交收关把])手机(?![能可放带要进吗书和、等包非])|对接谁|跟谁|和谁|同谁|是谁(?!家)|谁负责|谁管|项目办|负责人|负责老师|负责的老师|负责的人|对接的老师|对接的人|管这块的|管家|找人|联系哪|对接哪|还有谁|谁对接|谁来对接|谁联系|谁能帮|找谁对接|还有别人|还有其他人|别人负责|其他人负责|同一个人|同一人|同一位|一个人负责|都有.{0,8}(老师|负责)/;
/** Small words around a place or a topic in a follow-up (山东的呢, 那证书发放呢, 我们学校校企合作方面, 浙江那边我知道了，江西的呢). */
const FOLLOW_UP_FILLER = /不要给我|不是|不要|[上这那](?:次|回)|刚才|之前|[这那]边|(?:已经)?(?:知道|清楚|了解|问过|问到)了|(?:你|您)(?:发|给|回|说)|除了|号码|电话|吧|[的省市区学校院校我们在是那这个呢吗啊呀哈嘞问题方面块相关还有再一下要，,。?？!！\s]/g;
/** Words that ask for someone to contact, not for which body does something. */
const CONTACT_WORD = /找谁|联系谁|问谁|对接谁|(?:跟|和|同)谁(?:联系|对接|说|报)|找哪位|联系人|联系方式|(?<!打|来|举报)电话|手机|对接人|负责人|负责老师|管家|谁负责(我们|咱|这边|本省|我省|[\u4e00-\u9fff]{1,4}(省|的学校|地区|这块))|谁管(我们|咱)|归谁管|(学校|院校|那边|这边|这块|地区|省|市)[^，。？?]{0,3}谁(负责|管)/;
const LEAD_ROLE = /省区负责人|省负责人|省区域负责人|省里的?负责|省里的?老师|省区的?负责/;
const MANAGER_ROLE = /区域管家|管家|项目办/;
const REGION_LIST = /包括|包含|哪些省|覆盖|管哪些|有哪些省|哪几个省|几个省/;
const EXAM_WHEN = /什么时候|啥时候|几号|哪几个月|几月|(?<!续航|供电|持续|运行|工作|培训|申报|报送|审核)时间(?!表)|日期|考试安排|统考安排|考核安排|安排在|(?:考试|统考)(?:怎么|如何)安排|哪天|下次|下一场|下一次|最近一次|何时|哪一天|几次|哪几次|月份|考期|下个月|下月|这个月|本月|近期|最近有|年底前?|[上下]半年|今年还|明年还/;
const EXAM_DURATION = /多长时间|多久|时长|几个小时|几小时|几分钟|多少分钟/;
/** The exam itself, not its equipment (考试计算机, 考试服务器: the documents' words for the machines). */
const EXAM_WORD = /考试(?!计算机|服务器|主控机|机|软件|平台|系统|电脑|用机)|考(?:的)?月份|考哪(?:几|些)(?:次|场|个月)|(?:什么时候|啥时候|何时)(?:能|可以|再|还|会)?考(?![核评务点场生])|统考|考证|开考|exam|[一每]年考|考几次|考了几次|考过几次|几月份?考|考(?:在)?几月|都考了(?:吗|么|没)|考(?:在)?哪几个月|个月.{0,2}(能|可以)?考|\d{1,2}月(份)?(还|会|能)?(考|有考试)|还考吗|还会考|(有|还有)(没有)?考试(吗|么|没)/;
const RELATIVE_YEAR = /(今年|明年|去年).{0,6}(考|统考)|(考试|统考).{0,6}(今年|明年|去年)/;
const REPORT = /报送|进展|双周|周报|半月报|半个月报|(?:多久|定期|每月|每个月)(?:要)?(?:汇报|上报)|汇报(?:一次)?试点|试点(?:工作)?(?:的)?(?:情况|进展)(?:要)?(?:怎么|多久|定期)?(?:汇报|上报)|(试点|工作)动态|(10|25|十|二十五)(号|日)(之?前)?(要)?(交|报|提交)|(工作)?进度(报告|汇报|报表|表|情况)?(每个?月|一般|是|都)?(怎么|多久|要|交|报|截止|几号|什么时候|模板)|(报|汇报|上报|交|填)(工作)?进度/;
const REPORT_WHEN_HOW = /截止|几号|哪天|什么时候|啥时候|时间|日期|格式|模板|多久|几次|一次|频率|定期|(?:怎么|如何|咋)(?:提交|上报|汇报)|写什么|写啥|填什么|填啥|交什么|交啥|报给谁|交给谁|交到哪|发到哪|发给谁|怎么(报|交|填|发)|如何(报|交|填)/;
/** A message made only of these is small talk. */
const SMALL_TALK = /祝(?:您|你|老师|大家|各位|们)*(?:新年|节日|中秋|国庆|端午|春节|周末|元旦|工作|身体|阖家)?(?:安康|健康|快乐|顺利|愉快|平安|如意|万事如意|幸福|开心)|阖家(?:安康|幸福|欢乐|团圆)|身体健康|工作顺利|万事如意|各位来宾|来宾们|新学期(?:好|快乐)|开学(?:好|快乐)|(?:不好意思)?(?:刚才)?发错(?:群)?了|(?:我)?(?:先|再)?去?问问(?:我们)?(?:领导|老师|同事)?|我?(?:先|再)看看|稍等(?:一下|下)?|我?确认(?:一)?下|已经解决了|已经|了解|急|说实话|说真的|讲真|求解答|求解惑|求回复|求告知|求指点|求指教|求助|求教|求大神|坐等回复|等回复|盼复|小白求科普|求科普|科普一下|想了解一下|想了解下|了解一下|想知道一下|想问问|急急急|在线等|在么|在嘛|请问一下|请问下|我想问一下|我想问下|想问下|问下|谢了|谢咯|蟹蟹|3q|问题解决了|解决了|搞定了|搞定|懂了|清楚了|我是新来的|新来的|新接手的|教务处的?|教务|新人报到|新人|报到|初来乍到|多多指教|请多关照|多关照|初次见面|请多指教|耐心|太|我?没有?问题了|我?去?(?:看看|查查|试试)|请问现在有人吗|有人吗|我想咨询一下|想咨询一下|咨询一下|想问一下|问一下|大家好|新年快乐|春节快乐|元旦快乐|中秋快乐|国庆快乐|端午快乐|圣诞快乐|节日好|周末好|中午好|好久不见|久等了|不好意思|没关系|没事了|没事|得嘞|好嘞|noted|got it|okay|good night|good afternoon|good evening|大佬们|大佬|群主|管理员|亲们|亲|晚安|午安|拜拜|再见|回见|thanks|thank you|thx|感恩|good morning|morning|新年好|节日快乐|快乐|周末愉快|愉快|太好了|太棒了|真棒|好棒|太给力了|给力|666|厉害|好滴|好哒|嗯嗯|哦哦|知道啦|明白啦|了解啦|好呀|好嘛|好啊|没问题|不客气|客气了|麻烦您了|麻烦了|打扰了|打扰啦|打扰|合作|点赞|赞|棒|牛|行|可以|机器人|小助手|助手|解答|回复|回答|帮忙|指导|嗯|哦|各位|老师们|老师|大家|领导|同事们|早上好|早安|上午好|下午好|晚上好|您好|你好|好的|好嘞|在吗|在不在|有人在吗|有人在么|有人在不|有人在嘛|有人吗|在线吗|在线么|在线不|在线嘛|在不|^在$|请问有人吗|请问有人在吗|请问在吗|请问在不在|(?:我)?有(?:个|一个|几个|些|点)?(?:小)?问题(?:想|要)?(?:咨询|请教|问问?)(?:一下|下)?|(?:想|要)(?:咨询|请教|问)(?:个|一个|几个)(?:小)?问题|哈罗|嗨喽|嗨咯|hi|hello|hey|there|everyone|guys|bot|so much|very much|帮大忙了|帮了大忙|大忙|嗨|(?:以后|今后)?(?:还)?请(?:大家|各位)?多(?:多)?关照|哈喽|哈啰|哈囉|有人没有|有人冇|有冇人|一下|谢谢|多谢|感谢|谢啦|辛苦了|辛苦啦|辛苦|收到|ok|了解了|明白了|知道了|好|早|您|你|我|啦|呀|哈|啊|了|的|们/g;
const THANKS = /谢|辛苦|收到|解决了|搞定|了解了|明白了|知道了|noted|got it|okay|thanks|thank you|thx|感恩|好嘞|得嘞|麻烦了|麻烦您了/;
/** A clause of small talk only (老师好, 谢谢啦, 求解答). */
function isSmallTalk(clause: string): boolean {
  return !clause.replace(SMALL_TALK, '').replace(/[\s\p{P}\p{S}]+/gu, '');
}
/** Where a message parts into clauses: punctuation, and a space beside Chinese. */
const CLAUSE_END = /(?<=[，,。！!？?；;～~])|(?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff])/;
/** The message without its opening and closing clauses that `aside` says ask nothing of it, when something else is left. */
function withoutAsides(text: string, aside: (clause: string) => boolean): string {
  // (The spaces that part clauses are kept between those left: 1 考试形式 2 成绩在哪查.)
  const pieces = text.split(/((?<=[\u4e00-\u9fff])\s+|\s+(?=[\u4e00-\u9fff]))|(?<=[，,。！!？?；;～~]|[\u4e00-\u9fff][：:])/).filter((c) => c);
  const said = pieces.map((c) => !/^\s*$/.test(c));
  const left = pieces.map((c, i) => said[i] && aside(c));
  let from = 0;
  let to = pieces.length;
  while (from < to && (left[from] || !said[from])) from++;
  while (to > from && (left[to - 1] || !said[to - 1])) to--;
  if (from === to || !left.some(Boolean)) return text;
  // (Without the comma that led to a closing clause left out: 学校会发吗，谢谢啦 ends as 学校会发吗.)
  const kept = pieces.slice(from, to).join('').trim();
  return to < pieces.length ? kept.replace(/[，,；;：:、\s]+$/, '') : kept;
}
/** A polite opening of a question (麻烦问下, 想请教一下): the question is what follows it. */
const LEAD_IN = /^\s*(?:(?:老师)?(?:能不能|能否|可不可以|可以|麻烦)?(?:帮我|给我|给大家)?(?:通俗|简单)?(?:地|点)?(?:解释|介绍|讲讲|讲|说说|说|科普)(?:一)?下[，,：:\s]*(?=\S{4,})|(?:小白|萌新|新手|新人|新生)(?:一枚)?(?:提问|求问|请教|求助|不懂|不太懂|啥也不懂|什么都不懂)[，,：:！!\s]*|(?:老师)?(?:你|您)(?:觉得|看|说)[，,：:\s]*|(?:说实话|说真的|讲真)[，,：:\s]*|(?:麻烦|劳驾|打扰|冒昧)?(?:您|你|老师|大家|各位)?(?:一下)?(?:我)?(?:想)?(?:请问|问|请教|咨询|打听|了解)(?:一)?下?(?:(?:哈|哦|啊|呀)(?=[，,：:！!～~\s]))?[，,：:\s]*|(?:我|我们)?(?:这边)?(?:想|要)?(?:确认|问|咨询|请教|了解)(?:一)?(?:个|下)?(?:事情?|问题|情况)[：:，,\s]+|(?:就是|但是|可是|只是)?(?:我)?(?:不知道|想知道)(?:一下)?[，,：:\s]*)/;
function withoutLeadIn(clause: string): string {
  const rest = clause.replace(LEAD_IN, '');
  return rest.replace(/[\s\p{P}\p{S}]+/gu, '').length >= 2 ? rest : clause;
}
/** Asking about a department or office: a document's answer, not a person's. */
const DEPARTMENT = /哪个部门|什么部门|哪个处|哪个科|哪个单位|哪个机构|部门/;
/** Asking what the bot or the group is for (这个群是干嘛的, 你是干啥的), not what a certificate is for. */
const HELP_SELF = /(?:本|这个)?(?:咨询)?系统(?:可|能|可以)?提供(?:哪些|什么|啥)(?:方面的)?服务|(这个群|本群|群里|这个小程序|小程序|机器人|机械人|小助手|助手|这个bot|bot|你|您)(主要)?(是|能|可以|都|会|识|该){0,2}(帮我?们?|给我们?|替我们?)?((?:干|做)(?:点|些|啲)?(?:嘛|什么|啥|乜|咩)|(?:查|问|回答|解答)(?:点|些)?(?:什么|啥|哪些)|知道些?什么|知道啥|会些?啥|会些?什么|有啥用|有什么用)|(怎么|如何|咋)(问你|跟你提问|向你提问|和你说|用你)|(可以|能|该)问(你|您|它)?(点|些)?(哪些|什么|啥)|^(?:我)?(?:可以|能)问(?:你|您)[^，,。？?]{0,8}(?:吗|么|不)[?？]?$|(有什么|有啥)(可以|能)问(你|您)?|(怎么|如何|咋)(问问题|提问)|(怎么|如何|咋)(使用|用)(这个)?(助手|小助手|机器人|bot)|(助手|机器人|bot)(该|要)?(怎么|如何|咋)(使用|用)|(干嘛|干什么|做什么|干啥)的(机器人|助手|小助手|bot)|(你|您|小助手|助手|机器人)(能|可以)帮(我|我们)?(些)?(什么|啥)(忙)?|^(咋用|怎么用|如何使用)[?？]?$|示例问题|举个例子|what can you do|what can i ask|what should i ask|how (do i|to) use (you|this)|^\/?help$|^\/?(menu|start)$|^(使用说明|使用指南|帮助|菜单|功能|功能介绍|用法|使用方法)[?？]?$|^(请问)?你是谁|你叫什么名字|你是(真人|机器人|人工智能|ai)吗|你是(真人|人工)还是(机器人|ai|人工智能)|你是(机器人|ai|人工智能)还是(真人|人工|人)|(是|你是)(真人|人工)(客服)?吗|谁开发的你|你是(谁|哪家)开发的/;
/** A question about the certificate or the exam, not the assistant (这个证考完能干啥工作). */
const OF_THE_CERTIFICATE = /证|考|工作|岗位|级/;
/** How to bind a group to its school (the help text says: 绑定 省份 学校名称). */
/** Which province or school a group is bound to. */
const BOUND_WHICH = /(这个群|本群|我们群|咱们群|群里|这群)[^，。？?]{0,4}(绑定|绑)(的|了)?(是)?(哪个|什么|哪|啥)(省|学校|院校)?|(这个群|本群|我们群|咱们群)(绑定|绑)(了)?(吗|没有|没)/;
const BIND_HOW = /(怎么|如何|咋|怎样)\s*(绑定|绑群|绑学校)|绑定.{0,4}(怎么|咋|如何)(弄|操作|做|搞|设置)?/;
const HELP = /(?<!有|没|没有)帮助|怎么用|能做什么|能干什么|能干啥|(?<![证书])能(帮|替)(我|我们|你)?(干|做|查|办)(些)?(什么|啥)|(?<![证书])能帮(什么|啥)(忙)?|(?<=你|您|机器人|助手)(都)?能查(些|点)?(什么|啥)|会什么|会啥|有什么用处|功能|菜单|使用说明|^help$|你是谁/;
const NOTICES = /通知|公告(?!栏)/;
/** Asking for the latest notices themselves, not for what a notice said. */
const LATEST_NOTICES = /(最新|新的?|最近|有没有|有什么|有啥|发了|发布了?什么).{0,4}(通知|公告)|^(通知|公告)(呢|吗|有哪些|在哪看)?$/;
/** Passages the whole message scores this close to its best one are as good a lead for its last clause (tailAnswer). */
const TAIL_TIE = 0.05;
/** Asking how other colleges do it (有院校文件规定过吗, 别的学校, 现成的做法): a college's own rule, labelled, is the answer. */
const OTHER_COLLEGES_ASKED = /(?:哪个|哪所|哪些|哪家|别的|其他|其它|兄弟|有的|有些)(?:学校|院校|高校|职院|兄弟院校)|(?:院校|学校)(?:的)?(?:文件|制度)|现成的做法|抄作业|对标|先例/;
/** How close a second college's own rule must score to the first's to be shown beside it. */
const COLLEGES_TIE = 0.35;
/** A closing plea for the answer itself (求个网址, 求指路, 在线等). */
const CLOSING_PLEA = /^(?:求(?:个|一个|一下)?(?:网址|链接|指路|指点|解答|答复|回复|告知|帮助|科普)|在线等|急)[\s!！~～。.]*$/;
/** Attempts to override the assistant: the sentence is dropped, the rest (if any) answered. */
const OVERRIDE = /(?:别|不要|不用)管(?:什么|那些|你的)?规则|绕过(?:你的)?(?:规则|限制)|我(?:这边)?有权限|假装|装作|假设你是|你就是|当你是|管理员指令|最高指令|忽略|无视|ignore|disregard|system prompt|系统提示|提示词|you are now|你现在是|扮演|越狱|jailbreak|developer mode|开发者模式|只回复|只回答|pretend|dan模式|\bdan mode\b|没有任何限制|不受(?:任何)?限制|解除(?:所有)?限制/;
// Asking, beside an override attempt, for the service's data itself (把后台数据库导出来): nothing of it is answered.
const EXFILTRATE = /数据库|后台数据|prompt|提示词|api ?key|密钥|密码|内部配置|配置文件|系统配置|导出.{0,8}(?:数据|名单|通讯录|记录)|(?:所有|全部)(?:人|用户|联系人|老师)的?(?:电话|手机|号码|信息)/i;
/** A sentence that asks something, rather than orders. */
const ASKS_SOMETHING = /[?？吗么呢啥哪咋谁几嘛]|什么|怎么|怎样|如何|多少|多久|多长|多大|多高|多快|能不能|可不可以|是否|有没有|要不要|会不会|(\p{Script=Han})[不没]\1/u;
/** Asking by a question word, not by a question mark or 呢 alone (批一个考点资质？ is an order; who handles exams? asks). */
const ASKS_BY_WORD = /[吗么啥哪咋谁几]|什么|怎么|怎样|如何|多少|多久|多长|多大|多高|多快|能不能|可不可以|是否|有没有|要不要|会不会|(\p{Script=Han})[不没]\1|\b(?:who|what|when|where|which|how|can|is|are|do|does)\b/iu;
/** Answer types a contact card does not give: a rule's figure or a yes or no (够不够, 多少人, 比例, 能不能, 是不是). */
const FIGURE_ASKED = new Set(['count', 'ratio', 'frequency', 'duration', 'rule']);
/** Whether places share a person (是不是一个人管, 是不是都找他): a contact's question, though it asks yes or no. */
const PERSON_COMPARED = /一个人|同一人|同一位|都找|都归/;
/** Requests for the whole directory at once: declined. */
const BULK = /(电话|手机号?|号码|联系方式)[^，,。？?]{0,3}(全部|都|统统|一起|一次性|全)(列|发|给|导|贴|报)|(所有|全部|全体|整个|每个|每一个|全国)(的)?(区域管家|省区负责人|负责人|人|管家|联系人|老师)的?(电话|手机|联系方式|名单)|导出.{0,8}(电话|名单|通讯录|联系人|表格)|(电话|通讯录|名单)(全部|都)(发|给)|(所有|全部|全体|每个|每一个|每位)的?[^，,。？?]{0,6}(负责人|管家|联系人|老师)[^，,。？?]{0,6}(电话|手机|号码|联系方式)|(电话|手机号?|号码)[^，,。？?]{0,8}(整理成|做成|列成|汇总成)(表|清单|名单)|\b(full|whole|entire|every|all)\b[^.?!]{0,24}\b(contacts?|phones?|phone numbers?|personal info)\b/;
/** The whole directory, whatever place is named beside it. */
const WHOLE_LIST = /导出|全国|你们所有|所有省|全部省|各省(?:的)?(?:负责人|管家)(?:的)?(?:电话|手机|联系方式)(?:都|全部)/;
/** Asking the assistant to look up one person's result (帮忙查一下他的成绩, 帮我看一下我过了没有). */
const PERSONAL_RESULT = /(?:帮|替)(?:我|他|她|忙|我们)?(?:查|看)(?:一下|下)?[^，,。？?]{0,20}(?:成绩|分数|过了没|过没过|通过没|过了没有)|(?:成绩|分数)[^，,。？?]{0,10}(?:帮忙|帮我|帮他|帮她)(?:查|看)|(?:成绩|分数)出来没(?:有)?[，,\s]*(?:帮|麻烦)/;
/** Asking where something is looked up, which the documents answer. */
const WHERE_ASKED = /在哪|哪个网|网站|网址|哪里|怎么查|去哪|如何查/;
/** Emoji that thank (🙏, 👍) rather than greet. */
const THANKS_EMOJI = /🙏|👍|💪|❤|🌹|👏|🤝/u;
/** Hello to someone by name: 苏老师好, 王老师早上好. */
const NAMED_GREETING = /^[\u4e00-\u9fff]{1,3}老师(好|您好|你好|早|早上好|上午好|下午好|晚上好)[~～呀啊哈]*$/;
/** Introducing oneself as new to the work. */
const SELF_INTRODUCTION = /(?:我|本人)(?:是)?(?:新|刚)(?:调|加|进|拉)(?:到|入|进)?(?:这个|本)?群|(?:^|[，,。\s])新来的[^，,。？?]{0,12}(?:老师|主任|同事)|我是.{0,24}(新来的|新加入的|新接手|刚接手|新任|新调来|刚来的|以后负责|今后负责|接替|新加群|新进群|刚进群|刚加群)|我是[^，,。？?]{2,24}的[\u4e00-\u9fff]{1,3}(?:老师|主任)[。.!！~～]*$/;
/**
 * The year a message asks about when it names more than one (2022年的统考安排我看到了，那2023年的是哪几个月？):
 * the last clause that names a year and asks.
 */
function askedYear(text: string): number | undefined {
  const years = text.split(/(?<=[，,。？?！!；;])/).map((c) => ({ c, y: yearOf(c) })).filter((x) => x.y !== undefined);
  if (new Set(years.map((x) => x.y)).size < 2) return undefined;
  return years.filter((x) => ASKS_SOMETHING.test(x.c)).pop()?.y;
}
/** Asking only which document says something, naming nothing (哪个文件说的, 出自哪个文件, 有没有哪个文件写了这个). */
const SOURCE_ONLY = /^(?:请问|那|那么)?(?:有没有|有)?(?:哪个|哪份|哪一个|什么|啥)?(?:文件|规定|依据|出处|文件依据)(?:里|上|中)?(?:写了?|说了?|规定了?|提到了?|讲了?)?(?:的)?(?:这个|这事|这些|这条)?(?:吗|么|呢|啊)?$|^(?:出自|来自|依据的?是?)(?:哪个|哪份|什么|啥)(?:文件|规定)(?:啊|呢)?$/;
/** Whether anyone is there (请问现在有人在吗, 老师在不在). */
const PRESENCE = /^(?:就|只是|只)?(?:请问|想问下|问下|问一下|想问一下)?(?:现在|这会儿|这边|群里)?(?:(?:有人|有老师|老师们?|管理员|小助手|助手|机器人)?在(?:吗|不|嘛|么|没|线吗|不在)|在不在(?:嘛|呀|啊|呢)?|有人吗|有人没)[?？!！~～。.]*$/;
/** A request in place of a question, after an introduction (麻烦告诉一下, 请提供, 想确认一下, 帮我查). */
const ASKED_BY_REQUEST = /麻烦|请(?:问|告诉|提供|发|给|帮|教)|帮(?:我|忙)?(?:查|问|看|找)|告诉|提供|发(?:一下|下|个|我)|给(?:一下|我)|想(?:了解|知道|确认|请教|问)|请教/;
/** Two sites asked whether they are one (学分银行和x证书平台是一个网站吗, 是不是同一个平台). */
const SAME_SITE = /^([\u4e00-\u9fffa-z0-9+]{2,12}?)(和|跟|与)([\u4e00-\u9fffa-z0-9+]{2,12}?)(?:是不是|是)(?:一个|同一个|一样的)(?:网站|平台|网址)/;
/**
 * The first of two things with what the second names after their shared word: 培训服务器和考试服务器内存
 * → 培训服务器内存 (the 内存 is asked of both).
 */
function sharedTail(first: string, second: string): string {
  for (let n = Math.min(4, first.length); n >= 2; n--) {
    const at = second.indexOf(first.slice(-n));
    if (at > 0) return first + second.slice(at + n);
  }
  return first;
}
/** The second of two things with the owner the first names: 考生电脑的CPU和内存 → 考生电脑的内存. */
function sharedHead(first: string, second: string): string {
  const owner = /^(.{2,10}?的)/.exec(first)?.[1];
  return owner && second.length <= 4 && !second.includes('的') ? owner + second : second;
}
/** Two things asked of at once: A和B分别…. */
const BOTH_ASKED = /^([\u4e00-\u9fffa-z0-9+]{2,16}?)(和|跟|与|还有)([\u4e00-\u9fffa-z0-9+]{2,16}?)分别([^，,。？?！!]{1,12})/;
/** A request to write or draft something. */
const WRITING_TASK = /(帮我|给我|帮忙|请你|你来|替我)(写|起草|拟|编写|润色|翻译|改写)(一?[个份篇段封])?/;
/** What a person or the company's record does not hold. */
const ATTRIBUTE = /(qq|微信|邮箱|email|e-mail|地址|办公室|住址|座机|传真|负责哪|哪几个市|哪些市|哪些学校|管哪|几个市|哪几个省|哪些省|几个省)/;
const ORG = /博导|公司|项目办/;
/** Asking what a work area holds: its tasks. */
const AREA_TASKS = /做(啥|什么|些什么|哪些)|干(啥|什么|嘛)|任务|内容|包括|包含|学(啥|什么)|考(啥|什么)|要会/;
/** The training organisation named, and a company's profile (…有限公司…成立于…) or record (累计已经为…). */
const ORG_NAMED = /博导/;
const COMPANY_PROFILE = /有限公司[^。]*成立于|累计已?经?为\d/;
/** Which region a province belongs to, or how the regions are divided. */
const REGION_OF = /(哪个|什么|哪一个)(大|片)?区|属于(?!.{0,6}(领域|级|任务|岗位|专业|模块|阶段))|归.{0,4}区|(?<![打计清结])算.{0,6}区|是.{0,3}区(的|吗)|是.{0,3}区还是.{0,3}区|(哪个|哪一个|什么)(片|区域|大区)|(?:华[北东南中]|西[北南]|东北|中南|华西)(?:区)?还是(?:华[北东南中]|西[北南]|东北|中南|华西)/;
/** A region the directory does not have (华中区): the regions it has are the answer. */
const NO_SUCH_REGION = /(华中|中南|华西|中部|东部|西部)(区|大区|片区)/;
/** An exam site's or a room's own areas (考场要分几个区, 候考区): not the programme's regions. */
const SITE_AREAS = /考场|考点|考核站点|机房|实训室|教室|候考|考试区/;
const REGIONS_ALL = /几个(大)?区|(区域)?管家(有|一共有?|总共有?)?几(个|位)|几(个|位)(区域)?管家|哪几个(大)?区|哪些(大)?区|[五5]个(大)?区|哪五个|区域(怎么|如何)划分|怎么分区|分了几个|(每个|各个|所有|各)(大)?区(的)?(区域)?管家/;
/** Which majors may enter for the certificate, asked in general. */
const MAJORS_WHICH = /(哪些|什么|啥|哪几个|哪个|哪类)专业.{0,6}(能|可以|可|适合|才能)?(考|报|参加)|(能|可以)(考|报).{0,4}(哪些|什么|啥)专业|\b(which|what) majors?\b/i;
/** Whether a named major may enter: …专业能考吗, …专业可以报吗. */
const MAY_ENTER = /专业[^，,。？?！!；;]{0,6}(能|可以|可不可以|能不能|行不行|可否|允许|让不让)(报|考|参加)|专业[^，,。？?！!；;]{0,8}(报|考)(吗|不|得了|得)/;
/** The same without 专业 (航空物流管理 高职 能报吗), for a name a list holds whole. */
const MAY_ENTER_LISTED = /(能|可以|可不可以|能不能|行不行)(报|考|参加)|有吗|有没有|在不在|算不算|里(?:面)?(?:吗|不)(?=[？?。！!～~\s]*$)|包括吗|包不包括|(跟|和|与)(?:我|他|她|孩子)的?(?:专业)?.{0,2}(有关|相关|对口|对得上)|对口吗|对口不|对不对口|对得上|适合我/;
/** A major said not to be the asker's (不是电商专业, 非电子商务专业). */
const NOT_THE_MAJOR = /(?:不是|非|并非|不属于)[\u4e00-\u9fff]{1,10}?专业/;
/** What precedes 专业 in the question, the major's name at its end (not the certificate's own 电子商务数据分析). */
const MAJOR_NAMED = /([\u4e00-\u9fff]{2,14}?)专业/;
/** A major said as what one studies (我学软件技术的, 读直播电商的): checked against the lists like a named one. */
const MAJOR_STUDIED = /(?:学|读|念)([\u4e00-\u9fff]{2,10}?)的|^([\u4e00-\u9fff]{2,10}?)的(?:学生|同学)/;
/** A school type named in the question: its own list answers (中职哪些专业能考 → that FAQ entry). */
const SCHOOL_TYPE = /中职|中专|职高|高职|专科|大专|本科/;
/** The certificate's levels: how many, which is highest, how they differ, what jobs. */
const LEVELS = /分(成|为)?初中高|(级别|等级)\s*(of\b|[?？])|(几|多少)(个)?(级|等级|级别)|[三3]个(级|等级|级别)|哪几(个)?(级|等级|档)|分几级|(分|有|共)几(个)?档|(级别|等级)(有哪些|分为)|最高(是)?(哪|什么)/;
/** How the levels differ: only when the question is about levels (not 这个证跟网店运营证有啥区别). */
const LEVELS_DIFFER = /区别|不同|有啥不一样|不一样|差(?:在|别在)?哪|差别|差距|差多少/;
/** A name asked for in full (全名叫啥, 正式名称是什么, 是不是叫…). */
const NAME_ASKED = /全名|全称|正式名称|正式名字|完整名称|完整的名字|标准名称|官方名称|叫什么名|叫啥名|名字叫|名字是|名称是|名称叫|是不是叫/;
/** Papers other than the certificate itself (资质证书, 讲师证, 考评员证, 教师资格证). */
const OTHER_PAPER = /资质|讲师|师资|考评员|资格|培训证|公司|平台|文件|方案|办法|单位|机构|组织|农产品|还有|另一个|另外|其他|别的/;
/** How many levels there are (几个等级, 分几级). */
const LEVEL_COUNT = /几(个)?(级别|等级)|分几级|有几级|(分|有|共)几(个)?档|哪几(个)?(级别|等级|档)|好几(个)?(级|等级|级别|档)|只有一(种|个级别|级)/;
/** A question made only of these asks what the certificate's exam covers (工作领域 is the thesaurus's 考什么). */
const CERTIFICATE_CONTENT = /工作领域|考试|证书|这个|证|的|都|主要|一般|具体|大概|有|是|要|哪些|什么|啥|内容|呀|吗|呢|啊|哈|[?？。!！,，\s]/g;
const LEVEL_JOBS = /岗位|就业|职位|干什么|做什么|(找|能做|从事).{0,2}工作|(能|可以)(去)?(做|干|当|从事)|对口(什么|哪些|啥)?工作|好找工作/;
const LEVEL_CONTENT = /学什么|学些什么|方向|要会|得会|会哪些|内容|工作领域|工作任务|技能|包括|方面|考什么|考哪些|考啥|考些|有没有|涉及|会不会考|要学|考哪几|哪几类|几大块|几块|几部分|哪些部分|几个部分|几大模块|模块|板块|范围/;

/** The score an answer must reach to be given; calibrated on knowledge/eval/tuning.jsonl (see README). */
export const DECIDE_AT = 0.7;

/** A college's own document names it first: 北京工业职业技术学院1+X证书制度试点工作管理办法. */
const COLLEGE_IN_TITLE = /^([\u4e00-\u9fff]{2,20}?(职业技术学院|职业学院|学院|大学))/;
/** Personal data the documents never hold and the assistant never guesses (生日, not inside 师生日常 or 学生日程). */
const PRIVATE = /身份证|家庭住址|住在哪|生日(?![常程])|年龄|工资|收入|婚|私人/;

const ABSTAIN = '抱歉，这个问题我暂时无法准确回答，已记录下来转给工作人员，稍后会有人回复您。';

/**
 * The part of a long message that asks: its last sentence with a question in it (and the one
 * before when that is short), so a story before the question does not dilute the search.
 */
export function focusSentence(text: string): string {
  if (text.length <= 80) return text;
  const parts = text.split(/(?<=[。！？!?\n])/).map((s) => s.trim()).filter(Boolean);
  for (let i = parts.length - 1; i >= 0; i--) {
    if (/[?？]|吗|什么|怎么|哪|几|多少|谁/.test(parts[i]!)) return (i > 0 && parts[i]!.length < 30 ? parts[i - 1]! : '') + parts[i]!;
  }
  return text;
}

/** Where a message passes from one question to the next: numbered items, 另外/还有/顺便 opening a clause (not 要另外买吗), a question mark with more after it. */
const NEXT_QUESTION = /(?<=[?？])\s*|[。；;，,\s]*(?<=^|[。；;，,\s?？!！~～])(?:另外|还有个?|顺便问?一?下?|再问一?下?|第二个?问题)[，,：:\s]*|\s*(?:^|(?<=[\s：:。；;，,？?！!]))(?:[1-9一二三四五][.、．)）]|（[1-9一二三四五]）|[一二三]是(?=[\u4e00-\u9fff]))\s*/;
/** A verb with 不 at a question's end (适合考不, 能报不): asks whether. */
const VERB_NOT_END = /(?<=[考报去用行能要算对够])不[\s?？!！~～。😂🤔]*$/u;
/** NEXT_QUESTION, its separators kept in the split. */
const NEXT_QUESTION_KEPT = new RegExp(`(${NEXT_QUESTION.source})`);
/** Words that part a message's questions (另外, 还有, 顺便问一下). */
const JOINED = /另外|此外|还有|顺便|再问|对了|第二/;
/** A word that joins a question to the one before it (另外, 顺便问一下, 对了, 那): no part of the question. */
const CONNECTIVE = /^(?:另外|此外|顺便问?一?下?|再问一?下?|还想问一?下?|对了|然后|那么|那(?![个些里边时样种儿])(?=[\u4e00-\u9fff]{2}|[0-9a-z]))[，,：:、\s]*/;
/** How often the exam is held (一年考几次, 哪几个月考). */
const HOW_OFTEN = /几次|多少次|多久一次|多久考一次|哪几个月|几个月考|每年|一年|一般|通常|月份|哪个月|大概|大致|平时/;
/** Answer types that an exam date never answers. */
const NOT_A_DATE = new Set<AnswerType>(['ratio', 'money', 'payer', 'body', 'earnings']);
/** At most this many questions are answered from one message. */
const MAX_PARTS = 3;

/**
 * The questions of a message, each with the message's opening context (我们是安徽商贸的，…)
 * before it: the parts that ask something. One part (or more than MAX_PARTS) is one question.
 */
export function questionParts(text: string): string[] {
  return messageParts(text).map((p) => p.text);
}

/** The parts of questionParts, each with its own words apart (`own`: the part without the message's context). */
function messageParts(text: string): Array<{ text: string; own: string; loose?: boolean }> {
  const one = [{ text, own: text }];
  // (Each piece with whether a word joined it to the one before: 另外, 还有, 顺便问一下.)
  const split = text.split(NEXT_QUESTION_KEPT);
  const joined: boolean[] = [];
  const pieces: string[] = [];
  for (let i = 0; i < split.length; i += 2) {
    const piece = (split[i] ?? '').trim();
    if (piece.replace(/[\s,.!?;:~，。！？、…—-]+/g, '').length < 2) continue;
    joined.push(JOINED.test(split[i - 1] ?? '') || CONNECTIVE.test(piece));
    pieces.push(piece.replace(CONNECTIVE, ''));
  }
  // Numbered items ask whether or not they say so (1.考试形式 2.成绩在哪查); what comes before
  // the first number is the message's context.
  // (Not when one question asks of them all: 1）建实习基地 2）师资培训，分别找谁.)
  const numberedFrom = /分别/.test(text) ? -1 : NUMBERED_START.test(text) ? 0 : NUMBERED_LIST.test(text) ? 1 : -1;
  // (A request after 还有/另外 asks too: 还有学分银行网址也给一下.)
  // (So does a subject alone after 另外: 另外考点服务器cpu.)
  // (And the last one after a question mark, a verb with 不 at its end: 我们计算机网络技术专业适合考不.)
  const asks = (p: string, i: number) => ASKS_SOMETHING.test(p) || (numberedFrom >= 0 && i >= numberedFrom) || (i > 0 && (REQUEST.test(p) || (joined[i]! && ownWords(p) >= OWN_WORDS) || (i === pieces.length - 1 && /[?？]\s*$/.test(pieces[i - 1]!) && VERB_NOT_END.test(p))));
  const first = pieces.findIndex(asks);
  if (first < 0) return one;
  // (A remark after the last question, asking nothing and stating no figure, is no part of any:
  // …监考跟考生的配比又是多少？两个问题一起问了哈。)
  let last = pieces.length - 1;
  while (last > first && !asks(pieces[last]!, last) && !/\d/.test(pieces[last]!)) last--;
  // (Its parts then stand only if each is surely answered: see `loose`.)
  const remarked = last < pieces.length - 1 && pieces.slice(first, last + 1).filter((p, i) => asks(p, first + i)).length >= 2;
  if (remarked) pieces.splice(last + 1);
  const asking = pieces.slice(first).filter((p, i) => asks(p, first + i));
  if (asking.length < 2 || asking.length > MAX_PARTS || asking.length !== pieces.length - first) return one;
  // A question mark alone parts questions that each say what they ask about; a short follow-up
  // (带宽多少, 实施方案里怎么写的) leans on the one before, and the message is one question.
  const marked = /另外|还有|顺便|再问|第二|(?:^|[\s：:。；;，,？?！!])(?:[1-9一二三四五][.、．)）]|（[1-9一二三四五]）)/.test(text);
  if (!marked && asking.slice(1).some((p) => ownWords(p) < OWN_WORDS)) return one;
  // The context is what comes before the first question, and the first question's own opening
  // clauses that ask nothing (我们是安徽商贸的，培训课时上限多少？).
  const clauses = asking[0]!.split(/(?<=[，,。])/);
  const opening = clauses.slice(0, Math.max(0, clauses.findIndex((c) => ASKS_SOMETHING.test(c))));
  const before = pieces.slice(0, first).map((c) => c.replace(/[\s,.!?;:~，。！？、：]+$/, ''));
  const context = [...before, ...opening.map((c) => c.replace(/[\s,.!?;:~，。！？、：]+$/, ''))].filter(Boolean).join('，');
  return asking.map((p, i) => ({ text: i === 0 ? [...before, p].join('，') : context ? `${context}，${p}` : p, own: p, loose: remarked }));
}

/** A 负责人 of a major or a course, the asker or a colleague (我们专业负责人在准备试点, 我是商学院专业负责人), not one asked for. */
const ASKERS_ROLE = /(?:专业|课程|教研室)负责人(?![^，,。？?]*(?:谁|电话|联系|手机|叫什么|找|呢|在哪|哪位))|(?:我|本人|俺)(?:是|作为)[^，,。？?]{0,16}负责人/g;
/** What a role must have (培训团队负责人有啥要求, 考务团队负责人要什么经验), or a phone a site must post (举报电话): the rule's, not a person's. */
const ROLE_REQUIREMENT = /(?:负责人|人员|老师|团队|组长)[^，,。？?]{0,8}?(?:什么|啥|哪些)(?:要求|条件|能力|经验|资格|资质|素质)|(?:要求|条件|能力|经验|资格)(?:是)?(?:什么|啥|哪些)|举报电话|(?:公布|张贴|公示|设置|挂)[^，,。？?]{0,4}(?:什么|啥|哪些|哪个)?电话/;
/** A role inside a school (领导小组组长, 二级学院院长): who holds it is the documents' to say, not a contact's. */
/** The asker saying what they are (我是电商学院院长, 本人在教务处): not a role asked about. */
const ASKERS_OWN_ROLE = /(?:我|本人|俺)(?:是|作为|在)[^，,。？?]{0,16}(?:院长|校长|书记|处长|组长|主任|教务处|二级学院)(?:的)?/g;
/** Who holds a role inside a school (是谁牵头当负责人, 哪个当负责人): the school's documents say, no contact is asked for. */
const ROLE_HOLDER = /(?:是谁|谁|哪个|哪位)?(?:来)?(?:牵头)?(?:当|做|担任|任)负责人|牵头(?:负责)?/g;
const INTERNAL_ROLE = /领导小组|组长|院长|校长|书记|处长|教务处|二级学院|工作小组|委员会|考点负责人|技术支持人员/;

/** A level named in words the entities do not read as one (各级, 哪个级别). */
const LEVEL_WORD = /级/;

/** A request for something (网址也给一下, 发我一下): a question without a question word. */
const REQUEST = /(?:给|发|告诉)(?:我|一下|下|个)|(?:给|发)我/;

/** A message that is a numbered list (1.… 2.…), from its start or after an opening. */
const NUMBERED_START = /^\s*(?:1[.、．)）]|（1）|一[、.．])/;
const NUMBERED_LIST = /(?:^|[\s：:。；;，,？?！!])(?:1[.、．)）]|（1）|一是).*(?:^|[\s：:。；;，,？?！!])(?:2[.、．)）]|（2）|二是)/s;

/** How many Chinese characters a question part has besides question words, particles and references back. */
function ownWords(part: string): number {
  return part.replace(/多少|什么|怎么|怎样|如何|哪些|哪个|哪里|是否|要求|一般|具体|可以|能不能|需要|这个|那个|实施方案|里面|到底|究竟|请问|老师|[吗呢吧啊呀哈几啥哪谁么的了是有要能会那这它其分别各都还也就]/g, '').replace(/[^\u4e00-\u9fff]/g, '').length;
}
/** A question part after the first, parted from it by a question mark only, needs this many of its own characters. */
const OWN_WORDS = 4;

/** Whether the asker checks a number of their own against the rule (30台够吗, 只有4个老师够不够). */
const ENOUGH = /够|达标|符合要求|行不行|行吗/;
const OWN_PEOPLE = /(?:\d+|[一二三四五六七八九十两]+)\s*(?:个|名|位)\s*(?:老师|人员|同事|人)/g;

/** A bandwidth of one's own (外网只有5M): checked against the rule, it asks what bandwidth the rule wants. */
const OWN_BANDWIDTH = /\d+(?:\.\d+)?\s*(?:M|m|兆)(?:bps|b|B)?(?![a-z])/g;

/**
 * The question for the search, without the asker's own numbers when they check them against the
 * rule: 凑了4个老师，够申请考点吗 searches the rule for people (人), not the number 4 or 老师
 * (numbers of computers stay: 30台电脑 finds the equipment list by them; a bandwidth, 5M, becomes 带宽).
 */
function withoutOwnNumbers(text: string): string {
  // (够 is no part of the word before it: 多少人够吗 is 人 + 够吗, not 人够.)
  // (Computers counted for an exam site are its exam computers: 机房有40台电脑，申报考核站点够不够.)
  // (Checked against the rule, 30台电脑够不够, they ask how many the site must have.)
  // (机房 there only says where they stand: 考点机房有30台电脑.)
  const counted = checksSiteComputers(text);
  // (So are its students' machines: 学生机是i3的，当考场能用吗.)
  const sited = SITE.test(text) && !/培训|实训/.test(text) ? text.replace(SITE_COMPUTERS, counted ? '$1考生计算机' : '$1考试计算机').replace(counted ? /机房|(?:申报|申请|开|当|做)?(?:考核站点|考点|考场)/g : /$^/, '').replace(/学生(?:机|电脑)/g, '考试计算机') : EXAM_USE.test(text) && !/培训|实训/.test(text) ? text.replace(/学生(?:机|电脑)/g, '考试计算机') : text;
  // (The exam staff said as teachers, 考务老师, are its 考务人员; teachers counted for a pilot, not a site, its 教师人数.)
  const searched = (ENOUGH.test(sited) ? sited.replace(/考务老师/g, '考务人员').replace(OWN_PEOPLE, (m) => (/老师/.test(m) && !SITE.test(sited) && !/考务|监考/.test(sited) ? '教师人数' : '人')).replace(/(?<=[\u4e00-\u9fff])(?=够)/g, ' ').replace(OWN_BANDWIDTH, '带宽') : sited).replace(ROOM_SIZE, '$1容纳多少人').replace(ROOM_SEATS, '容纳多少人').replace(OWN_YEARS, '开办年限');
  // (Only when the processor is all the message checks: 45台i5电脑，服务器16G内存 asks of the whole list.)
  // (Nor is a time told as already passed, 在家带娃两年了: no 两年一次 is asked about.)
  const untimed = searched.replace(TIME_PASSED, '');
  return OTHER_SPECS.test(untimed) ? untimed : untimed.replace(CPU_MODEL, 'CPU $&');
}
const TIME_PASSED = /(?<=[\u4e00-\u9fff])[一两二三四五六七八九十\d]+(?:个)?(?:年|月)了/g;
const SITE = /考点|考核站点|考场|开考/;
/** Machines said to be for the exam (考试用的学生机). */
const EXAM_USE = /考试(?:用|的|时)/;
/** An exam site's computers counted against the rule (考点机房有30台电脑，够不够). */
function checksSiteComputers(text: string): boolean {
  return SITE.test(text) && !/培训|实训/.test(text) && ENOUGH.test(text) && text.search(SITE_COMPUTERS) >= 0;
}
/** How the FAQ lists the question of each exam room's seats, shown beside a site's computers counted (45台 in all, 40 a room). */
const ROOM_SEATS_QUESTION = '一个考场几个人';
const SITE_COMPUTERS = /(\d+\s*台)(?:电脑|计算机|机器|机子)/g;
const OTHER_SPECS = /内存|硬盘|磁盘|\d+\s*[GT]B?(?![a-z])|\d+\s*台/i;
/** One's own room's seats (能坐35人): how many the room must hold. */
const ROOM_SEATS = /(?:能|可以|可)?(?:一次)?(?:坐|容纳|坐得下|放)(?:下)?\s*(?:\d{1,3}|几|多少)\s*(?:个|名)?(?:人|学生|考生)/g;
/** One's own major's age (专业才开了2年, 招了两届): the rule on how long it must have run. */
const OWN_YEARS = /(?:才|刚|只|已经)?(?:开|办|开设|开办|招)了?(?:\d{1,2}|[一二两三四五六七八九十])(?:年|届)(?:生|学生)?/g;
/** A processor model (i3的电脑能用吗): the rule is the CPU's. */
const CPU_MODEL = /(?<![a-z])i[3579](?![0-9a-z])/gi;
/** How big a room must be is how many it must hold (实训室要多大 → 容纳多少人): the documents state no area. */
const ROOM_SIZE = /(实训室|实训机房|培训机房|机房|考场|教室|场地)(?:要|得|需要|应该|至少|最少)?(?:有)?多大(?:的)?/g;

/** A guess asking to be told it is right (是一人一台电脑吧？), then a question. */
const GUESS_FIRST = /^([^？?]{2,30}吧)[？?]+\s*([^？?]{4,40}[？?]*)$/;
/** How sure each of a comma pair's answers must be to stand in for the message's decline. */
const PAIR_SURE = 0.85;
/** How sure the question at the end of a long story must be, answered alone. */
const STORY_SURE = 0.85;
/** The routing topic whose keyword 证书 also just names the certificate, and the words that say its issuing. */
const CERTIFICATE_TOPIC = '证书核发';
const EXAM_TOPIC = '考试组织';
const ISSUING_SAID = /核发|发证|发放|领证|领取|证书查询|查证|制证|发证书|拿证|出证|证书.{0,4}(?:发|寄|拿|领|查|到手)/;
/** A message up to its last question mark, and a remark of some length after it. */
const BEFORE_REMARK = /^(.{6,}[？?])\s*([^？?]{6,})$/s;

/** The question words ownWords leaves out: what is left of a question is its subject. */
const QUESTION_WORDS = /多少|什么|怎么|怎样|如何|多久|哪些|哪个|哪里|是否|一般|具体|可以|能不能|需要|到底|究竟|请问|一次|[吗呢吧啊呀哈几啥哪谁么了]/g;

/**
 * A short message of two clauses parted by a comma, each asking (考点多久评估一次，不合格会怎样):
 * the two questions, the second with the first's subject when it leans on it (考点评估不合格会怎样).
 */
function commaPair(text: string): [string, string] | undefined {
  if (text.length > 40) return undefined;
  const clauses = text.split(/[，,；;]+|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length !== 2) return undefined;
  const [a, b] = clauses as [string, string];
  if (!ASKS_SOMETHING.test(a) || !ASKS_SOMETHING.test(b) || ownWords(a) < OWN_WORDS) return undefined;
  return [a, ownWords(b) >= OWN_WORDS ? b : `${subjectOf(a)}${b}`];
}

/** What a question asks about: it without its question words, nor a count's verb and measure left at its end (技术支持人员要几个 → 技术支持人员). */
function subjectOf(question: string): string {
  return question.replace(QUESTION_WORDS, '').replace(/(?:要|需要|得|配)?(?:个|台|名|位|套)$/, '');
}

/**
 * Two questions parted by a question mark that read as one (证书几个等级？成绩哪里查？ — the second
 * short): each, for when each is surely answered alone; the second with the first's subject when it
 * leans on it.
 */
function markPair(text: string): [string, string] | undefined {
  if (text.length > 40) return undefined;
  const pieces = text.split(/[？?]+/).map((c) => c.trim()).filter((c) => c.replace(/[\s,.!;:~，。！、…—-]+/g, '').length >= 2);
  if (pieces.length !== 2) return undefined;
  if (!pieces.every((c) => ASKS_SOMETHING.test(c))) return undefined;
  // (The second with the first's subject when it leans on it with a question word of its own: 试点申报在哪个平台报？谁来审核, not 教育厅吗.)
  const [a, b] = pieces as [string, string];
  return [a, ownWords(b) >= OWN_WORDS || ownWords(a) < OWN_WORDS || !ASKS_BY_WORD.test(b.replace(/[吗么]/g, '')) ? b : `${subjectOf(a)}${b}`];
}

/**
 * A question and, after it, the asker's guess at its answer (是在学校考还是去别的地方, 是自己在网上报吗,
 * 学校会发吗, 自己去报吗, win10行吗): the question alone, or none.
 */
function withGuess(text: string): string | undefined {
  // (Its other choice right after 吗: 现在就能考吗还是得等升到高年级.)
  const choice = /^(.{4,40}吗)还是[^？?]{2,24}[？?～~!！。]*$/.exec(text.trim());
  if (choice) return choice[1];
  const m = /^(.{4,40}?)[？?\s，,]+((?:是|还是|难道)[^？?]{2,24}(?:吗|呢|还是[^？?]{1,12})|[^？?]{2,12}还是[^？?]{1,12}|是不是[^？?]{2,20}|还是[^？?]{2,24}|(?:学校|老师|我们|自己)[^？?]{1,6}吗|[^？?]{1,10}(?:行|可以|能用|够用?)(?:吗|不)|[^？?]{1,10}(?:行不行|可不可以|够不够))[？?～~!！。]*$/.exec(text.trim());
  // (A yes-or-no question and its other choice, 是全国统一考试吗 还是各个学校自己出题: the question.)
  return m && (ASKS_BY_WORD.test(m[1]!) || (/吗$/.test(m[1]!) && m[2]!.startsWith('还是'))) ? m[1] : undefined;
}

/**
 * A question and, after it, the asker's own count (考务团队最少几个人？我们这边目前只有3个老师能抽出来):
 * the question alone, or none.
 */
function withOwnCount(text: string): string | undefined {
  // (Or a case put after it, 考生电脑建议配几台呀 40个人考的话.)
  const m = /^(.{4,40}?)[？?]+\s*((?:我们|我这边|我们这边|咱们|目前|现在|只有)[^？?]{2,30})[？?～~!！。]*$/.exec(text.trim()) ?? /^(.{4,40}?)(?:[？?，,\s]+)((?:如果|要是|按)?\d+\s*(?:个|名|位)?(?:人|学生|考生)[^？?，,]{0,6}的话)[？?～~!！。]*$/.exec(text.trim());
  return m && ASKS_BY_WORD.test(m[1]!) && /\d|[一二两三四五六七八九十]\s*(?:个|台|名|位|人)/.test(m[2]!) ? m[1] : undefined;
}

/** A message's last two clauses, the first without its polite opening (想问下…). */
function lastTwoClauses(text: string): string {
  const clauses = text.split(/(?<=[，,。；;！!？?])/).map((c) => c.trim()).filter(Boolean);
  if (clauses.length < 3) return '';
  return withoutLeadIn(clauses.slice(-2).join(''));
}

/** Whether a clause that asks says one of these (辅导员说可以考这个证 reports, it does not ask; …专业也能考 asks without a question mark). */
function askedIn(text: string, ...res: RegExp[]): boolean {
  return text.split(/[，,。；;！!]/).some((c) => res.some((re) => re.test(c)) && (ASKS_SOMETHING.test(c) || /[么不没][?？~～\s]*$|也(?:能|可以)(?:考|报)[?？~～\s]*$/.test(c)));
}

/** How a decline for an uncovered topic says so (see decline()). */
const GAP_SAID = '现有文件里没有关于';
/** A partly answered message stays open for staff: its confidence is below the service's review mark. */
const PARTLY_CONFIDENCE = 0.4;

/**
 * A message whose parts are partly answered: each part surely answered (PAIR_SURE) is, and each
 * part on a topic no document covers is named as recorded for staff; none when a part is off-topic,
 * merely unsure, or an answer unsure.
 */
function partlyAnswered(questions: string[], answers: Answer[]): Answer | undefined {
  const answered = answers.filter((a) => !a.abstained);
  if (!answered.length || answered.length === answers.length) return undefined;
  if (answered.some((a) => a.confidence < PAIR_SURE) || answers.some((a) => a.intent === 'out_of_scope')) return undefined;
  // (Only a part on a topic no document covers is said to be so; one merely unsure might be what the other answer misses.)
  if (answers.some((a) => a.abstained && !a.text.includes(GAP_SAID))) return undefined;
  // (Nor when the first question is the one no document covers: what follows it mostly details that
  // question, 考试一共考多长时间 理论跟实操分开算吗, and is declined with it. Over the printed blind parts
  // this was 2 right answers more and 2 confident wrong ones fewer than answering a later part alone.)
  if (answers[0]!.abstained) return undefined;
  const lines = answers.map((a, i) => {
    if (!a.abstained) return `${i + 1}. ${a.text}`;
    const why = a.text.slice(ABSTAIN.length).split(/(?<=。)/).find((s) => s.startsWith(GAP_SAID)) ?? '';
    return `${i + 1}. “${questions[i]!.replace(/[\s，,。？?！!]+$/, '')}”这一问我暂时无法准确回答，已记录下来转给工作人员。${why}`;
  });
  const sources = answered.flatMap((a) => a.sources).filter((s, i, all) => all.findIndex((o) => o.document === s.document && o.section === s.section) === i);
  return { intent: answered[0]!.intent, text: lines.join('\n\n'), sources, confidence: PARTLY_CONFIDENCE, abstained: false };
}

/**
 * The parts of a message surely answered, when the others are merely unsure (not on a topic no
 * document covers, nor out of scope): often two questions of one thing (去哪里考？考点对社会开放吗).
 * Left open for staff (PARTLY_CONFIDENCE). Not a guess answered alone (是不是跟考务团队一样5个就行):
 * it leans on the question left unanswered.
 */
function oneSurePart(questions: string[], answers: Answer[]): Answer | undefined {
  const answered = answers.filter((a) => !a.abstained);
  const sure = (a: Answer, i: number) => a.confidence >= PAIR_SURE && !/^(?:是不是|还是|难道)/.test(questions[i]!.trim());
  if (!answered.length || !answers.every((a, i) => (a.abstained ? a.intent === 'unanswered' && !a.text.includes(GAP_SAID) : sure(a, i)))) return undefined;
  return { ...(answered.length === 1 ? answered[0]! : combined(answered)), confidence: PARTLY_CONFIDENCE };
}

/** One reply to several questions: each answer numbered, their sources together. */
function combined(all: Answer[]): Answer {
  // (Two questions one passage answers get it once: 是一劳永逸吗？周期多长.)
  const answers = all.filter((a, i) => all.findIndex((o) => o.text === a.text) === i);
  if (answers.length === 1) return { ...answers[0]!, confidence: Math.min(...all.map((a) => a.confidence)) };
  const sources = answers.flatMap((a) => a.sources).filter((s, i, all) => all.findIndex((o) => o.document === s.document && o.section === s.section) === i);
  return {
    intent: answers[0]!.intent,
    text: answers.map((a, i) => `${i + 1}. ${a.text}`).join('\n\n'),
    sources,
    confidence: Math.min(...answers.map((a) => a.confidence)),
    abstained: false,
  };
}

/** Whether the text names another certificate, not a major of the same name (现代物流管理专业). */
function otherCertificate(text: string, name: string): boolean {
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (!/^.{0,2}专业/.test(text.slice(at + name.length))) return true;
  }
  return false;
}

/** Which body issues or runs the certificate, asked in any words (哪个单位发的, 哪家机构负责, 是哪家公司的). */
const ISSUER_ASKED = /(?:哪个|哪家|什么|啥)(?:单位|机构|公司|组织|部门)[^，,。？?]{0,6}(?:发|出|颁|负责|管|认证|开发|主办|在搞|在做|在弄|在办)|是(?:哪个|哪家|什么)(?:单位|机构|公司|组织)的|发证(?:单位|机构)|谁[^，,。？?]{0,3}(?:发的|颁发|发证|负责发)/;
/** Other certificates and papers that have their own issuer (讲师证, 考评员证, 资质证书), and a site's or pilot's approval. */
const NOT_THIS_CERTIFICATE = /讲师|考评员|资质|考点|考核站点|试点|申报|站点|学历|毕业证|学分/;
function asksIssuer(text: string): boolean {
  return (ISSUER_ASKED.test(text) && /证/.test(text) && !NOT_THIS_CERTIFICATE.test(text)) || ISSUER_ASKED_EN.test(text);
}
/** The same in English: who issues the certificate, which body awards it. */
const ISSUER_ASKED_EN = /\b(?:who|which (?:body|organi[sz]ation|company|institution))\s+(?:issues|awards|grants|certifies|gives out)\b[^.?!]*\bcert(?:ificate)?s?\b|\bcert(?:ificate)?s?\b[^.?!]*\b(?:issued|awarded|granted) by (?:who|whom)\b/i;
/** The students' FAQ entry that says who issues the certificate, as it lists its question. */
const ISSUER_QUESTION = '证书是谁发的';
/**
 * Questions asked in any words whose FAQ entry is known, as that entry lists its question: which
 * grade takes the exam (本科生纳入证书选项的是哪两个年级, 一般大几先考), registering alone or through the
 * school (自己网上报还是学校统一报: where to register, shown with who organises it), how the X
 * certificate stands to the diploma (X证书和毕业证啥关系), the exam site team's roles (考务人员都有啥岗位).
 */
const ASKED_AS: Array<[RegExp, string]> = [
  [/(?:哪|几)(?:个|两个|几个|一个)?年级|大几|几年级/, '本科大几考'],
  // (Not who pays: 报名费能从学校报销吗还是得学生自己掏.)
  [/^(?!.*(?:费|钱|掏|报销))(?:.*自己(?:去|在)?(?:网上|官网)?报(?!销).{0,8}还是.{0,8}(?:学校|统一|考点)|.*(?:学校|统一).{0,6}报(?!销).{0,4}还是.{0,8}自己|.*找学校还是|.*跟着学校报)/, '在哪报名'],
  [/(?:x证书?|这个证书?|技能证书?)[^，,。？?]{0,6}(?:和|跟|与|同)[^，,。？?]{0,4}(?:毕业证|学历证书?|文凭)[^，,。？?]{0,8}关系|(?:毕业证|学历证书?|文凭)[^，,。？?]{0,4}(?:和|跟|与|同)[^，,。？?]{0,6}(?:x证书?|这个证书?|技能证书?)[^，,。？?]{0,8}关系/, 'X证书和1是啥关系'],
  [/考务[^，,。？?]{0,6}(?:哪些|啥|什么|几种|哪几种|哪几类)(?:岗位|岗|角色)/, '考务团队要配哪些人'],
  // (how the certificate reaches the student: 证书是寄到家里还是学校统一发, 拿证是学校统一发还是自己领)
  // (Not the paper or electronic form: 证书纸质版会邮寄到家里吗.)
  [/^(?!.*(?:纸质|电子))(?:.*证书?[^，,。？?]{0,10}(?:寄到|寄给|寄回|寄过来|统一发|自己领|怎么拿到|怎么领|去哪领|在哪领|发到手)|.*拿证是)/, '证书是学校发还是寄'],
  // (how many took it: 考这个证的人多不多, 考过这证的人多吗)
  [/(?:考|报|拿)(?:了|过)?(?:这个证|这证|这个证书)?的人[^，,。？?]{0,4}(?:多不多|多吗|多么|有多少)|多少人(?:考过|考了|拿到|拿了)/, '多少人考过'],
  // (whether someone out of school may take it: 我是社会人员…能不能参加…还是只有在校生才行)
  [/(?:社会人员|社会考生|社会上的人|不是在校生|非在校生|已经毕业|毕业了|在上班|上班了|没有学校挂靠)[^？?]{0,40}(?:能不能|能否|可不可以|可以|能)(?:参加|考|报)|(?:只有|只能)在校生/, '社会人员能考吗'],
  // (what screenshot tool the exam computers have: 用什么软件截图)
  [/(?:截图|截屏)[^，,。？?]{0,8}(?:软件|工具)|(?:用|拿)(?:什么|啥|么子|哪个)(?:软件|工具)?[^，,。？?]{0,2}(?:截图|截屏)/, '考生计算机要几台'],
  // (where the exam's rules are posted: 考场规矩在哪能看到)
  [/(?:考场|考试)(?:的)?(?:规矩|规则|纪律|须知)[^，,。？?]{0,6}(?:在哪|哪里|哪儿|去哪)/, '考生须知在哪看'],
];
/** Asking whose a certificate is, or who made it. */
const WHOSE = /谁(的|开发|做|出)|哪家(公司)?(的|开发|做)|是不是博导|博导(的|开发)吗/;

/** A passage whose own question is about money (考试报名费谁出, 1+X证书经费管理, 资金保障). */
const MONEY_SUBJECT = /费|钱|经费|资金|报销|补贴|津贴/;
/** A question that asks about money in any way. */
/** Asking whether or what something costs, in so many words (要交费吗, 收费吗, 要钱吗). */
const FEE_ASKED = /交费|交[^，,。？?]{0,4}费|缴费|收费|付费|要钱|花钱|多少钱|费用|免费/;
/** A passage that speaks of money at all. */
const MONEY_SAID = /费|钱|资金|支付|\d\s*元|价格|价钱|补贴|报销|预算/;
/** Software asked for (a script, an activation key): nothing the documents give. */
const SOFTWARE_WANTED = /脚本|激活(?:码|密钥|key)|序列号|注册码|破解|\b(?:powershell|shell script|license key|product key)\b/i;
/** The weather, asked (明天西安天气咋样, 会不会下雪): no document's subject. */
const WEATHER = /天气|下雪|下雨|气温|刮风|降温|weather/i;
/** Advice on which school to choose. */
const SCHOOL_CHOICE = /(?:报|选|去|上|读)(?:哪所|哪个|哪家|什么)(?:学校|院校|大学|职校|技校)(?:好|比较好|合适)|哪所学校(?:好|比较好)|(?:中职|技校|职高|高职|大专|本科)(?:和|跟|还是)(?:中职|技校|职高|高职|大专|本科)(?:选|上|读)哪个/;
/** An amount asked in so many words, and one stated. */
const AMOUNT_ASKED = /多少钱|几块钱|费用(?:是)?多少|多少费用|收费标准|价格|价钱/;
const AMOUNT_SAID = /\d[\d,.]*\s*(?:元|块|万)/;
const MONEY_ASKED = /费|钱|交|付|报销|经费|资金|补贴|奖励|预算|免费|收费|价|自费|承担|出资|列支|津贴|财政|贵|便宜|花/;

/** Abroad as a whole (国外认不认), not a place a school is in: not covered only when it asks for a person there. */
const ABROAD_WORD = /^(国外|境外|海外|overseas|abroad)$/;

/** Dice coefficient of two sets of character pairs: 1 for the same wording. */
function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * The share of the question's telling words a passage holds: of the words that some competing
 * passages hold and others do not (培训 in 培训用的服务器 tells 培训机房服务器 from 考试服务器),
 * the weight this one holds; 0.5 when the passages all hold the same words.
 */
function contrast(hit: Hit, options: Hit[]): number {
  let all = -1;
  let any = 0;
  for (const o of options) (all &= o.matchedMask), (any |= o.matchedMask);
  const telling = any & ~all;
  if (!telling) return 0.5;
  let total = 0;
  let held = 0;
  hit.termWeights.forEach((w, k) => {
    if (k < 31 && telling & (1 << k)) (total += w), hit.matchedMask & (1 << k) && (held += w);
  });
  return total ? held / total : 0.5;
}

/** A sibling row is shown beside the best one when it scores this close to it. */
const SIBLING_GAP = 0.04;

/** A heading (an FAQ entry's own question) with its level left out: 初级考什么 and 高级考什么 read alike. */
function levelHeading(section: string): string {
  return (section.includes('·') ? (waysOfAsking(section)[0] ?? section) : section).replace(/[初中高]级/g, '级');
}
/** The one level a passage is about, by its heading (中级考什么, … · 中级), if it names exactly one. */
function levelOf(section: string): string | undefined {
  const named = new Set(section.match(/[初中高]级/g) ?? []);
  return named.size === 1 ? [...named][0] : undefined;
}
/** A space the source sets between a number and a Chinese character: 不少于 2 个, 100 万像素 (not the one before a numbered item: 或以上 3.内存). */
const NUMBER_SPACING = /(?<=\d) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=\d(?![.、．]\D))/g;
/** Asking for an upper bound, and a text that sets one. */
const UPPER_ASKED = /最多|上限|最高|封顶|顶多/;
const UPPER_BOUND = /不超过|同时满足|容纳|最多|上限|以内|以下|不得超过|最高|不高于|封顶|\d+\s*[:：]\s*\d+/;
/** How likely the leading FAQ passage must be for a decline to suggest its question. */
const SUGGEST_AT = 0.5;
/**
 * Measured over the twenty tuning files and six blind parts (a confident wrong answer costing three
 * misses): 0.745 → tuning −7 / blind −1, 0.72 → −4 / −3, 0.70 → −8 / −1, 0.66 → −16 / +2 against
 * the model's own threshold. Measured again in the eleventh session, with more uncovered topics
 * declined by name (gaps.json) and the greetings and reasons out of the search, against 0.72 on
 * twenty-three tuning files and the six blind parts: 0.70 → tuning +4 (no more confident wrong) /
 * blind +2, 0.68 → +7 / +2, 0.66 → +10 / −2 (one more confident wrong), 0.64 → +15 / −2.
 */
const STUDENT_FAQ_AT = 0.68;
/** How sure the learned ways of asking must be (share of the examples' vote) to lower the threshold, and to what. */
const SURELY_ASKED = 0.95;
const SURELY_ASKED_AT = 0.7;
/** A student registering for the exam, and an institution applying (for a pilot or an exam site). */
const STUDENT_REGISTRATION = /报名/;
const INSTITUTION_APPLYING = /申报|申请|考点|站点|试点|考核点/;
/** An institution applying to be a pilot or a site (能不能申报试点, 申请考点). */
const INSTITUTION_ASKS = /(?:申报|申请)[^，,。？?]{0,4}(?:试点|考点|考核站点|站点)/;
/** A passage on which majors may enter (中等职业学校对应相关专业, 中职哪些专业能考). */
const MAJORS_PASSAGE = /对应相关专业|面向专业|哪些专业能考/;
/** Who the asker asks for, opening the message (同学问我…, 家长托我问一下：): the question is what follows (下个月 keeps its 下). */
const ASKED_FOR = /^(?:(?:有)?(?:同学|朋友|家长|室友|老师|领导|学生|班长|辅导员)(?:们)?(?:问我|让我问|托我问|叫我问|帮忙问)|帮(?:几个|几位|一些|我们班|班上|班里)?(?:的)?(?:同学|朋友|室友|学生|家长)(?:们)?问|我?(?:妈妈?|爸爸?|爸妈|家长|家里人?|家人)(?:问|让我问|想问|想知道))(?:一下|下(?![个次周月午回一]))?[，,：:\s]*/;
/** A student, or a student's parent, speaking of themselves (我是…的大一学生, 我儿子在读中职). */
const STUDENT_SPEAKER = /我是[^，,。？?]{0,14}(?:学生|新生|大[一二三四](?=[，,。！!\s的]|$))|本人[^，,。？?]{0,8}学生|(?:我|俺)(?:儿子|女儿|闺女|孩子|娃|崽)|我家(?:孩子|娃|小孩)/;
/** The school or year one attends, told as context (我是中职的, 本人高职大二, 我是大二学生): no part of a question on anything but who may take the exam. */
const SCHOOL_ATTENDED = /^(?:我|本人|俺|我们)?(?:是|在)?(?:读)?(?:(?:中职|高职|大专|专科|本科|职业本科|应用型本科|职教本科|中专|职高|技校)(?:的|生|学生)?(?:毕业|在读)?(?:(?:后|了|以后)?(?:在|去)[\u4e00-\u9fff]{1,10}?(?:工作|上班|做[\u4e00-\u9fff]{1,6}|实习))?(?:大[一二三四]|[一二三]年级)?|(?:刚入学的|刚上)?(?:大[一二三四]|[一二三]年级))(?:的)?(?:学生|新生|生)?(?:了)?[，,。！!～~\s]*$/;
/** Asking who may take the exam or whether a major counts. */
const ELIGIBILITY = /能考|能报|可以考|可以报|能不能考|能不能报|能参加|可以参加|能不能参加|适合|对口|对得上|对不上|对应得上|挂得上钩|沾边|(?:什么|哪些|哪个|啥|我的?|我们的?)专业|专业.{0,4}(?:能|可以|在不在|有没有|算不算)|有资格|报考条件|考得了|报得了|能学|有关系|相关吗|范围/;
/**
 * A clause that says why the question is asked or who waits for it, and nothing the answer
 * depends on (因为要写材料, 学校那边在催, 刚接手这块工作): no part of the message's question.
 */
const ASIDE = new RegExp(
  [
    // a task the asker was given (领导让我负责今年的试点申报)
    /^(?:我们?的?)?(?:领导|学校|学院|系里)(?:让|安排|要求|叫|派)我(?:来)?(?:负责|做|弄|准备|整理|对接|评估|检查|核实|摸底|统计|了解)[^，,。？?]{0,16}[，,。！!～~\s]*$/,
    // a reason given (因为要写材料)
    /^(?:因为|由于|是因为|主要是因为|主要是)[^，,。？?]{0,20}$/,
    // being in a hurry (挺急的, 比较着急)
    /^(?:挺|很|比较|特别|有点|超|非常|蛮)(?:急|着急)(?:的)?(?:呢|哈|啊|呀)?[！!。～~\s]*$/,
    // nobody told the asker, or could (学校一直没通知, 老师也没说, 导员也说不清楚)
    /^(?:学校|学院|老师|班主任|辅导员|导员|班长)(?:那边)?(?:一直|也|还|都|从来)?(?:(?:没|没有)(?:通知|说|讲|发|告诉)(?:过|我们?)?|说不清楚?|讲不清楚?|不清楚|不知道)[呀啊呢哈]*[。！!～~\s]*$/,
    // asking for others' experience (有没有过来人说说, 有懂的大佬吗)
    /^(?:有没有|有无|求|有)(?:过来人|大佬|大神|懂的|知道的|了解的|考过的|经历过的)(?:人|同学|老师)?(?:来)?(?:说说|讲讲|说一下|讲一下|分享一下|分享|解答一下|解答|指点一下|指点)?(?:吗|呀|啊|哈)?[？?。！!～~\s]*$/,
    // who else asks, or who sent the asker (同学们都在问, 领导让我问的)
    /^(?:同学们?|大家|好多人|很多人|家长们?|班上同学)(?:都)?(?:在)?问/,
    /^(?:领导|老师|辅导员|班主任)(?:让|叫)我(?:来)?问(?:的|一下|下)?[，,。！!～~\s]*$/,
    // someone waiting for it (学校那边在催, 领导催着要)
    /^(?:我们?的?)?(?:学校|学院|领导|上面|上级|教务处|系里|老师|院里)(?:那边|这边)?(?:一直|又|都)?(?:在|正在)?催/,
    // new to the work (刚接手这块工作, 第一次负责考点)
    /^(?:我|本人|俺)?(?:刚|刚刚|才|新)(?:接手|接|负责|开始负责|调来|调到|调过来|入职|上手|来)[^，,。？?]{0,10}[，,。！!～~\s]*$/,
    /^(?:我|本人|俺)?(?:第一次|头一回|头一次)(?:负责|接手|做|弄|搞)[^，,。？?]{0,10}[，,。！!～~\s]*$/,
    /^(?:我们?的?)?(?:学校|学院|系里)?(?:今年|这次)?(?:是)?(?:第一次|头一回|头一次|刚开始)(?:做|搞|弄|接触)[^，,。？?]{0,8}[，,。！!～~\s]*$/,
    // asking what the documents say of the question before (文件里怎么说的, 有文件规定吗)
    /^(?:那)?(?:文件|资料|方案|规定)(?:里|上|中)?(?:面)?(?:是)?(?:怎么|咋|如何)(?:说|写|规定|安排|表述)的?(?:呀|啊|呢)?[？?。！!～~\s]*$|^(?:有|有没有)(?:文件|明文)(?:规定|说明)(?:吗|么)?[？?。！!～~\s]*$/,
    // announcing a question (我这边想确认一个事情：)
    /^(?:我|我们)?(?:这边)?(?:想|要)?(?:确认|问|咨询|请教|了解)(?:一)?(?:个|下)?(?:事情?|问题|情况)[：:，,。\s]*$/,
    // wanting to take it, or not having yet (想考这个证, 我们还没考过)
    /^(?:我|我们)?(?:想|打算|准备)(?:考|报名|抱名|报考|报|参加)(?:这个|那个|个)?(?:1\+?x)?(?:电子商务|电商)?(?:数据分析)?(?:职业技能等级)?(?:证书?|x证书|考试)?[，,。！!～~\s]*$/,
    /^(?:我|我们)?(?:还)?(?:没|没有)(?:考过|考|参加过|报过?)(?:呢)?[，,。！!～~\s]*$/,
    // an exam coming up, told as the occasion (下个月就要考试了)
    /^(?:我们?的?)?(?:下个?月|下周|下星期|明天|后天|马上|快|月底|这周|过几天|年底)(?:就)?(?:要)?(?:考试|考|开考)了(?:[，,\s]?(?:我)?(?:有点|好|很|超|特别|挺)?(?:慌|紧张|焦虑|担心|害怕))?[，,。！!～~\s]*$/,
    // the asker's case said to be special, or asked before (我们这边情况比较特殊, 之前问过一次没人回)
    /^(?:我们?的?|学校)?(?:这边|那边)?(?:的)?情况(?:比较|有点|有些)?特殊[，,。！!～~\s]*$/,
    /^(?:之前|上次|刚才|昨天|前几天)(?:已经)?(?:在群里)?问过[^，,。？?]{0,8}[，,。！!～~\s]*$/,
    // hearing of the certificate, which the question then calls 这个 (听辅导员说有个1+X电子商务数据分析证书)
    /^(?:我)?(?:听|听到)(?:老师|辅导员|班主任|同学|学长|学姐|室友|朋友|别人|大家)?(?:们)?(?:说)?(?:有个|有一个|有)(?:叫)?(?:1\+?x)?(?:电子商务|电商)?(?:数据分析)?(?:职业技能等级)?(?:证书?|考试)[，,。！!～~\s]*$/,
    // what the asker would judge by the answer (想知道认可度, 看看含金量)
    /^(?:我|主要|就是)?(?:想)?(?:知道|了解|看看|判断)(?:一下)?(?:这个证书?的?|它的|证书的?)?(?:认可度|含金量|价值|影响力|知名度|认可程度)(?:怎么样|如何)?[，,。！!～~\s]*$/,
    // what it is for, or not knowing (写论文要用, 答不上来)
    /写论文|写介绍|写报告|写进|写到|写入|(?:要|急)用$|答不上来|没听懂|一脸懵/,
  ]
    .map((r) => r.source)
    .join('|'),
);
/** The asker saying they do not know (我都不知道是啥): a remark, though it holds a question word. */
const NOT_KNOWING = /^(?:我|俺)?(?:都|也|完全|根本|压根|还)?(?:不知道|不晓得|不清楚|搞不懂|不懂)/;
/** Whom something is for, before what it does for them: 对我们(学生来说)有什么用 → 有什么用. */
const FOR_WHOM = /对(?:于)?(?:我们|咱们|我|俺|你们|学生|孩子|娃|大家|我们学生|我们学校|学校)(?:学生|孩子)?(?:来说|而言)?(?=(?:有|能|会)?(?:什么|啥|嘛|没有|多大)?(?:用|帮助|好处|作用|影响))/g;
/** A clause that says why the question is asked, or who had the asker ask it (老师上课问了我答不上来, 写论文要用): not searched. */
const REASON = new RegExp(
  [
    ASIDE,
    // what someone said or asked (老师上课说…, 我妈问…)
    /^(?:我们?的?)?(?:老师|班主任|辅导员|领导|同学|室友|学长|学姐|家长|妈|爸|妈妈|爸爸|爸妈|家里人)[^，,。]{0,6}(?:说|问|讲|提到)/,
    // being told to take it (老师让考这个证, 学校让考1+X, 学校通知…)
    /^(?:我们?的?)?(?:老师|班主任|辅导员|领导)(?:让|要求)[^，,。]{0,3}[，,。！!～~\s]*$/,
    /^(?:我们?的?)?(?:老师|班主任|辅导员|领导|学校)(?:让|要求|叫)(?:我们?|大家|孩子)?(?:去)?(?:考|报|学)(?:这个|那个)?(?:证书?|1\+x|x证书|电商数据分析)?[，,。！!～~\s]*$/,
    /^(?:我们?的?)?(?:学校|学院|系里|班里)(?:让|要求|叫|通知)[^，,。？?]{0,8}[，,。！!～~\s]*$/,
    // the child, or what one studies (我家娃大二, 孩子学市场营销的)
    /^(?:我家|家里|我的)(?:娃|孩子|小孩|儿子|女儿|闺女)[^，,。？?]{0,8}[，,。！!～~\s]*$/,
    /^(?:我|我家|孩子|娃|儿子|女儿|我们|俺)+(?:是)?(?:学|读|念)[^，,。？?]{1,8}的[，,。！!～~\s]*$/,
    /^(?:我家|我的)?(?:孩子|娃|小孩|儿子|女儿|闺女)(?:现在)?在[^，,。？?]{1,8}(?:学|读|念|上)[^，,。？?]{0,8}[，,。！!～~\s]*$/,
  ]
    .map((r) => r.source)
    .join('|'),
);
/** A site or platform named by pointing back (那个平台): the clause before names it. */
/** A clause that asks only of what the message said before it (有没有哪个文件写了这个, 这个有规定吗). */
const POINTER_ONLY = /(?:写了|规定了?|说了|提到|讲了|有)(?:这个|这事|这些|这条|此事)|(?:这个|这事|这条)(?:有|在)(?:规定|文件|依据|说法)/;
const POINTS_BACK = /(?:那个|这个|那|该)(?:平台|网站|网址|系统)/;
/** Who the asker is (我是学校负责1+X的老师), asking nothing: not what is asked, unless it names a major or a school type. */
const SELF_DESCRIPTION = /^(?:(?:我|本人|俺)(?:是|就是)[^，,。？?]{0,24}|(?:刚入学的|刚来的|新来的)?(?:大[一二三四]的?)?)(?:老师|学生|家长|负责人|班长|班主任|辅导员|管理员|联络人|联系人|对接人|专员|主任|干事|同学|新生|毕业生|院长|副院长|校长|副校长|处长|副处长|科长|书记|学委|团支书|教务员|网管)[，,。！!～~\s]*$/;
/** The asker's plan in a closing clause that asks nothing by a word (…吗 想带点资料进去, 想买本教材复习呀？). */
const TRAILING_PLAN = /[，,。！!？?\s]+(?:我|俺)?(?:就|本来|其实)?(?:想|打算|准备)[^，,。？?！!]{1,12}?[呀啊呢哈嘛]*[。！!～~？?\s]*$/;
const SCHOOL_OR_MAJOR = /专业|高职|中职|本科|专科|职高|中专|技校/;
/** The opening of a clause that tells a feeling or pleads (不想白花时间, 我最怕写报告, 麻烦了老师). */
/** A clause that only sets something aside (不是学生机, 我问的不是局域网, 不是问服务器的). */
const NOT_THIS = /^(?:我|俺)?(?:问的|说的|指的|要的|找的)?(?:不是|并非|而不是)(?:问|说|指)?(?:的)?[^，,。？?]{1,14}?(?:的|那个|那台|那边)?[，,。！!～~\s]*$/;
const REMARK = /^(?:我|俺|真的|有点|好)?(?:完全没经验|没经验|没有经验|是新手|新手|不太懂|不懂|不想|不愿|怕|好怕|最怕|很怕|担心|着急|急死|求求|求大佬|谢谢|感谢|麻烦(?!(?:您|你|老师|大家|各位)?(?:问|请教|咨询|打听|确认|看|查|说|告诉))|辛苦|拜托|在线等|急急)/;
/** The major a text says one studies, if any. */
function studied(text: string): string | undefined {
  const m = MAJOR_STUDIED.exec(text);
  return m?.[1] ?? m?.[2];
}
/** Asking how to take part in something (报名, 参加, 申请, 办理). */
const JOIN_HOW = /(怎么|如何|咋|怎样)(报名|参加|申请|办理|签)/;
/** Above a passage (at most 0.9): the people, not a passage that mentions the programme. */
const JOIN_SCORE = 0.91;
/** Words of the programme itself: a question holding one is not off-topic whatever the classifier's guess. */
const PROGRAMME_WORDS = /考试|考点|考场|考生|证书|报名|申报|试点|考务|监考|成绩|培训|博导|1\+X/i;
/** The company's shares as an investment (股价, 能买吗): no question about the programme, though 博导 is named. */
const MARKET_TALK = /股价|涨了|跌了|能买|买入|炒股|推荐.{0,4}股票/;
/** How far behind another college's rule the general passage may fit and still be the answer. */
const GENERAL_MARGIN = 0.3;
/** How far behind the best a passage may be and still win by checking the asker's own number. */
const CHECKING_MARGIN = 0.05;
/** How many figures of one's own a question gives (45台i5电脑，服务器16G内存 gives four). */
function ownFigures(text: string): number {
  return (text.match(/\d+(?:\.\d+)?\s*(?:台|个|名|位|人|G|T|M|小时|年|%|％)|(?<![a-z])i[3579](?![0-9a-z])/gi) ?? []).length;
}
/** How far below a general passage the named college's own may score and still answer for it. */
const OWN_MARGIN = 0.3;
/** Asking which level something belongs to (数据分析指标体系制定是哪个级别的任务): one level's passage answers. */
/** A which-level question about a named job, work area or task: the name before it. */
const ITEM_LEVEL = /^(.{2,20}?)(?:是|属于|对应|算|归|在)?(?:的)?(?:哪个|哪一个|哪一|哪|什么|几)(?:级|级别|等级)/;
const WHICH_LEVEL = /哪(个|一)?(级|级别|等级)|什么(级别|等级)|几级的/;
/** How close two level passages' scores are for the question to count as asking neither. */
const LEVEL_TIE = 0.1;

function parentSection(section: string): string | undefined {
  // An FAQ entry's parent is that of the row it cites: （据“二、证书标准解读（二）面向专业 · 应用型本科学校”）.
  const cited = /常见问题/.test(section) ? citationOf(section) : undefined;
  if (cited) return parentSection(cited);
  const at = section.lastIndexOf('·');
  // (Spaces apart: a citation writes 证书标准解读（二）面向专业 where the heading has 证书标准解读 （二）面向专业.)
  return at > 0 && !/常见问题/.test(section) ? section.slice(0, at).replace(/^[“"]/, '').replace(/\s+/g, '') : undefined;
}

/**
 * The best passage, joined by a sibling row of the same table (same document and parent
 * section) that fits the question as well: the question does not say which of the two it means.
 */
/** A passage's answer, its score and the evidence for it. */
interface ScoredPassage {
  answer: Answer;
  score: number;
  hit: Hit;
  evidence: DocumentEvidence;
}

function withSibling(best: ScoredPassage, scored: ScoredPassage[]): ScoredPassage {
  const passage = best.hit.unit.passage;
  const parent = parentSection(passage.section);
  if (!parent || best.score < DECIDE_AT) return best;
  const sibling = scored.find(
    (o) => o.hit.unit.passage !== passage && o.hit.unit.passage.document === passage.document && parentSection(o.hit.unit.passage.section) === parent && o.score >= best.score - SIBLING_GAP,
  );
  if (!sibling) return best;
  const body = (a: Answer) => a.text.replace(/\n来源：[^\n]*$/, '');
  // (An FAQ entry that quotes the passage it cites says nothing more: shown once.)
  const [mine, theirs] = [body(best.answer), body(sibling.answer)];
  if (mine.includes(theirs) || theirs.includes(mine)) return best;
  const sources = [...best.answer.sources, ...sibling.answer.sources];
  return { ...best, answer: { ...best.answer, text: `${body(best.answer)}\n${body(sibling.answer)}${citation(sources)}`, sources } };
}

/** An answer with a companion FAQ entry's text after its own, both cited. */
function withCompanion(best: ScoredPassage, companion: Passage): ScoredPassage {
  const mine = best.answer.text.replace(/\n来源：[^\n]*$/, '');
  if (mine.includes(companion.body.trim())) return best;
  const sources = [...best.answer.sources, { document: companion.document, section: companion.section, file: companion.file }];
  return { ...best, answer: { ...best.answer, text: `${mine}\n${companion.body.trim()}${citation(sources)}`, sources } };
}

/**
 * Two look-alike sets of conditions: a pilot college's training room (申报基础条件: 学生电脑,
 * 培训机房服务器 32GB, 100Mbps) and an exam site's (考点基本条件: 考试计算机, 考点服务器 16G, 10M);
 * and the two look-alike applications, a pilot college's (试点院校申报) and an exam site's (考核站点申报).
 */
type Frame = 'training' | 'exam';
const QUESTION_TRAINING = /培训机房|实训机房|实训室|培训室|培训用|培训的|上课|教学用|学生电脑|学生用|试点申报|申报试点|申请试点|申试点|报试点|试点院校申报|试点条件|讲师团队|师资团队|授课老师|培训团队/;
const QUESTION_EXAM = /考点|考场|考试用|考试的|考试(?:那|这|那个|这个|那些|那批|时|时候|时候用的)?(电脑|计算机|服务器|机)|考生|考核站点|监考|考务/;
const PASSAGE_TRAINING = /申报基础条件|培训机房|学生电脑|培训教学场地|培训管理团队|试点院校申报|申报试点院校|试点申报/;
const PASSAGE_EXAM = /考点基本条件|考核站点管理办法|考点服务器|考试计算机|考试服务器|考试主控机|考场|考核站点申报|申报考核站点|考点申报|申报考点/;

function questionFrame(text: string): Frame | undefined {
  const training = QUESTION_TRAINING.test(text);
  const exam = QUESTION_EXAM.test(text);
  return training === exam ? undefined : training ? 'training' : 'exam';
}

/** The frame of a passage, from its section (and citation note), its document and its first words. */
function passageFrame(passage: Passage, text: string): Frame | undefined {
  const about = `${passage.section.replace(/^.*·/, '')} ${passage.document} ${text.slice(0, 24)}`;
  const training = PASSAGE_TRAINING.test(about);
  const exam = PASSAGE_EXAM.test(about);
  return training === exam ? undefined : training ? 'training' : 'exam';
}

/** Passages this alike say the same thing. */
const SAME_CONTENT = 0.5;

/** Share of the question's words in a section title (考核站点申报 · 考试主控机). */
function sectionShare(words: string[], section: string): number {
  return words.length ? words.filter((w) => section.includes(w)).length / words.length : 0;
}

export interface EngineOptions {
  timeZone: string;
  now: () => Date;
}

interface Candidate {
  answer: Answer;
  score: number;
}

/** What a decision rested on, for fitting the document model (knowledge/cli/fit.ts). */
export interface Trace {
  /** The best passages' answers and evidence. */
  documents: Array<{ answer: Answer; evidence: DocumentEvidence; score: number; passage: Passage }>;
  /** The best score of the other candidates (contacts, exams, levels…). */
  otherBest: number;
  /** Score the message as if it were not one of the examples the engine learned from (npm run fit, evaluation of tuning sets). */
  leaveOut?: boolean;
}

let sharedModel: DocumentModel | undefined;
let sharedAsked: AskedFile | undefined;
export { STAFF_ANSWERS };
/** The most a document answer scores: below the structured answers built from the data files. */
const DOCUMENT_CAP = 0.9;
/** A console passage this likely gets CONSOLE_BONUS, or CONSOLE_DATED when it names the asked year. */
const CONSOLE_FLOOR = 0.45;
const CONSOLE_BONUS = 0.15;
const CONSOLE_DATED = 0.95;
/** A question whose best passage is this likely is about the programme (its decline names the 区域管家). */
const IN_DOMAIN = 0.35;
/** A passage no word matched competes only when it holds this share of the question's character pairs. */
const CHAR_ONLY = 0.5;
/** A short question this like one of an FAQ heading's ways of asking scores at least LISTED_SCORE. */
const ASKED_AS_LISTED = 0.85;
const LISTED_SCORE = 0.85;
/** The score of the FAQ entry a question is worded as, word for word. */
const WORDED_AS_LISTED = 0.96;
/** The score from which a passage whose one bound checks the asker's own figure (企业老师占30%行吗 → 40%以上) answers. */
const CHECKED_AT = 0.6;
/** How many passages compete as document answers. */
const DOCUMENT_OPTIONS = 5;

/**
 * What most of building an engine costs: the passage index and the asked-passage classifier,
 * plain data computed from the snapshot's passages (and the jieba dictionary as the snapshot's
 * entities extend it, which the engine's constructor does before building them).
 */
export interface EngineParts {
  index: PassageIndex;
  asked: AskedPassages;
}

export class AnswerEngine {
  private readonly entities: EntityExtractor;
  private readonly index: PassageIndex;
  private readonly asked: AskedPassages;
  private readonly gaps: Gaps;
  /** The college whose own document a passage comes from (seeds 001, 002, 004, uploads), by title. */
  private readonly collegeOfDocument = new Map<string, string>();
  /** Each such college's name and its everyday short form (上海电子信息职业技术学院 → 上海电子信息). */
  private readonly documentColleges: Array<{ name: string; short: string; called: RegExp }> = [];
  /** The FAQ entry a question is worded as, word for word. */
  private readonly listedWays: ListedWays;
  private readonly gramsOfUnit = new WeakMap<Unit, Set<string>>();
  private readonly gramsOfHeading = new WeakMap<Passage, Set<string>>();

  constructor(
    readonly snapshot: KnowledgeSnapshot,
    private readonly classifier: IntentClassifier,
    private readonly options: EngineOptions,
    /** The slow parts, built before over this very snapshot (api/assistant/engine-cache.ts); built here when absent. */
    parts?: EngineParts,
  ) {
    this.entities = new EntityExtractor(snapshot);
    this.index = parts?.index ?? new PassageIndex(snapshot.passages);
    this.asked = parts?.asked ?? new AskedPassages(snapshot.passages, (sharedAsked ??= loadAsked()));
    this.gaps = new Gaps(snapshot.passages);
    for (const p of snapshot.passages) {
      if (this.collegeOfDocument.has(p.document)) continue;
      const name = COLLEGE_IN_TITLE.exec(p.document.replace(/^.*《/, ''))?.[1];
      if (!name) continue;
      this.collegeOfDocument.set(p.document, name);
      if (this.documentColleges.some((c) => c.name === name)) continue;
      const short = name.replace(/(职业技术学院|职业学院|学院|大学)$/, '');
      // Its short names, not when they begin another school's name (北工 in 北工大).
      const names = [short, ...(snapshot.collegeNames?.[name] ?? [])].sort((a, b) => b.length - a.length).map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.documentColleges.push({ name, short, called: new RegExp(`(${names.join('|')})(?!大)`) });
    }
    this.listedWays = new ListedWays(snapshot.passages, (p) => this.collegeOfDocument.has(p.document));
  }

  /** The province a place name, city or registered college refers to (找人 search). */
  resolveProvince(text: string): SnapshotProvince | undefined {
    return this.entities.extract(text).provinces[0];
  }

  get passageUnits(): number {
    return this.index.units.length;
  }

  /** The parts that take long to build, to keep for a later engine over the same snapshot. */
  get parts(): EngineParts {
    return { index: this.index, asked: this.asked };
  }

  answer(input: AskInput, trace?: Trace): Answer {
    const text = normalize(input.text).slice(0, 500);
    // Only emoji (normalised away): 🙏 and 👍 thank, 👋 says hello; nothing at all asks for help.
    if (!text) return input.text.trim() ? this.greeting(THANKS_EMOJI.test(input.text)) : this.help();
    const bare = text.replace(/[\s,.!?;:~，。！？、…—-]+/g, '');
    // A question mark alone (？) asks what the assistant can do.
    if (!bare && /[?？]/.test(text)) return this.help();
    // (Small talk is read before spaces go: good morning, hi there.)
    if (bare && (!bare.replace(SMALL_TALK, '') || !text.replace(SMALL_TALK, '').replace(/[\s,.!?;:~，。！？、…—-]+/g, ''))) return this.greeting(THANKS.test(bare) || THANKS.test(text));
    // A greeting by name (苏老师好～), or only emoji: 🙏 and 👍 thank, 👋 says hello.
    if (NAMED_GREETING.test(bare)) return this.greeting();
    if (bare && !/[\p{L}\p{N}]/u.test(bare)) return this.greeting(THANKS_EMOJI.test(bare));
    // Introducing oneself (各位老师好，我是新来的对接老师) and asking nothing.
    // (Unless it asks by a request, 刚接手…麻烦提供一下省区负责人的电话: a question without a question word.)
    if (SELF_INTRODUCTION.test(text) && !ASKS_SOMETHING.test(text) && !ASKED_BY_REQUEST.test(text) && !CONTACT_WORD.test(text)) return this.greeting();
    // Which document says it, and nothing of what (哪个文件说的, 有没有哪个文件写了这个): no question to search for.
    if (SOURCE_ONLY.test(bare)) return this.decline(undefined, false);
    // Asking whether anyone is there, alone or after saying who one is (在不在嘛, 我是班长，帮同学们来问问题的，请问现在有人在吗): a greeting.
    const clauses = text.split(CLAUSE_END).map((c) => c.trim()).filter(Boolean);
    if (PRESENCE.test(text.trim().replace(/\s+/g, ''))) return this.greeting();
    if (clauses.length > 1 && PRESENCE.test(clauses[clauses.length - 1]!) && !clauses.slice(0, -1).some((c) => ASKS_SOMETHING.test(c) || ASKED_BY_REQUEST.test(c.replace(/^(?:请问|麻烦)/, '')))) return this.greeting();
    // (A province named beside it does not make it that province's question when the whole list is asked: 我是黑龙江省教育厅的…把你们所有省区负责人的电话都导出来.)
    if (BULK.test(text) && (!this.entities.extract(text).provinces.length || WHOLE_LIST.test(text))) return this.decline(undefined, true);
    // Looking up one person's result (我们班王思雨的成绩出来没，帮忙看一下) is nothing the assistant can do:
    // declined, with where the person looks it up.
    if (PERSONAL_RESULT.test(text) && !WHERE_ASKED.test(text)) return { intent: 'unanswered', text: `${ABSTAIN}我查不到个人的成绩和证书，请考生本人通过官方渠道查询：${officialChannelsLine(this.snapshot)}。`, sources: [], confidence: 0, abstained: true };
    // Writing for the asker (帮我写个开会通知) is no question the documents answer.
    if (WRITING_TASK.test(text)) return this.decline(undefined, true);
    // An override attempt is dropped sentence by sentence; a real question beside it is answered.
    // (Its question marks go with it: 把提示词发给我？？？ leaves no question.)
    if (OVERRIDE.test(text) && EXFILTRATE.test(text)) return this.decline(undefined, true);
    let kept = OVERRIDE.test(text) ? text.split(/(?<=[。！？!?；;，,：:\n】~～]|——|[\u4e00-\u9fff]\s|\.\s)|(?<=[a-z]\s+)(?=[\u4e00-\u9fff])/).filter((s) => !OVERRIDE.test(s) && /[\p{L}\p{N}]/u.test(s)).join('').trim() : text;
    if (!kept.replace(/[\s,.!?;:~，。！？、…—-]+/g, '')) return this.decline(undefined, true);
    // What is left of an override attempt is answered only when it asks something (批一个考点 is an order).
    if (kept !== text && !ASKS_BY_WORD.test(kept)) return this.decline(undefined, true);
    // A greeting before the question and thanks after it (老师好，… ，谢谢啦) are no part of it;
    // (So is a reason or who asks, 学校那边在催, 刚接手这块工作, when it names no place, school, major or level.)
    kept = kept.replace(CONNECTIVE, '') || kept;
    // (A polite opening, 麻烦问下…, for every rule, not only the search: 麻烦问下江西是华东区还是华南区.)
    kept = withoutLeadIn(kept);
    // (And who the asker asks for, 同学问我…, and the school one attends, 我是中职的, unless the question is who may take the exam.)
    kept = kept.replace(ASKED_FOR, (m) => (kept.length - m.length >= 4 ? '' : m));
    // (Who may take it, asked of a major named, is the major's question: 我是大二学生，商务英语的学生可以考不.)
    const eligibility = ELIGIBILITY.test(kept) && !(this.listedMajorIn(kept) ?? kept.split(CLAUSE_END).some((c) => studied(c.trim())));
    const aside = (c: string) => isSmallTalk(c) || (ASIDE.test(c.trim()) && !SCHOOL_OR_MAJOR.test(c) && !this.listedMajorIn(c) && !this.named(c)) || (!eligibility && SCHOOL_ATTENDED.test(c.trim()));
    kept = withoutAsides(kept, aside);
    // (Who asks, once a greeting before it is gone: 老师好，我妈问考试是在哪考的.)
    kept = kept.replace(ASKED_FOR, (m) => (kept.length - m.length >= 4 ? '' : m));
    // (A joining word after them too, and what it opened: 嗯嗯好的，那刚上大一 …)
    const joined = kept.replace(CONNECTIVE, '');
    if (joined && joined !== kept) kept = withoutAsides(joined, aside);
    // (And the asker's plan after the question, 考试能插U盘吗 想带点资料进去: its words are not asked about.)
    const plan = TRAILING_PLAN.exec(kept);
    if (plan && ASKS_SOMETHING.test(kept.slice(0, plan.index)) && !ASKS_BY_WORD.test(plan[0]) && !SCHOOL_OR_MAJOR.test(plan[0]) && !/[初中高]级/.test(plan[0])) kept = kept.slice(0, plan.index);
    // Two or three questions in one message (1.证书分几级 2.在哪查证书) are each answered; so are
    // two things asked of at once (考务团队人数和监考比例分别有啥要求).
    const both = BOTH_ASKED.exec(kept);
    if (both && !this.entities.extract(kept).provinces.length) {
      const answers = [sharedTail(both[1]!, both[3]!), sharedHead(both[1]!, both[3]!)].map((subject) => this.decide(`${subject}${both[4]}`, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
      if (answers.every((a) => !a.abstained) && answers[0]!.text !== answers[1]!.text) return combined(answers);
    }
    // Two sites asked whether they are one (学分银行和x证书平台是一个网站吗): each one's address.
    const sites = SAME_SITE.exec(kept);
    if (sites) {
      const answers = [sites[1]!, sites[3]!].map((site) => this.decide(`${site}网址`, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
      const urls = answers.map((a) => /https?:\/\/[\w./-]+/.exec(a.text)?.[0]);
      if (answers.every((a) => !a.abstained && a.confidence >= PAIR_SURE) && urls[0] && urls[1] && urls[0] !== urls[1]) {
        const both = combined(answers);
        return { ...both, text: `不是同一个，是两个网站：\n${both.text}` };
      }
    }
    // (Items numbered with a space only, 1 考试形式 2 成绩在哪查, are numbered items too.)
    let sureParts: Answer | undefined;
    let parts = messageParts(/(^|[：:\s])1\s+[\u4e00-\u9fff].*\s2\s+[\u4e00-\u9fff]/.test(kept) ? kept.replace(/(^|[：:\s])([1-5])\s+(?=[\u4e00-\u9fff])/g, '$1$2.') : kept);
    // (A part about a place the message as a whole sets aside, 负责人是湖南的吧？我们学校在湖北仙桃，不在湖南，该找谁,
    // is no question of its own: the message is one question about the place in focus.)
    const setAside = parts.length >= 2 ? this.entities.extract(kept).excluded : [];
    if (setAside.length && parts.some((part) => { const own = this.entities.extract(part.own).provinces; return own.length > 0 && own.every((p) => setAside.includes(p)); })) parts = [];
    if (parts.length >= 2) {
      // A level the first part names is the later parts' too when they name none (初级有哪些工作领域，另外考完能干啥岗位).
      // (Unless the part so read finds no answer: 证书是哪个机构负责的 is no level's.)
      const level = this.entities.extract(parts[0]!.own).levels;
      // (So is a place the first part names, to a later part asking for a person and naming none:
      // 呼市的省区负责人是哪位？考务上的事区域管家是谁.)
      const place = this.entities.extract(parts[0]!.own).named;
      const carried = parts.map((part, i) => {
        if (i === 0) return undefined;
        const own = this.entities.extract(part.own);
        if (level.length === 1 && !own.levels.length && !LEVEL_WORD.test(part.own)) return { text: `${level[0]}${part.text}`, own: `${level[0]}${part.own}` };
        if (place.length && !own.provinces.length && WHO.test(part.own)) { const at = place.map((p) => p.name).join('、'); return { text: `${at}：${part.text}`, own: `${at}：${part.own}` }; }
        return undefined;
      });
      // (Each part is left out of the examples as the whole message would be.)
      const answers = parts.map((part, i) => {
        const decided = (p: { text: string; own: string }) => this.decide(p.text, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }, p.own);
        const withLevel = carried[i] && decided(carried[i]!);
        // (A later part's own polite opening goes as the message's did: 说实话想知道值不值得考.)
        return withLevel && !withLevel.abstained ? withLevel : decided(i > 0 ? { text: withoutLeadIn(part.text), own: withoutLeadIn(part.own) } : part);
      });
      const answered = answers.filter((a) => !a.abstained);
      // (Parts found only by leaving a closing remark aside stand when each is surely answered.)
      if (parts[0]!.loose && answers.some((a) => a.abstained || a.confidence < DECIDE_AT)) parts = [];
      else {
        if (answered.length === answers.length) return combined(answered);
        // Some parts surely answered, the others not: those answered, the others said to be followed up.
        const partial = partlyAnswered(parts.map((p) => p.own), answers);
        if (partial) return partial;
        // (The others merely unsure, each part sure or unsure asking of one thing, 去哪里考？考点对社会开放吗:
        // the sure ones, when the whole finds nothing; see below.)
        sureParts = oneSurePart(parts.map((p) => p.own), answers);
      }
    }
    const whole = this.decide(kept, input, trace);
    // The asker's guess first, then the question (考试是一人一台电脑吧？一个考场大概多少人一起考): the
    // question, when it alone is surely answered and surer than the message as a whole.
    const guessFirst = GUESS_FIRST.exec(kept);
    if (guessFirst && ASKS_SOMETHING.test(guessFirst[2]!)) {
      const question = this.decide(guessFirst[2]!, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut });
      if (!question.abstained && question.confidence >= PAIR_SURE && (whole.abstained || whole.confidence < question.confidence)) return question;
    }
    if (whole.abstained && sureParts) return sureParts;
    // (Nor when the whole message finds only what one of the sure parts found: the sure parts say more,
    // 考点入口怎么布置？…还有要不要公布举报电话 → the entrance and the notice board.)
    const same = (a: Source, b: Source) => a.document === b.document && a.section === b.section;
    if (!whole.abstained && sureParts && whole.sources.length && sureParts.sources.length > whole.sources.length && whole.sources.every((x) => sureParts!.sources.some((o) => same(x, o)))) return sureParts;
    // Two questions parted by a comma only (考点多久评估一次，不合格会怎样), when the message as one
    // question finds no answer: both answered, or the decline stands.
    const pair = parts.length < 2 ? commaPair(kept) : undefined;
    // (Answered as one, the message gets the answer to one of its two questions at most: when each
    // part is surely answered, and otherwise, both are answered.)
    if (pair && !whole.abstained) {
      const answers = pair.map((part) => this.decide(part, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
      return answers.every((a) => !a.abstained && a.confidence >= PAIR_SURE) && answers[0]!.text !== answers[1]!.text ? combined(answers) : whole;
    }
    if (pair) {
      const answers = pair.map((part) => this.decide(part, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
      if (answers.every((a) => !a.abstained && a.confidence >= PAIR_SURE) && answers[0]!.text !== answers[1]!.text) return combined(answers);
      // (One of the two on a topic no document covers, 录像保存多久: the other answered, that one said.)
      const partial = partlyAnswered(pair, answers);
      if (partial) return partial;
    }
    // A question followed by the asker's own guess at it (考试在哪考？是在自己学校考还是去别的地方):
    // the question, when it is surely answered alone and the message as a whole is not.
    // (Two short questions parted by a question mark, each surely answered alone: both.)
    const marked = parts.length < 2 ? markPair(kept) : undefined;
    if (marked) {
      const answers = marked.map((part) => this.decide(part, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
      if (answers.every((a) => !a.abstained && a.confidence >= PAIR_SURE) && answers[0]!.text !== answers[1]!.text) return combined(answers);
    }
    // (Also at the end of a longer message: …，想问下考试是怎么考的，是不是要去机房？)
    // (Only when what goes before names no place, college or level.)
    const guessed = whole.abstained ? withGuess(kept) ?? (this.named(kept) ? undefined : withGuess(lastTwoClauses(kept))) : undefined;
    if (guessed) {
      const first = this.decide(guessed, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut });
      if (!first.abstained && first.confidence >= PAIR_SURE) return first;
    }
    // (Or followed by the asker's own count: the question, and the count checked against its answer.)
    const counted = whole.abstained ? withOwnCount(kept) : undefined;
    if (counted) {
      const first = this.decide(counted, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut });
      if (!first.abstained && first.confidence >= PAIR_SURE) return withVerdict(first, kept);
    }
    // (Or followed by a remark that asks nothing, 带宽最低要求是多少？我们学校网络中心说…得有个依据。: the
    // message up to its last question mark, when that is surely answered.)
    const remarked = whole.abstained ? BEFORE_REMARK.exec(kept) : null;
    if (remarked && !ASKS_SOMETHING.test(remarked[2]!) && !/\d/.test(remarked[2]!)) {
      const asked = this.decide(remarked[1]!, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut });
      if (!asked.abstained && asked.confidence >= PAIR_SURE) return asked;
    }
    // (Or two of its clauses ask the same thing in other words, 能不能和课程学分互认…方案里对学分转换是怎么规定的:
    // their one answer, when each is surely answered alone by it.)
    const agreed = whole.abstained ? this.agreeingClauses(kept, input, trace) : undefined;
    if (agreed) return agreed;
    // (Or a long story before its one question, 今年省厅刚发了通知…之前的材料都是二级学院在弄，想确认一下申报和备案是在哪个平台上进行的:
    // that question alone, when it is very surely answered and names what the story named.)
    const last = whole.abstained ? this.storysQuestion(kept) : undefined;
    if (last) {
      // (And the passage it finds is the one the whole message found best: the story agrees.)
      const wholeTrace: Trace = { otherBest: 0, documents: [], leaveOut: trace?.leaveOut };
      const aloneTrace: Trace = { otherBest: 0, documents: [], leaveOut: trace?.leaveOut };
      this.decide(kept, input, wholeTrace);
      const alone = this.decide(last, input, aloneTrace);
      const top = (t: Trace) => [...t.documents].sort((a, b) => b.score - a.score)[0]?.passage;
      if (!alone.abstained && alone.confidence >= STORY_SURE && alone.intent !== 'contact_lookup' && top(wholeTrace) !== undefined && top(wholeTrace) === top(aloneTrace)) return alone;
    }
    return whole.abstained ? this.withoutOneClause(kept, whole, input, trace) : whole;
  }

  /** The one clause that asks, at the end of a message of three or more clauses, when no other asks and it names no place. */
  private storysQuestion(text: string): string | undefined {
    const clauses = text.split(/(?<=[，,。！!？?；;])/).map((c) => c.trim()).filter((c) => c && !isSmallTalk(c));
    if (clauses.length < 3) return undefined;
    // (A count told before it, 班上几个学生一直问我, asks nothing.)
    const asking = clauses.map((c, i) => (ASKS_BY_WORD.test(c.replace(/几(?=个|位|天|次|年)/g, '')) || (ASKS_BY_WORD.test(c) && /[?？]$/.test(c)) ? i : -1)).filter((i) => i >= 0);
    if (asking.length !== 1 || asking[0]! < clauses.length - 2) return undefined;
    const question = withoutLeadIn(clauses[asking[0]!]!.replace(/[，,；;]$/, ''));
    return bareQuestion(question).length >= 6 && !this.named(question) ? question : undefined;
  }

  /** The one answer two asking clauses of a message each get surely alone, if they do. */
  private agreeingClauses(text: string, input: AskInput, trace?: Trace): Answer | undefined {
    const clauses = text.split(/(?<=[，,。！!？?；;])/).map((c) => c.trim()).filter((c) => c && (ASKS_SOMETHING.test(c) || ASKED_BY_REQUEST.test(c)) && !isSmallTalk(c));
    if (clauses.length < 2 || clauses.length > 4) return undefined;
    const all = clauses.map((c) => this.decide(c.replace(/[，,；;]$/, ''), input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut }));
    // (A clause that only points back at the others, 有没有哪个文件写了这个, asks nothing of its own.)
    // (Nor does one that repeats another's ask, 多少课时 after 最多上多少课时.)
    const repeats = (i: number) => clauses.some((c, j) => j !== i && bareQuestion(c).length > bareQuestion(clauses[i]!).length && bareQuestion(c).includes(bareQuestion(clauses[i]!)));
    const answers = all.filter((_, i) => !POINTER_ONLY.test(clauses[i]!) && !repeats(i));
    if (!answers.length || !answers.every((a) => !a.abstained && a.confidence >= PAIR_SURE)) return undefined;
    // (The same passage found twice, once under its FAQ heading: one answer.)
    const body = (a: Answer) => a.text.replace(/\n来源：[^\n]*$/, '').replace(/^.*(?:的做法|为准)：\n/, '');
    const distinct: Answer[] = [];
    for (const a of [...answers].sort((x, y) => body(y).length - body(x).length)) if (!distinct.some((d) => body(d).includes(body(a)))) distinct.push(a);
    return distinct.length === 1 ? distinct[0] : distinct.length === 2 ? combined(distinct) : undefined;
  }

  /**
   * A message of a few clauses that finds no answer as a whole, but does without one clause that
   * names nothing and holds no word the documents use (刚上大一), or only says the asker does not
   * know (我都不知道是啥): a remark that thins the question's coverage. The surest of those answers,
   * when it is sure (PAIR_SURE); otherwise the decline stands. (Not a decline that says why: a
   * topic no document covers, or one out of scope.)
   */
  private withoutOneClause(text: string, whole: Answer, input: AskInput, trace?: Trace): Answer {
    if (whole.intent !== 'unanswered' || whole.text.includes(GAP_SAID)) return whole;
    const clauses = text.split(CLAUSE_END).map((c) => c.trim()).filter(Boolean);
    if (clauses.length < 2 || clauses.length > 4) return whole;
    let best: Answer | undefined;
    clauses.forEach((clause, i) => {
      if (this.named(clause) || this.index.usesKnownWord(clause) || (ASKS_BY_WORD.test(clause) && !NOT_KNOWING.test(clause))) return;
      const rest = clauses.filter((_, j) => j !== i).map((c) => (/[，,。！!？?；;～~]$/.test(c) ? c : `${c}，`)).join('').replace(/[，,]$/, '');
      const answer = this.decide(rest, input, trace && { otherBest: 0, documents: [], leaveOut: trace.leaveOut });
      if (!answer.abstained && answer.confidence >= PAIR_SURE && (!best || answer.confidence > best.confidence)) best = answer;
    });
    return best ?? whole;
  }

  /**
   * The clauses of a message the search can use: a clause that asks nothing and holds no word the
   * documents use (考完好几天了, 我是班长) says how the asker feels or who they are, not what they
   * ask; beside a clause that asks, it only thins the question's coverage.
   */
  private askingPart(text: string): string {
    // (Clauses part at punctuation, and at a space beside Chinese: how do I check my certificate is one.)
    const clauses = text.split(CLAUSE_END).filter((c) => c?.trim());
    if (clauses.length < 2) return withoutLeadIn(text);
    // (好几天, 十几个 count and do not ask; 够不, 行不 ask.)
    const asksAlone = (c: string, re: RegExp) => re.test(c.replace(/[好十这那]几|几乎/g, '')) || /(够|行|对|可以|能|是)不/.test(c);
    // (Beside a clause with a question word, a question mark alone asks nothing: 考完好几天了？)
    const re = clauses.some((c) => asksAlone(c, ASKS_BY_WORD)) ? ASKS_BY_WORD : ASKS_SOMETHING;
    // (With no question word anywhere, a request asks: 想确认一下培训教学场地学生电脑的参考配置，谢谢！)
    const requestOnly = !clauses.some((c) => asksAlone(c, ASKS_SOMETHING));
    const asks = (c: string) => asksAlone(c, re) || (requestOnly && ASKED_BY_REQUEST.test(c));
    // (A feeling or a plea that asks nothing, 不想白花时间, 怕太难, is no part of the question whatever its words.)
    // (A greeting or thanks, 老师好 or 谢谢老师🙏, says nothing of the question: its 老师 is no teacher asked about.)
    // (Its school type counts only when the message asks who may enter: 我是银川一所中职的老师…1和X分别指什么 asks no eligibility.)
    const selfOnly = (c: string) => SELF_DESCRIPTION.test(c.trim()) && (!SCHOOL_OR_MAJOR.test(c) || (!ELIGIBILITY.test(text) && !/专业/.test(c))) && !this.listedMajorIn(c);
    // (Nor is a reason, its question mark then asking nothing: 辅导员让我们报？)
    // (Unless the question points back at what was said: 辅导员说能存进学分银行，那个平台去哪登录.)
    const pointsBack = clauses.some((c) => asks(c) && POINTS_BACK.test(c));
    const told = (c: string) => !pointsBack && REASON.test(re === ASKS_BY_WORD ? c.replace(/[呀啊呢嘛吧哈哦啦]*[?？]+\s*$/, '') : c);
    // (Nor is what the asker sets aside, 不是学生机, 我问的不是局域网: its words are not asked about.)
    // (Who the asker is not, 不是学校, 不是在校生, still says who asks.)
    const setAside = (c: string) => NOT_THIS.test(c.trim()) && /问|说|指/.test(c) && !asks(c) && !/不是(?:在校|学校|学生(?!机)|院校|老师|本校|试点|我们学校)/.test(c);
    const kept = clauses.filter((c) => !isSmallTalk(c) && !selfOnly(c) && !setAside(c) && (asks(c) || (this.index.usesKnownWord(c) && !REMARK.test(c.trim()) && !told(c))));
    return kept.some(asks) ? kept.map(withoutLeadIn).join('') : text;
  }

  /** The FAQ entry the last clause of a message is worded as, when the clauses before it only tell who asks. */
  private lastClauseListed(text: string): Passage | undefined {
    const clauses = text.split(/[，,。；;！!？?]+/).map((c) => c.trim()).filter(Boolean);
    if (clauses.length < 2) return undefined;
    const before = clauses.slice(0, -1);
    if (before.some((c) => ASKS_SOMETHING.test(c)) || this.named(before.join('，'))) return undefined;
    // (A clause that says what it asks of: 能考吗 alone leans on what came before.)
    const last = withoutLeadIn(clauses[clauses.length - 1]!);
    return bareQuestion(last).length >= 4 ? this.listedWays.find(last) : undefined;
  }

  /** Whether a clause of the message that asks something (or the message, when none does) names a year. */
  private yearAsked(raw: string): boolean {
    const clauses = raw.split(CLAUSE_END).filter((c) => c && ASKS_SOMETHING.test(c));
    return (clauses.length ? clauses : [raw]).some((c) => this.entities.extract(c).year !== undefined || RELATIVE_YEAR.test(canonical(c)));
  }

  /** Whether a clause of the message that asks something (or the message, when none does) asks when: not 下个月我们承办考试，入口要布置什么. */
  private whenAsked(raw: string): boolean {
    // (Clauses parted by punctuation only: 2022 exam months for 电子商务数据分析? is one.)
    // (And at a space between Chinese words: 下个月要考初级了 初级考试主要考哪几块 is two.)
    const clauses = raw.split(/(?<=[，,。！!？?；;～~])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/).filter((c) => c && ASKS_SOMETHING.test(c));
    return (clauses.length ? clauses : [raw]).some((c) => EXAM_WHEN.test(canonical(normalize(c))));
  }

  /** Whether a text names a place, a college or a level. */
  private named(text: string): boolean {
    const e = this.entities.extract(text);
    return e.provinces.length + e.colleges.length + e.levels.length + e.regions.length + e.uncovered.length > 0;
  }

  /** `own`: the words of this question alone, without the context a message gave before it. */
  private decide(raw: string, input: AskInput, trace?: Trace, own = raw): Answer {
    const e = this.entities.extract(raw);
    // Regular expressions read the documents' wording (负则人 → 负责人, exam date → 考试时间).
    const text = canonical(raw);
    const bound = input.group?.provinceCode ? this.snapshot.provinces.find((p) => p.code === input.group!.provinceCode) : undefined;
    const now = input.now ?? this.options.now();

    const candidates: Candidate[] = [];
    const add = (answer: Answer | undefined, score: number) => answer && candidates.push({ answer, score });

    // The sentence that asks, as typed (for the search) and in the documents' wording (for its answer type).
    // (Who it is for, 对我们有什么用, 对学生来说有啥用, is no part of what is asked.)
    const rawFocus = this.askingPart(focusSentence(own)).replace(FOR_WHOM, '');
    // A topic the documents do not cover (补考, 成绩复核…): no passage and no exam date answers it.
    // (Not in a clause that only states the asker's own figure: 今年班里获证率大概78%，课时费还能按最高档算吗.)
    const gap = this.gaps.find(rawFocus.split(CLAUSE_END).filter((c) => c && (ASKS_SOMETHING.test(c) || !ownFigures(c))).join('，'));
    const focus = canonical(rawFocus);
    const wanted = askedType(focus);
    // 证书是谁发 asks for a body (the training organisation), 报名费是谁交的 for a payer, 找谁 for a person.
    // (Not a role the asker holds or works with, 我们专业负责人在准备…, nor what a role must have: 负责人有啥要求.)
    // (A province's 谁负责 asks for its people: 云南跟西藏分别是谁负责.)
    const whoText = text.replace(ASKERS_ROLE, '');
    const wantsPerson = WHO.test(whoText) && !DEPARTMENT.test(text) && !ROLE_REQUIREMENT.test(text) && wanted !== 'duty' && !((wanted === 'body' || wanted === 'payer') && !CONTACT_WORD.test(whoText) && !(e.provinces.length && /谁负责|谁管/.test(whoText)));
    const asked = this.askedCollege(text, input);
    // The question word for word as one FAQ entry lists it (在哪报名呀 → 在哪报名): that entry answers it.
    // (Or in the documents' wording, English words left aside: how do I register → 怎么报名.)
    // (Or the asking part alone, without a greeting, a reason or who asks: 领导让我问的.)
    // (Or, asked which body issues or runs this certificate in any words, 这个证是哪家机构负责的, the entry that says who issues it.)
    // (Or the message's last clause alone, when the clauses before it ask nothing and name no place or college:
    // 我是大二电商专业的，辅导员说可以考这个证，想问一下在哪报名啊.)
    // (Or, the college named, without its name: 北京工业职业技术学院考前培训，没有培训讲师证的老师能上吗 is that college's entry.)
    const listed = this.listedWays.find(own) ?? (rawFocus !== own ? this.listedWays.find(rawFocus) : undefined) ?? (asksIssuer(rawFocus) && !asked ? this.listedWays.find(ISSUER_QUESTION) : undefined) ?? (!asked ? this.listedWays.find(ASKED_AS.find(([re]) => re.test(rawFocus))?.[1] ?? '') : undefined) ?? this.lastClauseListed(own) ?? this.listedWithoutCollege(own, asked);
    const found = this.passages(withoutOwnNumbers(rawFocus), asked, listed);

    // People and places.
    if (PRIVATE.test(text)) return this.decline(undefined, true);
    // Advice on choosing a school (报哪所学校好, 中职和技校选哪个好) is no question on the programme.
    if (SCHOOL_CHOICE.test(raw) || WEATHER.test(rawFocus) || SOFTWARE_WANTED.test(rawFocus)) return this.decline(undefined, true);
    // Another certificate (计算机二级, Web前端…) is not ours to answer.
    // (Not a major that holds its name: 航空物流管理 is a major, 物流管理 also a certificate.)
    // (Nor a major said as what one studies: 学直播电商的 is a student of 直播电商服务, not of the 直播电商 certificate.)
    const major = this.listedMajorIn(raw) ?? studied(raw);
    // (Who made it is the company's record, which the documents hold: 农产品电商运营证书是谁的.)
    // (Nor a college's own list of the certificates it applied for: 上海电子信息22年Web前端报了多少人.)
    const inOwnList = (c: string) => asked !== undefined && this.snapshot.passages.some((p) => this.collegeOfDocument.get(p.document) === asked && p.body.toLowerCase().includes(c));
    // (Nor a name asked of the certificate's list of majors: 物流管理，在这个证的面向专业里不.)
    if (this.snapshot.certificate.others.some((c) => otherCertificate(raw, c) && !major?.includes(c) && !inOwnList(c)) && !/电子商务数据分析|电商数据|数据分析证|面向专业|专业目录/.test(raw) && !WHOSE.test(raw)) return this.decline(undefined, true);
    if (e.people.length && ATTRIBUTE.test(text)) add(this.personAttribute(e.people, text), 0.9);
    else if (!e.people.length && ORG.test(text) && ATTRIBUTE.test(text) && !e.provinces.length) add(this.orgAttribute(text), 0.7);
    // 港澳台 and abroad are answered as not covered unless the school itself is in a named province.
    const provinceSchool = e.provinces.some((p) => new RegExp(`${p.name}[^，。,；;]{0,4}(学校|院校|高校|学院|大学|高职|中职)`).test(text));
    // (Nor where the asker studied or came back from, 我是去年从Australia回来的: no school's place.)
    const cameFrom = (u: string) => new RegExp(`从${u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[^，,。]{0,3}(?:回来|回国|毕业|留学)|在${u.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:读完?|留学|念)`, 'i').test(text);
    const placed = e.uncovered.filter((u) => (!ABROAD_WORD.test(u) || wantsPerson || /学校|院校|高校|学院|大学|考点/.test(text)) && !(e.provinces.length && cameFrom(u)));
    if (placed.length && (!e.provinces.length || !provinceSchool)) add(this.uncovered(placed), 0.95);
    // Which region a province (or the group's own) is in; 华东区包括山东吗 is answered by where 山东 is.
    const regionAsked = REGION_OF.test(text) || (e.regions.length > 0 && REGION_LIST.test(text));
    if ((e.provinces.length || bound) && regionAsked && !WHO.test(text)) add(this.regionOfProvinces(e.provinces.length ? e.provinces : [bound!], REGION_OF.test(text) && REGION_LIST.test(text)), 0.9);
    const noSuchRegion = NO_SUCH_REGION.exec(text)?.[0];
    // (Not the areas of an exam site or a room: 考场要分几个区.)
    if (!e.provinces.length && !e.regions.length && ((REGIONS_ALL.test(text) && !SITE_AREAS.test(text)) || noSuchRegion)) add(this.allRegions(noSuchRegion), 0.85);
    // Which majors may enter, asked in general (no school type named): the lists by school type.
    if (MAJORS_WHICH.test(raw) && !SCHOOL_TYPE.test(raw) && !/申报|试点|考点/.test(raw) && !e.provinces.length && !e.colleges.length) add(this.majors(), 0.91);
    // Whether one named major may enter (物流管理专业可以报吗): the school types whose lists hold it.
    // (Not a graduate's or a working person's question: 毕业了还能考吗 is about who may enter.)
    // (Asked in this question, not in the message's context: 我是计算机应用专业的，…另外考试要考实操吗.)
    // (A major the asker does not study, 不是电商专业能考吗: every list, not that major's.)
    else if (askedIn(own, MAY_ENTER, MAY_ENTER_LISTED) && !/申报|试点|考点|毕业|社会|上班|工作|在校生/.test(raw)) add(NOT_THE_MAJOR.test(raw) && !this.listedMajorIn(raw.replace(NOT_THE_MAJOR, '')) ? this.majors() : this.majorListed(raw.replace(NOT_THE_MAJOR, '').replace(/电商/g, '电子商务'), raw), 0.9);
    // Which level a job, work area or task belongs to (数据分析专员是几级): that level.
    const itemLevel = !e.provinces.length ? this.levelOfItem(text) : undefined;
    const areaPart = !e.provinces.length && ASKS_SOMETHING.test(text) ? this.levelAreaPart(e, text) ?? this.areaOfTasks(e, text) : undefined;
    if (itemLevel) add(itemLevel, 0.93);
    // A part of one level's work named as such (中级的数据分析这块都分析些什么): its tasks.
    else if (areaPart) add(areaPart, 0.92);
    // (A place in the story, 我是保定一所高职的…证书分几个等级, does not make it a question for the place's people.)
    else if ((LEVELS.test(text) || (LEVELS_DIFFER.test(text) && (e.levels.length > 0 || /级别|等级|几级|各级/.test(text)))) && /证|级/.test(text) && (!e.provinces.length || !wantsPerson) && wanted !== 'money') add(this.levels(e, text), (e.levels.length && LEVEL_COUNT.test(text)) || (e.levels.length >= 2 && LEVELS_DIFFER.test(text)) ? 0.93 : 0.88);
    // (A place in the story, 我是长春一所高职的…中级对应的工作领域有哪些, asks no person of it.)
    else if (e.levels.length && (LEVEL_JOBS.test(text) || LEVEL_CONTENT.test(text)) && (!e.provinces.length || !wantsPerson)) add(this.levels(e, text), 0.9);
    // What a work area named in full holds (数据处理与描述性分析要做啥): its tasks.
    else if (!e.provinces.length && AREA_TASKS.test(text) && this.snapshot.certificate.levels.some((l) => l.workAreas.some((w) => w.area.length >= 5 && text.includes(w.area)))) add(this.levels(e, text), 0.93);
    // What the exam covers, asked of the certificate as a whole (考试考哪些内容): every level's work areas.
    else if (!e.provinces.length && /工作领域/.test(text) && !text.replace(CERTIFICATE_CONTENT, '')) add(this.levels(e, text), 0.85);
    // The certificate's own name asked for (证书全名叫啥, 證書的正式名稱是什麼): the data file's name.
    if (this.snapshot.certificate.name && NAME_ASKED.test(text) && /证/.test(text) && !OTHER_PAPER.test(text) && !e.colleges.length && !e.people.length && !e.provinces.length) add(this.certificateName(), 0.9);
    // (A region's list asked by someone in it, 西南片区覆盖范围？我们在攀枝花: the list, which holds their province.)
    const ownRegion = e.provinces.length > 0 && e.provinces.every((p) => e.regions.some((r) => r.code === p.regionCode));
    if (e.regions.length && ownRegion && REGION_LIST.test(text) && !WHO.test(text)) add(this.regionInfo(e), 0.92);
    if (e.regions.length && !e.provinces.length) {
      if (REGION_LIST.test(text)) add(this.regionInfo(e), 0.9);
      else if (wantsPerson || e.topics.length) add(this.regionManager(e), 0.85);
    }
    if (e.people.length && !ATTRIBUTE.test(text) && !e.provinces.length) add(this.personCard(e.people), 0.7);
    const provinces = e.provinces.length ? e.provinces : bound ? [bound] : [];
    // A topic alone (校企合作呢, 那证书发放呢) follows up on who to contact for it.
    // What the message says besides its places, topics and small words (山东的呢 → nothing).
    const besides = e.masked.replace(/<省>|<题>/g, '').replace(FOLLOW_UP_FILLER, '');
    const topicOnly = e.topics.length > 0 && !besides;
    // (A place and who is in charge of it, 宁夏谁负责, asks for its people: 谁负责 alone reads as a body.)
    const placeOnly = e.provinces.length > 0 && besides.replace(/谁(来)?(负责|管)|归谁管/g, '').length <= 1;
    // A role inside a school or exam site named, and no contact asked for (考点主任的补贴多少): no person to route to.
    // (The asker's own role, 我是电商学院院长, is no role asked about.)
    const roleOnly = INTERNAL_ROLE.test(text.replace(ASKERS_OWN_ROLE, '')) && !CONTACT_WORD.test(text.replace(/考点负责人/g, ''));
    if (provinces.length && !REGION_LIST.test(text)) {
      // A topic with a place routes (西藏的学校想做校企合作); a college's own document competes
      // when the question names that college and does not ask for a person.
      const ownDocument = asked !== undefined;
      // (A topic word in a question on an uncovered topic, 证书 in 高级证书在上海能落户吗, routes nothing.)
      // (A role in that college asked for, 上海电子信息的领导小组组长是谁, is its documents' to answer:
      // the province is only its name's, and no contact is asked for.)
      const onlyCollegesPlace = ownDocument && !bound && !CONTACT_WORD.test(text.replace(ROLE_HOLDER, '')) && !e.named.some((p) => !asked!.startsWith(p.name));
      // (So is a role inside a school, 领导小组组长是谁 in a bound group: the documents say who holds it.)
      // (考点负责人 names the role, not a contact asked for: 考点负责人要配几个.)
      const schoolRole = roleOnly && !e.named.length;
      // (One place set aside for another, 之前问的是江苏，现在想问浙江的: the other's people.)
      const turnedTo = e.excluded.length > 0 && !gap && !ownDocument;
      // (A place and a plan on a routing topic, asking nothing, 格尔木有所学校想跟博导做产业学院: whom to contact for it.)
      const planOnTopic = e.topics.length > 0 && e.named.length > 0 && !gap && !ownDocument && !ASKS_BY_WORD.test(raw) && /想|打算|准备|计划|有意/.test(raw);
      // (A college's own rule on a routing topic, 北工院的培训讲师要有证吗, is its document's, not its province's contacts.)
      // (证书 alone names the certificate, not its issuing: 本科一般放在哪两个年级…我们是宁波一所应用型本科.)
      // (Nor does 考试 alone, the exam itself, say its organising: 我们是宁波的，考试考哪些内容.)
      const topicNamedOnly = e.topics.every((t) => (t.topic === CERTIFICATE_TOPIC && !ISSUING_SAID.test(text)) || (t.topic === EXAM_TOPIC && !t.keywords.some((k) => k !== '考试' && /^[\u4e00-\u9fff]+$/.test(k) && text.includes(k))));
      const score = wantsPerson ? (onlyCollegesPlace || schoolRole ? 0.5 : 0.93) : topicOnly || planOnTopic ? 0.92 : (placeOnly && !(onlyCollegesPlace && e.topics.length)) || turnedTo ? 0.85 : e.topics.length && !gap ? (ownDocument || DEPARTMENT.test(text) ? 0.5 : e.provinces.length && !topicNamedOnly && (!FIGURE_ASKED.has(wanted ?? askedType(rawFocus) ?? '') || e.people.length > 0 || PERSON_COMPARED.test(text)) ? 0.78 : 0.55) : 0;
      // (A student or a parent telling where they study, 我是贵州一个职院的大一学生…能报名吗, asks the
      // documents, not the colleges' regional manager, unless a person is asked for.)
      const studentsOwn = STUDENT_SPEAKER.test(raw) && !wantsPerson && !topicOnly;
      if (score) add(this.contacts(provinces, e, text), studentsOwn ? Math.min(score, 0.5) : score);
    } else if (!provinces.length && !e.regions.length && !e.uncovered.length && (topicOnly || (!gap && (wantsPerson && !roleOnly && (e.topics.length || LEAD_ROLE.test(text) || MANAGER_ROLE.test(text) || FIND_WHOM.test(text)))))) {
      // (Who one's own contact is, 我们学校的对接人是谁, asks for a person, above a passage that shares 对接.)
      add(this.askProvince(e), topicOnly ? 0.9 : /(对接人|联系人)(是谁|是哪位|叫什么|是哪个)/.test(text) ? 0.93 : /找谁|联系谁|问谁|对接|联系人|联系方式|电话|找哪位|哪位老师|负责人|管家/.test(text) ? 0.8 : 0.45);
    }

    // How to take part in a routed programme (师资培训怎么报名, 协议怎么签): its people arrange it
    // (not the exam itself: 考试怎么报名 is a student's question the documents answer).
    // (证书 alone names the certificate, not its issuing: 这个证书一般怎么报名 is a student registering.)
    if (!wantsPerson && JOIN_HOW.test(text) && e.topics.some((t) => !t.keywords.includes('考试') && !(t.topic === CERTIFICATE_TOPIC && !ISSUING_SAID.test(text)))) {
      add(provinces.length ? this.contacts(provinces, e, text) : this.askProvince(e), JOIN_SCORE);
    }

    // Dates, reporting, notices.
    // (An exam mentioned in passing, 下个月考试…监考比例多少, is not a question about its date.)
    // (As typed too: 哪几个月能考 reads 哪几个月报名 in the documents' wording.)
    const examWord = (EXAM_WORD.test(text) || EXAM_WORD.test(raw) || /统考|考试时间/.test(text)) && !(wanted && NOT_A_DATE.has(wanted));
    if (examWord && EXAM_WHEN.test(text) && this.whenAsked(raw) && !EXAM_DURATION.test(text) && !gap) add(this.exams(e, text, now), 0.92);
    // (A year in a clause that asks, not in the story before the question: 去年考试中途断过一次电，供电要做到什么程度.)
    else if (examWord && this.yearAsked(raw) && !EXAM_DURATION.test(text) && !gap) add(this.exams(e, text, now), 0.9);
    // When and how to report is the reporting rule itself, above any passage that mentions 报送.
    // (Not when the question is on a topic no document covers: 考完快两周了，多少天能出成绩.)
    // (Not a purpose told beside another question: 培训筹备期起始时间怎么写的？我要照着填进度表.)
    // (Nor a college's own reporting inside it, 二级学院1+X工作小组的进展要多久通报一次: its document's.)
    const reportAsked = text.split(/[，,。；;！!？?]/).some((c) => REPORT.test(c) && !/照着|用来|拿来|以便/.test(c) && !/二级学院|院系|工作小组/.test(c));
    if (reportAsked && !/材料/.test(focus) && !gap) add(this.reporting(), REPORT_WHEN_HOW.test(text) ? 0.92 : 0.7);
    const guess = this.classifier.classify(e.masked);
    // "你能干啥" asks the assistant itself: above any passage about what a certificate level can do.
    // Asking the assistant itself; in a longer question 功能/怎么用 are about something else (实训软件要有哪些功能).
    // Which province or school this group is bound to (这个群绑定的是哪个省).
    if (BOUND_WHICH.test(raw)) add(this.binding(bound, input.group?.collegeName ?? undefined), 0.96);
    if (HELP_SELF.test(raw) || BIND_HOW.test(raw)) add(this.help(), 0.95);
    // (能干啥 of the certificate, 这个证考完能干啥工作, asks what it leads to, not what the assistant does.)
    else if (HELP.test(raw)) add(this.help(), raw.length <= 12 && /你|您|机器人|助手|小助手|bot/.test(raw) && !e.levels.length ? 0.95 : (raw.length <= 12 && !OF_THE_CERTIFICATE.test(raw)) || /你|您|机器人|助手|bot/.test(raw) ? 0.8 : 0.5);
    // (Not being told of a topic no document covers: 成绩不及格会通知吗.)
    if (NOTICES.test(text) && guess.intent === 'notices' && !gap) add(this.notices(), LATEST_NOTICES.test(text) ? 0.92 : 0.75);

    // The documents: each of the best passages scored by the fitted model over its evidence; the
    // most probable one competes.
    if (trace) trace.otherBest = candidates.reduce((m, c) => Math.max(m, c.score), 0);
    let bestDocument: ScoredPassage | undefined;
    let companyFigure = false;
    const scored: ScoredPassage[] = [];
    const words = found.length ? tokens(rawFocus).filter((w) => w.length >= 2) : [];
    const unit = askedUnit(focus);
    const questionGrams = charPairs(focus);
    const asking = questionFrame(rawFocus);
    const opinion = found.length ? this.asked.opinion(rawFocus, trace?.leaveOut ? input.text : undefined) : undefined;
    const asksMoney = MONEY_ASKED.test(text);
    // 最多几个 asks for an upper bound: a passage that only sets a lower one (至少一个) does not answer it.
    const asksUpper = wanted === 'count' && UPPER_ASKED.test(focus);
    for (const option of found) {
      const h = option.hit;
      const answer = this.documentAnswer(h, text, e, asked, guess.intent);
      const college = this.collegeOfDocument.get(h.unit.passage.document);
      const shown = answer.text.replace(/来源：.*$/s, '');
      const about = passageFrame(h.unit.passage, shown);
      const said = opinion?.(h.unit.passage);
      const evidence: DocumentEvidence = {
        coverage: h.coverage,
        strength: h.anchor / (h.anchor + 4),
        bm25: h.score / (h.score + 20),
        chars: h.charCoverage,
        terms: Math.min(4, h.matchedTerms) / 4,
        partial: Math.min(2, h.partialTerms) / 2,
        unknown: h.unknownShare,
        rareOnly: h.matchedTerms <= 1 && h.matchedSpread <= 2 ? 1 : 0,
        // (Not for a question in the programme's own words: 考试能带手机吗 is no off-topic chat about phones.)
        offTopic: guess.intent === 'out_of_scope' && (!PROGRAMME_WORDS.test(text) || MARKET_TALK.test(text)) ? 1 : 0,
        // A 几/多少 question whose passage holds no number is not answered by it.
        typeMissing: wanted && wanted !== 'rule' && (!holdsType(wanted, shown, unit) || (asksUpper && !UPPER_BOUND.test(shown))) ? 1 : 0,
        typeMatch: wanted && holdsType(wanted, shown, unit) && !(asksUpper && !UPPER_BOUND.test(shown)) ? 1 : 0,
        section: sectionShare(words, headingText(h.unit.passage.section)),
        heading: similarity(questionGrams, this.headingGrams(h.unit.passage)),
        phrasing: h.phrasing,
        faq: /常见问题/.test(h.unit.passage.section) || h.unit.passage.document === STAFF_ANSWERS ? 1 : 0,
        otherCollege: college && college !== asked ? 1 : 0,
        ownCollege: college && college === asked ? 1 : 0,
        margin: option.margin,
        support: option.support,
        contrast: option.contrast,
        frame: asking && about ? (asking === about ? 1 : -1) : 0,
        rank: option.rank,
        topic: e.topics.length ? 1 : 0,
        place: e.provinces.length || e.regions.length || e.uncovered.length ? 1 : 0,
        wantsPerson: wantsPerson ? 1 : 0,
        short: h.queryTerms <= 2 ? 1 : 0,
        asked: said?.share ?? 0,
        askedTop: said?.top ? 1 : 0,
      };
      // A passage about another year (2022's dates for a 2025 question) does not answer.
      const years = h.unit.text.match(/20\d\d(?=年)/g);
      const otherYear = e.year !== undefined && years !== null && !years.includes(String(e.year));
      // Structured answers (contacts, exam dates, levels) outrank a passage that says the same.
      // An amount asked (多少钱) is never answered by a passage that states none.
      // Nor is whether something costs (申请考核站点要交费吗) by a passage that says nothing of money.
      // (Nor is how long something takes, 多久能拿到资质证书, by a passage that states no time.)
      // (An amount asked in so many words, 报名费多少钱一个人, is not answered by who pays, whatever else the message says.)
      const noAmount = ((wanted === 'money' || wanted === 'earnings' || wanted === 'duration') && evidence.typeMissing === 1) || (FEE_ASKED.test(rawFocus) && !MONEY_SAID.test(h.unit.passage.section + shown)) || (AMOUNT_ASKED.test(rawFocus) && !AMOUNT_SAID.test(shown));
      // Nor is a question about one of two look-alikes (a pilot college's training room or application,
      // an exam site's) by a passage about the other.
      const otherFrame = evidence.frame < 0;
      // Nor is a question that says nothing of money (学生要怎么报名) by a passage whose own question is
      // who pays or how much (考试报名费谁出, 经费管理): the issue's 学生怎么报名考试 → who pays.
      const section = h.unit.passage.section;
      const moneyOnly = !asksMoney && MONEY_SUBJECT.test(section.includes('·') ? (waysOfAsking(section)[0] ?? '') : section);
      // Nor by an extract that holds none of the question's words (a table's other rows).
      const shownWords = canonical(normalize(h.unit.passage.section + shown));
      const offExtract = !evidence.faq && words.length > 0 && !words.some((w) => shownWords.includes(w));
      // Nor is a number of the asker's own to check (30台电脑，够吗) by a row of another scale (主控机 1 台).
      const offScale = !onScale(text, shown);
      // Nor is a question about one named college's rule by another college's (安徽商贸的报名费谁出 → 北京工业's).
      const otherNamed = asked !== undefined && college !== undefined && college !== asked;
      // Nor is a student's registration (报名的时候要交啥材料, 报名截止是哪天) by an institution's application
      // (申请单位…提交, 考点申报有没有截止日期; though the platform's address is one for both, and a named college's list is its own).
      const applying = /申请单位/.test(h.unit.passage.section + shown) || (/申报/.test(h.unit.passage.section + shown) && asked === undefined && wanted !== 'url' && wanted !== 'place' && !/网址|网站|链接|入口|平台/.test(rawFocus));
      const applicantFor = STUDENT_REGISTRATION.test(rawFocus) && !INSTITUTION_APPLYING.test(rawFocus) && applying && !/报名/.test(h.unit.passage.section + shown);
      // Nor is an institution's application (电商专业就3个老师，能不能申报试点) by which majors a student may enter with.
      const majorsFor = INSTITUTION_ASKS.test(rawFocus) && MAJORS_PASSAGE.test(h.unit.passage.section + shown);
      // (Nor by what a student's registration costs: 申报试点要交钱吗 is no 报名费.)
      const feeFor = INSTITUTION_ASKS.test(rawFocus) && /报名费/.test(h.unit.passage.section + shown) && !/申报/.test(h.unit.passage.section + shown);
      let score = documentProbability((sharedModel ??= loadDocumentModel()), evidence) * (otherYear || noAmount || otherFrame || moneyOnly || offExtract || offScale || otherNamed || applicantFor || majorsFor || feeFor ? 0.5 : 1);
      // A short question worded as one of an FAQ entry's listed ways of asking is that entry's question
      // (not when the entry lacks the kind of answer asked for: 最多几个 is not answered by 至少一个).
      if ((evidence.short || h.phrasing >= 0.95) && h.phrasing >= ASKED_AS_LISTED && !evidence.typeMissing && !otherYear && !noAmount && !otherFrame && !moneyOnly) score = Math.max(score, LISTED_SCORE);
      // Worded exactly as the entry lists it, it is that entry's question, above any passage that shares its words.
      if (h.unit.passage === listed && !otherYear && !noAmount && !otherFrame && !moneyOnly) score = Math.max(score, WORDED_AS_LISTED);
      // (Any other passage of the seeds stays below it: 在平台上申报试点要填哪些信息 is the entry on what to fill in, not the platform's.)
      else if (listed && !h.unit.passage.fromConsole) score = Math.min(score, WORDED_AS_LISTED - 0.01);
      // The operators' own documents and answers are newer and more specific than the seeds: they
      // win a close call, and one about the asked year beats "not published yet".
      if (h.unit.passage.fromConsole && score >= CONSOLE_FLOOR) score = e.year !== undefined && years?.includes(String(e.year)) ? CONSOLE_DATED : score + CONSOLE_BONUS;
      trace?.documents.push({ answer, evidence, score, passage: h.unit.passage });
      scored.push({ answer, score, hit: h, evidence });
      if (!bestDocument || score > bestDocument.score) bestDocument = scored[scored.length - 1];
    }
    // Two rows of one table that fit equally (本科 → 职业本科 and 应用型本科) are both shown.
    // One college's own rule is no general rule: for a question naming no college, the general
    // passage wins when it fits nearly as well (领导小组组长一般谁当 → 校长, not 上海电子信息's practice).
    // (Unless the asker wants another college's practice: 有院校文件规定过吗, 想参考一下别的学校.)
    const othersAsked = !asked && OTHER_COLLEGES_ASKED.test(raw);
    if (bestDocument?.evidence.otherCollege && !othersAsked) {
      const general = scored.filter((o) => !o.evidence.otherCollege && !o.evidence.ownCollege && o.score >= bestDocument!.score - GENERAL_MARGIN).sort((a, b) => b.score - a.score)[0];
      if (general) bestDocument = general;
    }
    // A question naming a college that no general passage answers well enough: its own rule, when that answers from its own threshold.
    const ownAt = sharedModel?.decideAtOwnCollege;
    // (Or one that does, when the college's own answers nearly as well: 上电信的专项经费能用在哪些方面 is its own rule.)
    if (asked && ownAt !== undefined && bestDocument && !bestDocument.evidence.ownCollege) {
      const generalDecides = bestDocument.score >= (sharedModel?.decideAt ?? DECIDE_AT);
      const own = scored.filter((o) => o.evidence.ownCollege && o.score >= ownAt && (!generalDecides || o.score >= bestDocument!.score - OWN_MARGIN)).sort((a, b) => b.score - a.score)[0];
      if (own) bestDocument = own;
    }
    // A figure of the training organisation asked by its name (博导服务过多少学校, 博导开发了多少套教材): its profile
    // answers when it holds every word of the question and the kind of fact asked.
    if (bestDocument && ORG_NAMED.test(rawFocus) && !e.provinces.length && !asked && COMPANY_PROFILE.test(bestDocument.answer.text) && bestDocument.evidence.coverage >= 0.99 && !bestDocument.evidence.typeMissing) {
      bestDocument = { ...bestDocument, score: Math.max(bestDocument.score, DECIDE_AT) };
      companyFigure = true;
    }
    // Two colleges' own rules on what an unnamed question asks, fitting nearly alike (每个专业要几名老师有考评员证:
    // 安徽商贸 3名, 北京工业 2-3名): both are shown, each labelled, not the one that leads by a hair.
    if (bestDocument?.evidence.otherCollege && !asked) {
      const first = this.collegeOfDocument.get(bestDocument.hit.unit.passage.document);
      const second = scored.filter((o) => o.evidence.otherCollege && this.collegeOfDocument.get(o.hit.unit.passage.document) !== first && o.score >= bestDocument!.score - COLLEGES_TIE).sort((a, b) => b.score - a.score)[0];
      if (second) bestDocument = { ...bestDocument, answer: { ...bestDocument.answer, text: `${bestDocument.answer.text}\n\n${second.answer.text}`, sources: [...bestDocument.answer.sources, ...second.answer.sources] } };
    }
    if (bestDocument) bestDocument = withSibling(bestDocument, scored);
    // A question worded as an entry's way of asking gets its companion entry too (怎么报名: where, and who organises).
    const companion = listed && bestDocument?.hit.unit.passage === listed ? this.listedWays.companion(listed) : undefined;
    if (bestDocument && companion) bestDocument = withCompanion(bestDocument, companion);
    // (A site's computers counted: the room's seats too, 30台电脑 against 45 in all and 40 a room.)
    const seats = bestDocument && checksSiteComputers(rawFocus) && /计算机/.test(bestDocument.answer.text) ? this.listedWays.find(ROOM_SEATS_QUESTION) : undefined;
    if (bestDocument && seats) bestDocument = withCompanion(bestDocument, seats);
    // A passage about another level than the one the question asks about (我初级已经过了，想问中级的工作领域)
    // yields to the best one about the asked level; without one it counts half.
    const offLevel = bestDocument && e.levels.length === 1 ? levelOf(bestDocument.hit.unit.passage.section) : undefined;
    if (bestDocument && offLevel && !e.levels.includes(offLevel)) {
      const onLevel = scored.filter((o) => e.levels.includes(levelOf(o.hit.unit.passage.section) ?? '')).sort((a, b) => b.score - a.score)[0];
      bestDocument = onLevel ?? { ...bestDocument, score: bestDocument.score / 2 };
    }
    // A question that names no level, answered as well by one level's passage as by another's
    // (考试考哪些内容 → 初级, 中级 and 高级 alike), is not about the one that leads by a hair.
    if (bestDocument && !e.levels.length && !WHICH_LEVEL.test(text)) {
      const level = levelOf(bestDocument.hit.unit.passage.section);
      // (Nor is it about one of the entries each level has alike, 初级考什么 / 中级考什么 / 高级考什么, whatever their scores:
      // 考试考什么 names none.)
      const parallel = (o: ScoredPassage) => levelHeading(o.hit.unit.passage.section) === levelHeading(bestDocument!.hit.unit.passage.section);
      const rival = level && scored.some((o) => (o.score >= bestDocument!.score - LEVEL_TIE || parallel(o)) && levelOf(o.hit.unit.passage.section) !== level && levelOf(o.hit.unit.passage.section));
      // (A passage about the certificate as a whole, nearly as good, answers it instead: 考这个证能找啥岗位.)
      const whole = rival ? scored.filter((o) => !levelOf(o.hit.unit.passage.section) && o.score >= bestDocument!.score - GENERAL_MARGIN).sort((a, b) => b.score - a.score)[0] : undefined;
      if (whole) bestDocument = withSibling(whole, scored);
      else if (rival) bestDocument = { ...bestDocument, score: bestDocument.score / 2 };
    }
    // The passages compete by their own probability; against the structured answers they count at most DOCUMENT_CAP.
    const dated = bestDocument?.hit.unit.passage.fromConsole && bestDocument.score >= CONSOLE_DATED;
    // A passage answers only from its calibrated threshold on (knowledge/data/document-model.json).
    let threshold = (bestDocument?.evidence.ownCollege || (othersAsked && bestDocument?.evidence.otherCollege) ? sharedModel?.decideAtOwnCollege : undefined) ?? sharedModel?.decideAt ?? DECIDE_AT;
    // A students' FAQ entry, for a question naming no place and no college, answers from a lower
    // threshold: students ask short and chatty, and the entry was written for their questions.
    if (bestDocument && /^学生常见问题/.test(bestDocument.hit.unit.passage.section) && !e.provinces.length && !asked) threshold = Math.min(threshold, STUDENT_FAQ_AT);
    // The passage the learned ways of asking point at, nearly alone, answers from a lower threshold:
    // the examples say it is the one asked even when its words lose to another's (每间机房同时考几个人).
    if (bestDocument && bestDocument.evidence.askedTop && bestDocument.evidence.asked >= SURELY_ASKED && !bestDocument.evidence.typeMissing && !e.provinces.length) threshold = Math.min(threshold, SURELY_ASKED_AT);
    // A number of the asker's own that the passage's one bound in its measure checks (30台电脑够不够当考场 →
    // 考生计算机：45台) is evidence it is the rule asked about: it answers from the general floor.
    // (And of two close passages, the one whose bound checks it is the rule asked about: 学生机是i3的，当考场能用吗
    // → the exam computers' i5, not the exam room's USB rule beside it.)
    if (bestDocument && ownFigures(rawFocus) === 1 && !checksOwnNumber(rawFocus, bestDocument.answer.text)) {
      const checking = scored.find((o) => o !== bestDocument && o.score >= DECIDE_AT && o.score >= bestDocument!.score - CHECKING_MARGIN && checksOwnNumber(rawFocus, o.answer.text));
      if (checking) bestDocument = checking;
    }
    const checked = bestDocument !== undefined && bestDocument.score >= CHECKED_AT && checksOwnNumber(rawFocus, bestDocument.answer.text);
    const documentDecides = (bestDocument?.score ?? 0) >= threshold || checked || companyFigure;
    if (bestDocument && documentDecides && !gap) add(bestDocument.answer, dated ? bestDocument.score : Math.max(DECIDE_AT, Math.min(DOCUMENT_CAP, bestDocument.score)));

    candidates.sort((a, b) => b.score - a.score);
    const best = candidates[0];
    // The classifier's out-of-scope label (weather, code…) keeps a decline from naming a person;
    // for a passage it is one piece of the model's evidence.
    const outOfScope = guess.intent === 'out_of_scope';
    if (!best || best.score < DECIDE_AT) {
      // Topics of the routing rule route rather than decline.
      if (!outOfScope && e.topics.length && wantsPerson && !roleOnly) return provinces.length ? this.contacts(provinces, e, text) : this.askProvince(e);
      // The region's manager follows up when the question is about the programme at all.
      const inDomain = !outOfScope && (gap !== undefined || e.topics.length > 0 || (bestDocument?.score ?? 0) >= IN_DOMAIN);
      // (The province stated or the group's, not one only implied by a college named: its manager is
      // then named in the note of who follows up, not offered with a phone.)
      // (上海 at the start of 上海电子信息职业技术学院 is the college's name.)
      const named = e.named.filter((p) => !asked?.startsWith(p.name));
      const statedProvince = named[0] ?? (e.provinces.length ? undefined : bound);
      // (A story, then one question at its end: the question alone, when it gets the passage the whole message leads to.)
      const tail = !outOfScope && !gap && bestDocument ? this.tailAnswer(raw, input, scored.filter((o) => o.score >= bestDocument!.score - TAIL_TIE)) : undefined;
      if (tail) return tail;
      return this.decline(inDomain ? statedProvince : undefined, outOfScope, gap, outOfScope || gap ? undefined : this.suggestion(bestDocument, input));
    }
    return withVerdict({ ...best.answer, confidence: Math.round(Math.min(1, best.score) * 100) / 100 }, raw);
  }

  /**
   * The passages that could answer, best first (the asked college's own document weighs more),
   * each with how far it stands ahead of the best passage from another section.
   */
  private passages(text: string, asked: string | undefined, listed?: Passage): Array<{ hit: Hit; margin: number; rank: number; support: number; contrast: number }> {
    // (The asked college by its documents' own name: 上电信 is no word of theirs, 上海电子信息 is.)
    const named = asked ? this.documentColleges.find((c) => c.name === asked) : undefined;
    const hits = this.index.search(named ? text.replace(new RegExp(named.called.source, 'g'), (m) => (named.name.includes(m) ? m : named.short)) : text, 8, listed);
    const college = (h: Hit) => this.collegeOfDocument.get(h.unit.passage.document);
    const weigh = (h: Hit) => h.score * h.coverage * (asked && college(h) === asked ? 1.6 : 1);
    const ranked = [...hits].filter((h) => h.anchor > 0 || h.charCoverage >= CHAR_ONLY || h.phrasing >= CHAR_ONLY || h.unit.passage === listed).sort((a, b) => weigh(b) - weigh(a));
    const grams = ranked.map((h) => this.unitGrams(h.unit));
    // The word channel's best, and the character channel's best when the words missed it.
    const options = ranked.slice(0, DOCUMENT_OPTIONS - 1);
    const byChars = [...ranked].sort((a, b) => b.charCoverage - a.charCoverage).find((h) => !options.includes(h));
    if (byChars) options.push(byChars);
    // And the phrasing channel's: the passage whose heading reads most like the question.
    const byPhrasing = [...ranked].sort((a, b) => b.phrasing - a.phrasing).find((h) => !options.includes(h));
    if (byPhrasing && byPhrasing.phrasing > Math.max(...options.map((o) => o.phrasing))) options.push(byPhrasing);
    // And the FAQ entry the question is worded as.
    const asListed = listed && !options.some((h) => h.unit.passage === listed) ? ranked.find((h) => h.unit.passage === listed) : undefined;
    if (asListed) options.push(asListed);
    return options.map((hit, i) => {
      // The same fact in several documents (the work plan, the site rules, an FAQ) is agreement,
      // not rivalry: the margin is taken over the best passage that says something else.
      const at = ranked.indexOf(hit);
      const alike = ranked.map((_, j) => j !== at && similarity(grams[at]!, grams[j]!) >= SAME_CONTENT);
      const rival = ranked.find((h, j) => h !== hit && !alike[j]);
      const margin = rival && weigh(hit) > 0 ? Math.max(-1, Math.min(1, (weigh(hit) - weigh(rival)) / weigh(hit))) : 1;
      return { hit, margin, rank: i / DOCUMENT_OPTIONS, support: Math.min(3, alike.filter(Boolean).length) / 3, contrast: contrast(hit, options) };
    });
  }

  /** A unit's character pairs, computed once per snapshot. */
  private unitGrams(unit: Unit): Set<string> {
    let grams = this.gramsOfUnit.get(unit);
    if (!grams) this.gramsOfUnit.set(unit, (grams = charPairs(unit.text)));
    return grams;
  }

  /** A passage heading's character pairs without its citation note, computed once per snapshot. */
  private headingGrams(passage: Passage): Set<string> {
    let grams = this.gramsOfHeading.get(passage);
    if (!grams) this.gramsOfHeading.set(passage, (grams = charPairs(headingText(passage.section).replace(/常见问题|·/g, ''))));
    return grams;
  }

  /** The FAQ entry of the asked college a question is worded as, once the college's name is left out. */
  private listedWithoutCollege(text: string, asked: string | undefined): Passage | undefined {
    const college = asked ? this.documentColleges.find((c) => c.name === asked) : undefined;
    const rest = college ? text.replace(new RegExp(`(?:${college.called.source})(?:技术学院|学院)?`, 'g'), '') : text;
    const entry = rest !== text ? this.listedWays.find(rest) : undefined;
    return entry && this.collegeOfDocument.get(entry.document) === asked ? entry : undefined;
  }

  /** The college with its own document that the question names, or the group is bound to. */
  private askedCollege(text: string, input: AskInput): string | undefined {
    const group = input.group?.collegeName ?? '';
    return this.documentColleges.find((c) => c.called.test(text) || (group && (group.includes(c.short) || c.name.includes(group))))?.name;
  }

  private documentAnswer(hit: Hit, question: string, e: Entities, asked: string | undefined, intent: string): Answer {
    const passage = hit.unit.passage;
    const sources: Source[] = [{ document: passage.document, section: passage.section, file: passage.file }];
    const college = this.collegeOfDocument.get(passage.document);
    // (The source's typesetting spaces around numbers, 不少于 2 个, read as 不少于2个.)
    const body = extract(this.index, hit, question).replace(NUMBER_SPACING, '');
    const label = college && asked !== college ? `以下是${college}的做法，仅供参考，不是统一规定，具体以本校规定为准：\n` : '';
    return {
      intent: intent === 'certificate_info' || e.levels.length ? 'certificate_info' : 'policy',
      text: label + body + citation(sources),
      sources,
      confidence: 0,
      abstained: false,
    };
  }

  private contacts(provinces: SnapshotProvince[], e: Entities, text: string): Answer {
    const s = this.snapshot;
    // The roles the asking clauses name (不太分得清负责人和管家，湖北省的负责人是谁: the lead).
    const asking = text.split(CLAUSE_END).filter((c) => ASKS_SOMETHING.test(c)).join('，');
    const roles = asking && (LEAD_ROLE.test(asking) || MANAGER_ROLE.test(asking) || /负责人|负责老师/.test(asking)) ? asking : text;
    const explicitLead = LEAD_ROLE.test(roles) || (/负责人|负责老师/.test(roles) && !MANAGER_ROLE.test(roles) && !e.topics.length);
    const explicitManager = MANAGER_ROLE.test(roles);
    const managerTopics = e.topics.filter((t) => t.routeTo === 'region_manager');
    const leadTopics = e.topics.filter((t) => t.routeTo === 'province_lead');
    const showLeads = explicitLead || leadTopics.length > 0 || (!explicitManager && !managerTopics.length);
    const showManager = explicitManager || managerTopics.length > 0 || (!explicitLead && !leadTopics.length);
    const lines: string[] = [];
    const sections = new Set<string>();
    const shown: Array<{ leads: SnapshotContact[]; managers: SnapshotContact[] }> = [];
    for (const p of provinces.slice(0, 3)) {
      const region = regionOf(s, p);
      const managers = region ? managersOf(s, region.code) : [];
      const leads = leadsOf(s, p);
      const parts: string[] = [];
      if (showLeads || (!showManager && !managers.length)) {
        parts.push(`· 省区负责人（${leadTopics.map((t) => t.topic).join('、') || LEAD_DUTIES}）：${leads.map(person).join('；') || '暂无'}`);
        sections.add('博导股份全国各省区域负责人');
      }
      if (showManager && region) {
        const topicNote = managerTopics.map((t) => t.topic).join('、') || MANAGER_DUTIES;
        parts.push(`· ${region.name}区域管家（${topicNote}）：${managers.map(person).join('；') || '暂无'}`);
        sections.add('博导股份1+X项目管理办公室联系人');
      }
      shown.push({ leads: showLeads ? leads : [], managers: showManager ? managers : [] });
      lines.push(`${p.name}（${region?.name ?? ''}）${e.topics.length ? e.topics.map((t) => t.topic).join('、') + '问题' : ''}请联系：\n${parts.join('\n')}`);
    }
    if (provinces.length === 2 && /同一个|一样|相同|是不是一个|一个人|是一个(?:管家|负责人|人|老师)|一个管家|共用/.test(text)) {
      const names = (i: number) => [...shown[i]!.leads, ...shown[i]!.managers].map((c) => c.name).sort().join('、');
      const phones = (i: number) => [...shown[i]!.leads, ...shown[i]!.managers].map((c) => `${c.name}${c.phone ?? ''}`).sort().join('、');
      // The same name listed with another phone (杜渭: 湖南 and 海南) is said as the table gives it.
      lines.push(names(0) !== names(1) ? `两地不是同一位。` : phones(0) === phones(1) ? `两地是同一位（${names(0)}）。` : `两地名单上是同一个名字（${names(0)}），但登记的电话不同，请按学校所在省份拨打对应号码。`);
    }
    if (!e.topics.length && showLeads && showManager) lines.push(`（${MANAGER_DUTIES}找区域管家；${LEAD_DUTIES}找省区负责人。）`);
    const sources = directorySources(s, [...sections]);
    return { intent: 'contact_lookup', text: lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private personCard(people: SnapshotContact[]): Answer {
    const s = this.snapshot;
    const lines = people.slice(0, 3).map((c) => {
      const where = c.role === 'region_manager' ? `${s.regions.find((r) => r.code === c.regionCode)?.name ?? ''}区域管家` : `${s.provinces.filter((p) => s.contacts.some((x) => x.name === c.name && x.phone === c.phone && x.provinceCode === p.code)).map((p) => p.name).join('、')}省区负责人`;
      return `${person(c)}（${where}）`;
    });
    const sources = directorySources(s, ['博导股份全国各省区域负责人', '博导股份1+X项目管理办公室联系人']);
    return { intent: 'contact_lookup', text: [...new Set(lines)].join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private personAttribute(people: SnapshotContact[], text: string): Answer {
    const c = people[0]!;
    if (/哪些省|哪几个省|几个省|负责哪些?(省|地区|区域)|管哪些?(省|地方)/.test(text)) {
      const s = this.snapshot;
      const provinces = c.role === 'region_manager' ? s.provinces.filter((p) => p.regionCode === c.regionCode) : s.provinces.filter((p) => s.contacts.some((x) => x.name === c.name && x.provinceCode === p.code));
      const role = c.role === 'region_manager' ? `${s.regions.find((r) => r.code === c.regionCode)?.name ?? ''}区域管家` : '省区负责人';
      const card = this.personCard(people);
      return { ...card, text: `${c.name}是${role}，负责：${provinces.map((p) => p.name).join('、')}。\n${card.text}` };
    }
    const attr = /负责哪|哪几个市|哪些市|几个市|管哪|哪些学校/.test(text) ? '具体分管的地市或学校（名单只按省区列出，没有细分到地市）' : (ATTRIBUTE.exec(text)?.[1] ?? '这项信息').toUpperCase().replace('QQ', 'QQ号');
    const card = this.personCard(people);
    const name = people[0]!.name;
    return { ...card, text: `资料中没有登记${name}老师的${attr}。已公开的联系方式：\n${card.text}` };
  }

  private orgAttribute(text: string): Answer {
    const attr = ATTRIBUTE.exec(text)?.[1] ?? '这项信息';
    return {
      intent: 'contact_lookup',
      text: `资料中没有公开博导股份的${attr}。寄送材料等事项请先联系所在区域的区域管家确认，或通过官方渠道咨询：${officialChannelsLine(this.snapshot)}。`,
      sources: [],
      confidence: 0,
      abstained: false,
    };
  }

  /** `withList`: the region's provinces too (河南是哪个区，那个区还包括哪些省). */
  private regionOfProvinces(provinces: SnapshotProvince[], withList = false): Answer {
    const s = this.snapshot;
    const lines = provinces.slice(0, 3).map((p) => {
      const region = regionOf(s, p);
      const list = withList && region ? `${region.name}包括：${s.provinces.filter((x) => x.regionCode === region.code).map((x) => x.name).join('、')}。` : '';
      return `${p.name}属于${region?.name ?? '（未划分）'}，区域管家：${region ? managersOf(s, region.code).map(person).join('；') : '暂无'}。${list}`;
    });
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'region_info', text: lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private allRegions(missing?: string): Answer {
    const s = this.snapshot;
    const none = missing ? `联系人名单里没有“${missing}”。` : '';
    const lines = s.regions.map((r) => `${r.name}：${s.provinces.filter((p) => p.regionCode === r.code).map((p) => p.name).join('、')}（区域管家：${managersOf(s, r.code).map(person).join('；') || '暂无'}）`);
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'region_info', text: `${none}全国分为${s.regions.length}个区域，每个区域有一位区域管家：\n${lines.join('\n')}` + citation(sources), sources, confidence: 0, abstained: false };
  }

  /** The majors by school type from the data file, a few of each, with how to ask for a whole list. */
  /** The lists that hold the major the question names (…专业), or nothing when none does. */
  private majorListed(text: string, typed: string): Answer | undefined {
    const c = this.snapshot.certificate;
    // (A listed major named whole, as typed, first: 网络营销与直播电商 is not 电子商务 once 电商 is read as 电子商务.)
    // (Without who says it: 我是会计专业的 names 会计.)
    const named = this.listedMajorIn(typed) ?? MAJOR_NAMED.exec(text)?.[1]?.replace(/^(?:我们?|本人|俺)(?:是|学的是|读的是|学的|读的)?/, '') ?? studied(typed);
    if (!named) return undefined;
    // The longest ending of what precedes 专业 that a list holds (我是中职电子商务 → 电子商务).
    let major: string | undefined;
    // (A two-character ending only when a list has it whole: 电商 alone is in 直播电商服务.)
    // (Or, said as what one studies, two characters of a listed major: 学酒店的 → 酒店管理与数字化运营,
    // 学物流的 → 现代物流管理; not the certificate's own words, 电商 or 数据.)
    const holds = (x: string, w: string) => x === w || (w.length >= 3 && x.includes(w)) || (w.length === 2 && w === named && !/电商|电子|商务|数据|分析/.test(w) && x.includes(w));
    const listed = (w: string) => c.majors.some((m) => m.majors.some((x) => holds(x, w)));
    for (let i = 0; i + 2 <= named.length && !major; i++) if (listed(named.slice(i))) major = named.slice(i);
    if (!major) return undefined;
    const lines = c.majors.map((m) => ({ type: m.schoolType, hits: m.majors.filter((x) => holds(x, major!)) })).filter((m) => m.hits.length);
    const whole = lines.some((m) => m.hits.includes(major!));
    const text2 = `${whole ? major : `名称含“${major}”的专业`}在证书的面向专业目录里（以教育部X证书平台专业目录为准），可以报考：\n${lines.map((m) => `${m.type}：${m.hits.join('、')}`).join('\n')}`;
    const sources: Source[] = [{ document: c.source.document, section: '二、证书标准解读 （二）面向专业', file: c.source.file }];
    return { intent: 'certificate_info', text: text2 + citation(sources), sources, confidence: 0, abstained: false };
  }

  /** The longest major of the lists the text names whole, as typed; five characters or more (电子商务 is also the certificate's name), or a shorter one said as what one studies (读会计事务). */
  private listedMajorIn(text: string): string | undefined {
    this.longMajors ??= [...new Set(this.snapshot.certificate.majors.flatMap((m) => m.majors))].filter((m) => m.length >= 5).sort((a, b) => b.length - a.length);
    this.shortMajors ??= [...new Set(this.snapshot.certificate.majors.flatMap((m) => m.majors))].filter((m) => m.length >= 3 && m.length < 5);
    // (A shorter one only as what one studies: 在中专读会计事务.)
    return this.longMajors.find((m) => text.includes(m)) ?? this.shortMajors.find((m) => text.includes(`读${m}`) || text.includes(`学${m}`) || text.includes(`念${m}`) || text.includes(`${m}专业`));
  }

  /** The lists' majors of three or four characters. */
  private shortMajors?: string[];

  /** The lists' majors of five characters or more, longest first (once per snapshot). */
  private longMajors?: string[];

  private majors(): Answer {
    const c = this.snapshot.certificate;
    const shown = 6;
    const lines = c.majors.map((m) => `${m.schoolType}：${m.majors.slice(0, shown).join('、')}${m.majors.length > shown ? `等${m.majors.length}个专业` : ''}`);
    const text = `面向专业按学校类型分列（以教育部X证书平台专业目录为准）：\n${lines.join('\n')}\n想看某类学校的完整名单，可以问“高职哪些专业能考”。`;
    const sources: Source[] = [{ document: c.source.document, section: '二、证书标准解读 （二）面向专业', file: c.source.file }];
    return { intent: 'certificate_info', text: text + citation(sources), sources, confidence: 0, abstained: false };
  }

  /** The certificate's levels from the data file: all of them, or the ones asked about. */
  /**
   * The level a job, work area or task named in a which-level question belongs to: the levels
   * whose work areas hold it (数据采集 → 初级 and 中级), or the one level whose jobs name it
   * (数据分析专员是几级 → 中级); none when every level holds it.
   */
  private levelOfItem(text: string): Answer | undefined {
    const item = ITEM_LEVEL.exec(text)?.[1]?.replace(/^(请问|这个|那个|做)/, '').replace(/的$/, '');
    if (!item || item.length < 4) return undefined;
    const c = this.snapshot.certificate;
    const sources: Source[] = [{ document: c.source.document, section: c.source.section, file: c.source.file }];
    // A work area or task: every level that holds it, with its area (数据采集: 初级 and 中级).
    const holds = (w: (typeof c.levels)[number]['workAreas'][number]) => w.area.includes(item) || w.tasks.some((t) => t.includes(item));
    const byArea = c.levels.filter((l) => l.workAreas.some(holds));
    if (byArea.length && byArea.length < c.levels.length) {
      const lines = byArea.map((l) => l.workAreas.filter(holds).map((w) => `${l.level}工作领域“${w.area}”（工作任务：${w.tasks.join('、')}）`).join('；'));
      return { intent: 'certificate_info', text: `“${item}”属于${byArea.map((l) => l.level).join('和')}：\n${lines.join('\n')}` + citation(sources), sources, confidence: 0, abstained: false };
    }
    // A job: the one level that names it.
    const byJob = byArea.length ? [] : c.levels.filter((l) => l.jobs.includes(item));
    if (byJob.length !== 1) return undefined;
    const level = byJob[0]!;
    return { intent: 'certificate_info', text: `“${item}”属于${level.level}。${level.level}就业面向：${level.jobs}` + citation(sources), sources, confidence: 0, abstained: false };
  }

  /**
   * The work area of the one level named that the question names as a part of its work, by its name
   * or a part of its name of four characters or more (中级里的方案制定那部分, 中级的数据分析这块): its tasks.
   */
  private levelAreaPart(e: Entities, text: string): Answer | undefined {
    if (e.levels.length !== 1) return undefined;
    const c = this.snapshot.certificate;
    const level = c.levels.find((l) => l.level === e.levels[0]);
    const names = (area: string) => [area, ...area.split(/与|的/).filter((p) => p.length >= 4 && p !== area)];
    const said = (name: string) => new RegExp(`${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[”"’']?(?:的|里的?)?(?:这|那)?[一个]?(?:块|项|部分|模块|板块|领域|方面)`).test(text);
    const hits = level?.workAreas.filter((w) => names(w.area).some(said)) ?? [];
    return hits.length === 1 ? this.workAreaTasks(level!.level, hits[0]!) : undefined;
  }

  /** A work area's tasks, cited to the certificate's standard. */
  private workAreaTasks(level: string, w: { area: string; tasks: string[] }): Answer {
    const c = this.snapshot.certificate;
    const sources: Source[] = [{ document: c.source.document, section: c.source.section, file: c.source.file }];
    return { intent: 'certificate_info', text: `${level}“${w.area}”的工作任务：${w.tasks.join('、')}。` + citation(sources), sources, confidence: 0, abstained: false };
  }

  /**
   * The work area whose tasks a question names by their subjects and common verb, with no level
   * named (数据采集是采啥 市场的？产品的？ → 初级“基础数据采集”: 市场/运营/产品数据采集): its tasks. Two
   * of the subjects and the verb must be in the question, and one area only may fit.
   */
  private areaOfTasks(e: Entities, text: string): Answer | undefined {
    if (e.levels.length) return undefined;
    const c = this.snapshot.certificate;
    const fits = c.levels.flatMap((l) =>
      l.workAreas
        .filter((w) => {
          const parts = w.tasks.map((t) => /^(.{2})数据(.{2})$/.exec(t)).filter((m): m is RegExpExecArray => m !== null);
          if (parts.length < 2 || parts.length !== w.tasks.length || new Set(parts.map((m) => m[2])).size !== 1) return false;
          // (A subject said as such, 市场的, 产品数据, not inside another word: 农产品电商运营.)
          return text.includes(parts[0]![2]!) && parts.filter((m) => new RegExp(`(?<=^|[\\s，,？?、和跟与还是或采的考])${m[1]}(?:的|数据|[？?，,、和跟还与])`).test(text)).length >= 2;
        })
        .map((w) => ({ level: l.level, ...w })),
    );
    return fits.length === 1 ? this.workAreaTasks(fits[0]!.level, fits[0]!) : undefined;
  }

  private certificateName(): Answer {
    const c = this.snapshot.certificate;
    const sources: Source[] = [{ document: c.source.document, section: c.source.section, file: c.source.file }];
    return { intent: 'certificate_info', text: `证书的全称是“${c.name}”。` + citation(sources), sources, confidence: 0, abstained: false };
  }

  private levels(e: Entities, text: string): Answer {
    const c = this.snapshot.certificate;
    // A work area named (高级的数据化运营创新要做什么任务): its tasks.
    // (Not 数据分析, the certificate's own words, unless quoted as the area: 中级“数据分析”.)
    const named = c.levels.flatMap((l) => l.workAreas.filter((w) => (w.area.length >= 5 && text.includes(w.area)) || new RegExp(`[“"‘']${w.area.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[”"’']`).test(text)).map((w) => ({ level: l.level, ...w })));
    if (named.length && named.length <= 2) {
      const sources: Source[] = [{ document: c.source.document, section: c.source.section, file: c.source.file }];
      const lines = named.map((w) => `${w.level}“${w.area}”的工作任务：${w.tasks.join('、')}。`);
      return { intent: 'certificate_info', text: lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
    }
    const asked = c.levels.filter((l) => e.levels.includes(l.level));
    const jobs = LEVEL_JOBS.test(text) && asked.length > 0;
    const shown = asked.length ? asked : c.levels;
    // One level asked about: its work areas with their tasks (初级有没有做图表的 → 基础数据图表制作).
    const areas = (l: (typeof shown)[number]) => l.workAreas.map((w) => (asked.length ? `${w.area}（${w.tasks.join('、')}）` : w.area)).join('、');
    const lines = shown.map((l) => (jobs ? `${l.level}：${l.jobs}` : `${l.level}：${areas(l)}`));
    // (How many levels, asked beside one of them (有几个等级，初级考什么): the levels first.)
    const howMany = asked.length > 0 && LEVEL_COUNT.test(text);
    const head = asked.length && !howMany ? '' : `证书分为${c.levels.map((l) => l.level).join('、')}${c.levels.length}个级别（${c.levels[c.levels.length - 1]!.level}最高）${asked.length ? '。' : '，各级工作领域：'}\n`;
    const sources: Source[] = [{ document: c.source.document, section: c.source.section, file: c.source.file }];
    return { intent: 'certificate_info', text: head + lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private regionInfo(e: Entities): Answer {
    const s = this.snapshot;
    const lines = e.regions.map((r) => {
      const names = s.provinces.filter((p) => p.regionCode === r.code).map((p) => p.name);
      // Its manager too: who covers those provinces is what a region is for (西北区的区域管家是谁，管哪些省).
      const managers = managersOf(s, r.code).map(person).join('；');
      return `${r.name}包括：${names.join('、')}（共${names.length}个省区）${managers ? `，区域管家：${managers}` : ''}。`;
    });
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'region_info', text: lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private regionManager(e: Entities): Answer {
    const s = this.snapshot;
    const lines = e.regions.map((r) => `${r.name}区域管家：${managersOf(s, r.code).map(person).join('；') || '暂无'}（负责${MANAGER_DUTIES}对接）。`);
    const sources = directorySources(s, ['博导股份1+X项目管理办公室联系人']);
    return { intent: 'contact_lookup', text: lines.join('\n') + citation(sources), sources, confidence: 0, abstained: false };
  }

  private uncovered(names: string[]): Answer {
    const sources = directorySources(this.snapshot, ['博导股份全国各省区域负责人']);
    return {
      intent: 'uncovered_region',
      text: `${names.join('、')}不在目前的省区负责人名单覆盖范围内（名单覆盖内地31个省、自治区、直辖市），我无法为您指定对接人。建议通过客服微信或官方渠道咨询：${officialChannelsLine(this.snapshot)}。` + citation(sources),
      sources,
      confidence: 0,
      abstained: false,
    };
  }

  private askProvince(e: Entities): Answer {
    const topic = e.topics.map((t) => t.topic).join('、');
    return {
      intent: 'contact_lookup',
      text: `请告诉我学校所在的省份（例如“山东${topic ? topic : '考试组织'}找谁”），我来帮您找对接人。${MANAGER_DUTIES}找区域管家；${LEAD_DUTIES}找省区负责人。在群里发送“绑定 省份 学校名称”后，本群提问就不用再说省份了。`,
      sources: [],
      confidence: 0,
      abstained: false,
    };
  }

  private exams(e: Entities, text: string, now: Date): Answer {
    const s = this.snapshot;
    const today = todayIn(this.options.timeZone, now);
    const src: Source[] = [];
    const cite = (list: typeof s.exams) => {
      for (const x of list) src.push({ document: x.source.includes('seeds/000') ? s.examsSource.document : x.source, section: x.source.includes('seeds/000') ? s.examsSource.section : undefined, file: x.source });
    };
    const year = askedYear(text) ?? e.year ?? (/今年/.test(text) ? today.year : /明年/.test(text) ? today.year + 1 : /前年/.test(text) ? today.year - 2 : /去年/.test(text) ? today.year - 1 : undefined);
    if (year) {
      const list = s.exams.filter((x) => x.year === year);
      if (!list.length) {
        return { intent: 'exam_schedule', text: `目前还没有发布${year}年的考试安排。请关注官方渠道获取最新考试时间：${officialChannelsLine(s)}。`, sources: [], confidence: 0, abstained: false };
      }
      cite(list);
      const upcoming = list.filter((x) => isUpcoming(x, today));
      const months = list.map((x) => (x.date ? x.date : `${x.month}月`)).join('、');
      const tail = upcoming.length ? `其中尚未举行的：${upcoming.map(examLabel).join('、')}。` : '这些场次均已结束。';
      const detail = s.examsSource.url && list.some((x) => x.source.includes('seeds/000')) ? `详见 ${s.examsSource.url}。` : '';
      return { intent: 'exam_schedule', text: `${year}年全国统考安排在：${months}（共${list.length}次，每次组织一次全国统考）。${tail}${detail}` + citation(src.slice(0, 1)), sources: src.slice(0, 1), confidence: 0, abstained: false };
    }
    const upcoming = s.exams.filter((x) => isUpcoming(x, today));
    if (upcoming.length) {
      const next = upcoming[0]!;
      cite([next]);
      return { intent: 'exam_schedule', text: `下一次考试：${examLabel(next)}${next.title ? '（' + next.title + '）' : ''}。具体日期和报名以考点通知为准。` + citation(src), sources: src, confidence: 0, abstained: false };
    }
    const last = s.exams[s.exams.length - 1];
    // How often (一年考几次, 哪几个月考): the last year published says it.
    const lastYear = last && HOW_OFTEN.test(text) ? s.exams.filter((x) => x.year === last.year) : [];
    if (lastYear.length) cite(lastYear.slice(0, 1));
    const often = lastYear.length ? `最近公布的${last!.year}年共组织${lastYear.length}次全国统考：${lastYear.map((x) => (x.date ? x.date : `${x.month}月`)).join('、')}。` : '';
    return {
      intent: 'exam_schedule',
      text: `目前还没有发布新的考试安排${last ? `（已发布的最近一场是${examLabel(last)}，已经结束）` : ''}。${often}请关注官方渠道获取最新考试时间：${officialChannelsLine(s)}。` + (often ? citation(src) : ''),
      sources: often ? src : [],
      confidence: 0,
      abstained: false,
    };
  }

  private reporting(): Answer {
    const days = this.snapshot.reportDueDays.map((d) => `${d}日`).join('、');
    const passage = this.snapshot.passages.find((p) => p.body.includes('双周报送'));
    const sources: Source[] = passage ? [{ document: passage.document, section: passage.section, file: passage.file }] : [];
    return {
      intent: 'reporting',
      text: `试点工作动态实行双周报送：每月${days}前报送工作进展。在已绑定学校的群里发送“${this.snapshot.reportTemplate ?? '进展：……'}”即可提交，同一期再次发送会更新；也可在小程序“我的 › 进展报送”里填写。` + citation(sources),
      sources,
      confidence: 0,
      abstained: false,
    };
  }

  /**
   * A polite decline that says who follows up: the region's 区域管家 when the province is known,
   * the staff otherwise. Out-of-scope questions and injection attempts never get a phone number.
   */
  /**
   * For a decline, the FAQ question the asker most likely meant (the leading passage's own
   * question), offered only when asking it that way gets that passage's answer: 您是不是想问“…”？
   */
  private suggestion(best: ScoredPassage | undefined, input: AskInput): string | undefined {
    if (this.suggesting || !best || best.score < SUGGEST_AT || !/常见问题/.test(best.hit.unit.passage.section)) return undefined;
    const question = waysOfAsking(best.hit.unit.passage.section)[0];
    if (!question) return undefined;
    this.suggesting = true;
    try {
      const answer = this.decide(question, { ...input, text: question });
      const passage = best.hit.unit.passage;
      return !answer.abstained && answer.sources.some((s) => s.document === passage.document && s.section === passage.section) ? question : undefined;
    } finally {
      this.suggesting = false;
    }
  }

  /**
   * A message that tells a story and asks one thing at its end (我已经毕业两年了，现在在海口做电商运营，…，社会人员还能考这个证吗？):
   * its last clause, the only one that asks, answered alone — taken only when that answer comes
   * from the passage the whole message leads to, so the story's words lowered the score but did not
   * change what was asked. Measured on the tuning and printed blind parts: blind +5 right, +1 confident
   * wrong; allowing other asking clauses before it, or taking the last asking clause before a remark,
   * added more confident wrong answers than right ones. (`leads`: the whole message's best passage and
   * those within TAIL_TIE of it; a closing plea or thanks after the question is set aside first:
   * blind +2 each, twenty-third session.)
   */
  private tailAnswer(raw: string, input: AskInput, leads: ScoredPassage[]): Answer | undefined {
    if (this.suggesting) return undefined;
    const clauses = raw.split(/(?<=[，,。！!；;?？])|(?<=[\u4e00-\u9fff])\s+(?=[\u4e00-\u9fff])/).map((c) => c.trim()).filter((c) => /[\p{L}\p{N}]/u.test(c));
    // (A closing plea, 求个网址🙏 or 谢谢老师, asks nothing the question before it does not.)
    while (clauses.length > 2 && (isSmallTalk(clauses[clauses.length - 1]!) || CLOSING_PLEA.test(clauses[clauses.length - 1]!))) clauses.pop();
    if (clauses.length < 2) return undefined;
    // (这几天, 好几次 tell a time, they do not ask.)
    const asking = clauses.filter((c) => ASKS_BY_WORD.test(c.replace(/[这那好十]几|几乎/g, '')) || /[吗么嘛][?？]?$|[?？]$|干嘛/.test(c));
    if (asking.length !== 1 || asking[0] !== clauses[clauses.length - 1]) return undefined;
    const tail = asking[0]!.replace(/^[，,。！!；;\s]+/, '');
    if (!tail || tail.length < 4 || tail.length >= raw.length - 2) return undefined;
    this.suggesting = true;
    try {
      const answer = this.decide(tail, input);
      return !answer.abstained && answer.sources.some((s) => leads.some((o) => s.document === o.hit.unit.passage.document && s.section === o.hit.unit.passage.section)) ? answer : undefined;
    } finally {
      this.suggesting = false;
    }
  }

  /** Set while a suggestion or a message's last clause is tried, so that trying it tries nothing further itself. */
  private suggesting = false;

  private decline(province: SnapshotProvince | undefined, outOfScope: boolean, gap?: string, suggestion?: string): Answer {
    let follow = gap ? `现有文件里没有关于${gap}的规定。` : suggestion ? `您是不是想问“${suggestion}”？可以这样再问我一次。` : '';
    if (province && !outOfScope) {
      const region = regionOf(this.snapshot, province);
      const managers = region ? managersOf(this.snapshot, region.code) : [];
      if (region && managers.length) follow += `您也可以直接联系${region.name}区域管家 ${managers.map(person).join('；')}。`;
    }
    return { intent: outOfScope ? 'out_of_scope' : 'unanswered', text: ABSTAIN + follow, sources: [], confidence: 0, abstained: true };
  }

  private greeting(thanks = false): Answer {
    if (thanks) return { intent: 'greeting', text: '不客气！还有问题随时问我，例如“山东考试组织找谁”“下次考试什么时候”。', sources: [], confidence: 1, abstained: false };
    return { intent: 'greeting', text: '您好！我是1+X联络助手，可以帮您查对接人、考试安排、申报条件和政策要求。请直接提问，例如“山东考试组织找谁”。', sources: [], confidence: 1, abstained: false };
  }

  private binding(bound: SnapshotProvince | undefined, college: string | undefined): Answer {
    const text = bound
      ? `本群已绑定：${bound.name}${college ? ` ${college}` : ''}。在本群提问不用再说省份；要改绑，群主发送“绑定 省份 学校名称”。`
      : '本群还没有绑定学校。群主发送“绑定 省份 学校名称”即可，之后在本群提问不用再说省份。';
    return { intent: 'help', text, sources: [], confidence: 1, abstained: false };
  }

  private help(): Answer {
    return {
      intent: 'help',
      text: '我可以帮您：\n1. 查对接人：如“山东考试找谁”“广州校企合作联系谁”\n2. 查考试安排：如“下次考试什么时候”\n3. 查证书和成绩：如“证书有什么用”“成绩在哪查”\n4. 查申报条件和要求：如“考核站点需要什么条件”\n5. 报送进展：在已绑定的群里发“进展：……”\n6. 群绑定：群主发送“绑定 省份 学校名称”',
      sources: [],
      confidence: 1,
      abstained: false,
    };
  }

  private notices(): Answer {
    return { intent: 'notices', text: `最新通知请在小程序“通知”页查看，也会推送到已绑定的群。官方渠道：${officialChannelsLine(this.snapshot)}。`, sources: [], confidence: 0, abstained: false };
  }
}
