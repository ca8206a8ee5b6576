"""Table plans: what each column heading means."""

from __future__ import annotations

from planparse.rules.units import COLUMN_ROLES, LABEL_NOUNS, LABEL_ROLES

# Columns whose cells are outline text, outermost first in a row (工作要求 → 工作任务 → 具体要求).
TEXT_COLUMNS = (
    "工作要求", "工作任务", "具体要求", "重点任务", "具体措施", "主要任务", "工作内容", "任务内容",
    "重点工作", "工作措施", "工作目标", "目标任务", "任务分解", "具体任务", "主要内容", "任务",
    "工作事项", "事项", "内容", "项目", "类别", "领域", "重点领域", "公开事项", "公开内容",
    "工作重点", "要点", "任务举措", "具体内容", "工作要点",
)
NUMBER_COLUMNS = ("序号", "编号", "序")
DEADLINE_COLUMNS = ("完成时限", "完成时间", "完成日期", "时间节点", "时限", "时限要求", "进度安排",
                    "时间安排", "完成期限", "时间")
IGNORED_COLUMNS = ("备注", "说明", "责任人", "联系人", "分管领导", "责任领导", "进展情况", "完成情况",
                   "落实情况", "推进情况", "工作进展")
UNIT_COLUMNS = COLUMN_ROLES
# A second header row under a merged 责任单位 names each sub-column's role: 牵头 / 配合 …
SUB_HEADER_ROLES = {**LABEL_ROLES, **COLUMN_ROLES}

# Headings not named above are read by the words in them, in this order (a bracketed
# qualifier aside: 责任部门（单位）, 完成时间（节点）): people and remarks, numbers, times,
# a role word with a unit noun (牵头责任单位), then words of outline text (推进措施, 工作举措).
IGNORED_WORDS = ("备注", "说明", "责任人", "联系人", "领导", "联系方式", "电话", "情况", "进展")
NUMBER_WORDS = ("序号", "编号")
DEADLINE_WORDS = ("时限", "时间", "期限", "节点", "日期", "进度")
UNIT_NOUNS = LABEL_NOUNS
# What a time cell says that is a period, not a deadline (全年, 常态化); how often is units.FREQUENCY.
UNDATED_TIMES = ("全年", "常态", "长期", "持续", "随时", "及时", "适时")
TEXT_WORDS = ("任务", "措施", "内容", "要求", "事项", "工作", "举措", "目标", "项目", "领域", "类别", "重点")
