"""The output contract (../shared/docs/CONTRACT.md) as pydantic models: its single source of truth."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"
DeadlineKind = Literal["date", "ongoing", "relative", "recurring"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Span(_Model):
    """Where an element sits: ``start``/``end`` index the document's normalised text."""

    page: int | None = Field(None, ge=1, description="1-based page, paged formats only")
    line: int | None = Field(None, ge=1, description="1-based source line, text formats only")
    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Ocr(_Model):
    engine: str = Field(description="the OCR engine")
    dpi: int = Field(description="resolution the pages were read at")
    pages: list[int] = Field(description="1-based numbers of the pages read by OCR")
    mean_confidence: float = Field(description="the engine's mean confidence per line, 0..1")


class Source(_Model):
    path: str
    format: str = Field(description="the input format, as `planparse formats` names it")
    sha256: str
    pages: int | None = None
    encoding: str | None = Field(None, description="detected text encoding, text formats only")
    ocr: Ocr | None = Field(None, description="set when some pages were read by OCR")


class WebPage(_Model):
    """What a web page's metadata block says of the page (not of the document)."""

    index_no: str | None = Field(None, description="索引号")
    publisher: str | None = Field(None, description="发布机构 (not the issuer)")
    source: str | None = Field(None, description="来源 / 信息来源")
    title: str | None = Field(None, description="名称 / 标题 as the block prints it")
    doc_number: str | None = Field(None, description="文号 / 发文字号 as the block prints it")
    signed_date: str | None = Field(None, description="a field labelled 成文日期")
    published: str | None = Field(None, description="发布日期 / 发布时间, YYYY-MM-DD when a date")
    generated: str | None = Field(None, description="生成日期")
    issued: str | None = Field(None, description="发文日期")
    updated: str | None = Field(None, description="更新时间")
    subject: str | None = Field(None, description="主题分类 / 主题词 / 分类")
    validity: str | None = Field(None, description="有效性")


class Metadata(_Model):
    title: str | None = Field(None, description="printed title (the 通知's title when wrapped)")
    plan_title: str | None = Field(None, description="the work plan's own title")
    issuer: str | None = Field(None, description="发文机关")
    doc_number: str | None = Field(None, description="发文字号, e.g. 辽交办〔2023〕231号")
    recipients: list[str] = Field(default_factory=list, description="主送机关")
    signed_date: str | None = Field(None, description="成文日期 YYYY-MM-DD")
    publicity: str | None = Field(None, description="主动公开 | 依申请公开 | 公开发布 | 不予公开")
    printed_by: str | None = Field(None, description="印发机关 (版记)")
    printed_date: str | None = Field(None, description="印发日期 YYYY-MM-DD")
    year: int | None = Field(None, description="the plan's year")
    web: WebPage | None = Field(None, description="a web page's metadata block, when it prints one")


class Units(_Model):
    lead: list[str] = Field(default_factory=list)
    responsible: list[str] = Field(default_factory=list)
    cooperating: list[str] = Field(default_factory=list)
    raw: str | None = Field(None, description="the responsibility text as printed")
    inherited: bool = Field(False, description="taken from an enclosing section")


class Deadline(_Model):
    raw: str
    kind: DeadlineKind
    date: str | None = Field(None, description="YYYY-MM-DD for date, --MM-DD for recurring")


class Section(_Model):
    id: str
    marker: str | None
    level: int = Field(ge=1)
    number: int | None
    title: str
    text: str | None = Field(None, description="the section's own paragraphs besides its heading")
    units: Units | None = Field(None, description="a responsibility parenthetical on the heading")
    children: list[Section] = Field(default_factory=list)
    task_ids: list[str] = Field(default_factory=list)
    span: Span


class Task(_Model):
    id: str
    section_id: str | None
    marker: str | None
    number: int | None
    title: str | None
    text: str
    units: Units
    deadlines: list[Deadline] = Field(default_factory=list)
    span: Span


class Warning(_Model):
    code: str
    message: str
    span: Span | None = None
    task_id: str | None = Field(None, description="the task the warning is about, if any")


class PlanDocument(_Model):
    schema_version: str = SCHEMA_VERSION
    source: Source
    metadata: Metadata
    preamble: str | None = None
    sections: list[Section] = Field(default_factory=list)
    tasks: list[Task] = Field(default_factory=list)
    warnings: list[Warning] = Field(default_factory=list)
    confidence: float = Field(1.0, ge=0, le=1, description="1.0 when no warning asks for a look")
