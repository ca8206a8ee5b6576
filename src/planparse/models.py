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


class Source(_Model):
    path: str
    format: str = Field(description="the input format, as `planparse formats` names it")
    sha256: str
    pages: int | None = None
    encoding: str | None = Field(None, description="detected text encoding, text formats only")


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
