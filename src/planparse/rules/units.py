"""Responsibility vocabulary: field labels, role verbs, separators, collectives.

Simplified forms only: text is folded (planparse.grammar.fold) before it meets these tables.
"""

from __future__ import annotations

LEAD, RESPONSIBLE, COOPERATING = "lead", "responsible", "cooperating"

# Labelled fields inside a parenthetical or a table-like clause: (role word) + (unit noun) + ：.
LABEL_ROLES: dict[str, str] = {
    "牵头": LEAD, "主责": RESPONSIBLE, "责任": RESPONSIBLE, "负责": RESPONSIBLE, "承办": RESPONSIBLE,
    "实施": RESPONSIBLE, "主办": RESPONSIBLE, "配合": COOPERATING, "协办": COOPERATING,
    "协同": COOPERATING, "参与": COOPERATING, "参加": COOPERATING,
}
LABEL_NOUNS = ("单位", "部门", "处室", "科室", "股室", "机构", "主体", "处", "科", "股", "室")
# Fields naming people, not units (责任领导：李明; 联系人：…): read as fields, their value dropped.
PERSON_LABELS = ("责任领导", "牵头领导", "分管领导", "联系领导", "责任人", "负责人", "联系人", "联系电话",
                 "经办人", "牵头市领导", "牵头区领导", "牵头县领导", "牵头负责领导", "责任市领导",
                 "联系市领导", "市领导", "区领导", "县领导")
# Role words that open a labelled field in brackets inside an item's text: （牵头单位：…）.
INNER_LABEL_ROLES = ("牵头", "责任", "配合", "协同")
# Words a labelled field may have between its role word and its noun (牵头责任单位, 协同责任单位).
LABEL_INFIXES = ("责任",)
# Time fields; their value goes to the deadline grammar.
DEADLINE_LABELS = ("完成时限", "完成时间", "完成日期", "时间节点", "时限要求", "完成期限", "时间要求",
                   "时间安排", "进度安排", "时限", "时间")
DEADLINE = "deadline"

# Role verbs that close a list of units, with the role they give.  Longest first matters
# only for readability: the pattern is built by length.
ROLE_VERBS: dict[str, str] = {
    "牵头": LEAD, "牵头负责": LEAD,
    "负责": RESPONSIBLE, "落实": RESPONSIBLE,
    "分别负责": RESPONSIBLE, "推进": RESPONSIBLE,
    # done jointly: responsible when alone, cooperating beside a unit that leads or is responsible
    "共同负责": "joint", "协同推进": "joint", "共同推进": "joint",
    "协同": "joint",
    "配合": COOPERATING, "协助": COOPERATING, "参与": COOPERATING, "协办": COOPERATING,
}
# Verbs after a colon that make the units before it an item's subject (财政局：负责…).
LEADING_VERBS = ("负责", "牵头")
# Verbs that close a later clause naming units of its own (…，B配合).
CLAUSE_END_VERBS = ("配合", "协同", "协助", "参与", "牵头")
# Words between a unit list and its verb that say how, not who (按职责分工, 依据职责分别 …).
VERB_MODIFIERS = (
    r"(?:按照?|依据|依照|根据|依|按各自|结合)?\s*(?:各自)?\s*(?:职责|职能|职工|工作职责)?\s*"
    r"(?:分工|分别)?\s*(?:分别|具体|做好|抓好|认真)?"
)
# A clause saying how often, not who: 每季度更新, 每年至少一次, 按月报送 (never units, never a deadline).
FREQUENCY = r"^(?:每|按)(?:年|季度?|月|周|半年|旬|日|天)|^定期|^不定期"
# Joining words inside one clause: "A协同B共同负责", "A会同B负责" -> A leads, B cooperates.
WITH_WORDS = ("协同", "会同", "联合")
# Prefixes that introduce the clause's subject and are not part of the unit's name.
CLAUSE_PREFIXES = ("由", "请", "各由")
# Separators between units.  和 / 及 / 与 join units only where both sides are whole names.
SEPARATORS = "、，,；;/／"
CONJUNCTIONS = ("和", "及", "与", "以及")
# 及其 / 和其: "各级政府及其部门" is one unit ("its departments" names no unit of its own).
NOT_AFTER_CONJUNCTION = ("其",)
# Closing 等 drops; 等 before a collective splits: "A、B等有关科室和单位" -> A, B, 有关科室和单位.
ETC = "等"
COLLECTIVE_HEADS = ("各", "有关", "相关", "其他", "其它", "全体", "所属", "直属", "厅属", "局属",
                    "省直", "市直", "州直", "县直", "区直", "旗直", "省级", "市级", "县级", "区级")
# Bare nouns that finish a collective after 和/及 (有关科室和单位): never split off on their own.
GENERIC_NOUNS = ("单位", "部门", "科室", "处室", "机构", "企业", "组织", "人员", "单元")
# Endings that make a string look like an organisation (a list of units with no verb at all).
UNIT_SUFFIXES = (
    "厅", "局", "委", "办", "室", "处", "科", "司", "部", "中心", "院", "所", "站", "队", "会", "组",
    "政府", "公司", "集团", "单位", "部门", "机构", "支队", "大队", "小组", "学校", "大学", "医院",
    "党委", "党组", "银行", "法院", "检察院", "办公厅", "办公室", "各处室",
    # places standing for their governments: 各县区, 各乡镇, 各街道
    "县", "区", "市", "镇", "乡", "街道", "社区", "村",
)
# Two names fused where the 、 between them was lost (a scan's small mark, a cell's line
# break): 安监科基建科, 办公室各科室.  Only a short section's name (ending so) is taken off.
FUSED_ENDINGS = ("科", "室", "处", "股")
FUSED_LENGTHS = (2, 4)  # characters of each fused name, fewest and most
# Parentheticals that are never responsibility: they stay in the text.
NOT_RESPONSIBILITY = (
    r"^试行$", r"^暂行$", r"^草案$", r"^征求意见稿$", r"^修订$", r"^修订稿$",
    r"^以下简称", r"^简称", r"〔\d{4}〕", r"\[\d{4}\]", r"^\d{4}\s*[—\-–~～至]\s*\d{4}年?$",
    r"^[省市区县镇乡街村州旗]、[省市区县镇乡街村州旗](?:、[省市区县镇乡街村州旗])*$",
    # remarks that list or define, not assign: （包括学校、医院）, （指区县政府部门）
    r"^(?:包括|含|即|指|如|例如|比如|主要是|主要包括|其中|涉及|不含|除|详见|见)",
)
# Table column headings -> role: a role word and a unit noun as in a labelled field (牵头单位,
# 责任股室, 配合部门 …), or a bare noun of units (科室, 处室).
COLUMN_ROLES: dict[str, str] = {
    **{word + noun: role for word, role in LABEL_ROLES.items() for noun in LABEL_NOUNS},
    "科室": RESPONSIBLE, "处室": RESPONSIBLE, "股室": RESPONSIBLE,
}
# A cell entry "X（牵头）" makes X lead whatever the column.
LEAD_MARK = r"[（(]\s*牵头\s*[）)]"
