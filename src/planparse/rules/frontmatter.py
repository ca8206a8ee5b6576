"""Front and back matter of a 公文 (GB/T 9704-2012) and of web pages that publish one."""

from __future__ import annotations

from planparse.rules.numerals import CN_NUMERAL_CHARS

_CN = f"[{CN_NUMERAL_CHARS}]"
_YEAR = rf"(?P<year>\d{{4}}|{_CN}{{4}})"
_MONTH = rf"(?P<month>\d{{1,2}}|{_CN}{{1,3}})"
_DAY = rf"(?P<day>\d{{1,2}}|{_CN}{{1,3}})"
DATE = rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日"

# 发文字号: 甘交办〔2021〕48号, also with [ ] ［ ］ （ ） 【 】 around the year.
DOC_NUMBER = r"(?P<number>[\p{Han}A-Za-z]{1,16}\s*[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*第?\s*\d{1,5}\s*号)"
DOC_NUMBER_LINE = rf"^{DOC_NUMBER}(?:\s*签发人[:：].*)?$"
# 版头: the issuing organ(s) followed by 文件, or standing alone above the 发文字号.
BANNER = r"^(?P<issuer>.{2,40}?)\s*文\s*件$"
DATE_LINE = rf"^{_YEAR}\s*年\s*{_MONTH}\s*月(?:\s*{_DAY}\s*日)?$"  # 成文日期, also without its day
PUBLICITY = r"^[（(]\s*此件(?P<value>.{2,8}?)\s*[）)]$"
# value found inside （此件…） -> the simplified value the output uses (any script)
PUBLICITY_VALUES = (
    ("不予公开", "不予公开"), ("不公开", "不予公开"), ("依申请公开", "依申请公开"),
    ("公开发布", "公开发布"), ("主动公开", "主动公开"),
)
PRINTED = rf"^(?P<printed_by>.{{2,40}}?)\s*{DATE}\s*印\s*发$"
CC = r"^抄\s*送\s*[:：]"
ANNOTATION = r"^[（(]\s*(?:联\s*系\s*人|联系电话|联系方式)\s*[:：].*[）)]$"  # 附注 under the 成文日期
NOTES = r"^(?:填表)?(?:说\s*明|备\s*注|注)\s*[:：]"  # notes under a table plan: the plan ends there
ATTACHMENT_NOTE = r"^附\s*[件表]\s*[:：]"  # 附件说明 under the body of a 通知
ATTACHMENT_LABEL = r"^附\s*[件表]\s*\d{0,2}\s*[:：]?$"  # 附件 / 附件1 / 附表1 heading an attached plan
RECIPIENTS = r"^(?P<names>[^。；;]{2,200}?)[:：]$"

# Closing words of a document title, by genre: a title line ending with one is complete.
GENRE_WORDS = (
    "通知", "通报", "意见", "决定", "函", "批复", "要点", "方案", "分解", "计划", "清单", "台账",
    "安排", "细则", "办法", "规定", "措施", "任务", "报告", "规划", "纲要", "分工", "责任分工",
    "重点", "工作", "目录", "表",
)
# The genre words that only ever close a title, never an ordinary line of body text.
TITLE_ENDINGS = (
    "通知", "通报", "意见", "决定", "批复", "要点", "方案", "分解", "计划", "清单", "台账", "细则",
    "办法", "规定", "措施", "报告", "规划", "纲要", "分工", "任务分解", "责任分工",
)
# A whole title below a web page's site or channel name may also end 任务 (…重点任务).
WHOLE_TITLE_ENDINGS = (*TITLE_ENDINGS, "任务")
# Words that open a notice title after the issuer, or mark the end of the issuer in a title.
TITLE_ISSUER_STOP = r"关于|印发|转发|贯彻|落实|\d{4}|[〇零一二三四五六七八九]{4}年|年度|政务|[（(《]"
# Endings of an organisation's name: the issuer that opens a title ends with one of these.
ORG_SUFFIXES = (
    "人民政府办公厅", "人民政府办公室", "人民政府", "办公厅", "办公室", "委员会", "领导小组",
    "管理局", "总局", "厅", "局", "委", "办", "部", "署", "院", "会", "中心", "政府", "集团",
    "公司", "大学", "学校", "医院", "所", "站", "队", "处", "科", "室",
)

# The labels of the metadata a government web page prints above a document.
WEB_METADATA = (r"索\s*引\s*号|组配分类|主题分类|发布机构|文\s*号|发文字号|成文日期|发布日期|有\s*效\s*性|"
                r"名\s*称|公开方式|公开范围|生成日期|所属机构|信息分类")
# Lines a web page wraps around the document (breadcrumbs, toolbars, share buttons).
BREADCRUMB = (r"^(?:.{0,12}?(?:首页|主页)\s*[>＞›»/|｜].*"
              r"|[^>＞›»。，]{1,20}(?:\s*[>＞›»]+\s*[^>＞›»。，]{1,20}){2,})$")  # 首页 > … or a > b > c
# Site tools a portal lists in its header (a line made only of these).
SITE_TOOLS = (r"无障碍(?:浏览|阅读)?|长者模式|关怀版|适老化|繁体版?|简体版?|繁體|登录|注册|English|手机版|"
              r"网站地图|设为首页|加入收藏|智能问答|微信|微博|RSS|移动端|政务服务|互动交流")
WEB_FURNITURE = (
    BREADCRUMB,
    r"^首页$",
    rf"^(?:(?:{SITE_TOOLS})\s*[|｜]?\s*){{2,}}$",
    r"^[^（(\d一二三四五六七八九十、.．]{2,24}(?:门户网站|政府网|政务网)$",
    r"^(?:发布|发文|成文|公开)?(?:日期|时间)\s*[:：].{0,60}(?:来源|浏览|点击|字号).*$",
    r"^(?:信息)?来源\s*[:：].{0,40}$",
    r"^.{0,20}(?:字号|字体)(?:大小)?\s*[:：]?\s*[\[【]?\s*大\s*中\s*小\s*[\]】]?.*$",
    r"^.{0,8}(?:放大字体|缩小字体|默认字体).*$",
    r"^[【\[]?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|分享到|分享|返回顶部|纠错)\s*[:：]?\s*[】\]]?"
    r"(?:\s*【?\s*(?:打印本页|打印|关闭窗口|关闭|收藏|分享到|分享|返回顶部|纠错)\s*】?)*.*$",
    r"^(?:扫一扫在手机打开当前页|扫一扫在手机上查看当前页面|扫一扫.{0,20})$",
    r"^(?:相关附件|相关链接|相关文件|相关解读|相关稿件)\s*(?:[:：].{0,80})?$",
    rf"^(?:{WEB_METADATA})\s*[:：].{{0,80}}$",
    # what a mirror site pastes around a copy: its own blurb, reading tips, poster lines
    r"^.{0,80}(?:下面是|以下是).{0,12}(?:小编|本站|我们).{0,20}整理的.*$",
    r"^.*仅供(?:大家)?(?:参考|查阅|学习|借鉴)[。.！!]?$",
    r"^【#.*$",
    r"^(?:推荐阅读|相关推荐|相关文章|热门推荐|猜你喜欢|延伸阅读|上一篇|下一篇|本文链接|原文链接|"
    r"版权声明|免责声明|责任编辑|文章来源|客服热线|投诉热线)\s*[:：].*$",
    r"^.{1,20}于\d{4}年\d{1,2}月\d{1,2}日(?:\d{1,2}:\d{2})?发表.*$",
    r"^.{0,40}(?:版权所有|技术支持[:：]|ICP备|网站标识码|主办单位[:：]|承办单位[:：]|联系我们|网站声明).*$",
    r"^.{0,30}(?:访问次数|浏览次数|点击量|点击数|阅读次数|阅读量)\s*[:：]?\s*\d*\s*(?:次|人次)?$",
)
# A row of a web page's metadata table (索引号：<TAB>…<TAB>主题分类：<TAB>…) opens with one.
WEB_METADATA_CELL = rf"^(?:{WEB_METADATA})\s*[:：]?"
# Page numbers and page counters left in text copied out of a paged document.
PAGE_FURNITURE = (
    r"^[-—–－~～·•\s]*\d{1,4}[-—–－~～·•\s]*$",
    r"^第\s*\d{1,4}\s*页\s*(?:[,，/／]?\s*共\s*\d{1,4}\s*页)?$",
    r"^\d{1,4}\s*[/／]\s*\d{1,4}$",
    r"^(?:Page|page)\s*\d{1,4}(?:\s*of\s*\d{1,4})?$",
)

# Noise of web copies.  A pinyin gloss with its tone mark, in brackets right after a character
# (公開(kāi), 區(qū)); question marks or boxes that stood for indentation spaces before an
# encoding change, at either end of a line or next to spaces.
PHONETIC_GLOSS = (r"[(（](?<=\p{Han}[(（])[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]"
                  r"[a-zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜ]*[)）]")
DAMAGED_INDENT = r"^[?？□]{2,}|[?？]{2,}"

# The fields of a web page's metadata block, by label, and where each goes: title, doc_number and
# signed_date fill the document's own when it prints none; the others describe the web page
# (metadata.web); None: read and dropped (counters, controls, free text).
WEB_FIELDS = {
    "索引号": "index_no", "信息索引号": "index_no",
    "发布机构": "publisher", "发布机关": "publisher", "发文机构": "publisher", "发文机关": "publisher",
    "所属机构": "publisher", "发布单位": "publisher", "公开主体": "publisher",
    "来源": "source", "信息来源": "source", "文章来源": "source",
    "名称": "title", "标题": "title", "中文名": "title", "文件名称": "title", "信息名称": "title",
    "文号": "doc_number", "发文字号": "doc_number", "文件编号": "doc_number", "发文文号": "doc_number",
    "成文日期": "signed_date",
    "发布日期": "published", "发布时间": "published", "公开日期": "published", "时间": "published",
    "日期": "published",
    "生成日期": "generated", "发文日期": "issued", "更新时间": "updated", "更新日期": "updated",
    "主题分类": "subject", "主题词": "subject", "分类": "subject", "组配分类": "subject",
    "信息分类": "subject", "主题": "subject", "体裁分类": "subject", "服务对象分类": "subject",
    "有效性": "validity", "效力状态": "validity", "时效": "validity",
    "统一编号": None, "公开方式": None, "公开范围": None, "公开形式": None, "生效时间": None,
    "生效日期": None, "废止时间": None, "废止日期": None, "失效时间": None, "关键词": None,
    "内容概述": None, "核心提示": None, "摘要": None, "归档时间": None, "作者": None,
    "浏览次数": None, "访问次数": None, "阅读次数": None, "点击次数": None, "点击数": None,
    "点击量": None, "点击": None, "浏览量": None, "阅读量": None, "字号": None, "字体": None,
    "视力保护色": None, "有效期": "validity",
    "分享": None, "分享到": None, "责任编辑": None, "编辑": None,
}
# Bare labels that never take the line below as their value: free text (the line below is the
# document's title) and page controls (分享: above the 主送机关).
WEB_NO_VALUE_BELOW = ("内容概述", "核心提示", "摘要", "关键词", "分享", "分享到", "字号", "字体",
                      "视力保护色")
