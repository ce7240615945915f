"""Request bodies of the asset routes (api.md §2.15), bounded like the columns they fill."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field

INT32 = 2**31 - 1
INT64 = 2**63 - 1


def _no_nul(value: str) -> str:
    if "\x00" in value:
        raise ValueError("text must not contain NUL characters")
    return value


Name = Annotated[str, Field(min_length=1, max_length=200), AfterValidator(_no_nul)]
Kind = Annotated[str, Field(min_length=1, max_length=20), AfterValidator(_no_nul)]
Url = Annotated[str, Field(min_length=1, max_length=1000), AfterValidator(_no_nul)]
LongText = Annotated[str, Field(max_length=20000), AfterValidator(_no_nul)]
Short = Annotated[str, Field(max_length=50), AfterValidator(_no_nul)]
Medium = Annotated[str, Field(max_length=100), AfterValidator(_no_nul)]
Path500 = Annotated[str, Field(max_length=500), AfterValidator(_no_nul)]
Link = Annotated[str, Field(max_length=1000), AfterValidator(_no_nul)]
Size32 = Annotated[int, Field(ge=0, le=INT32)]
Size64 = Annotated[int, Field(ge=0, le=INT64)]


class AssetCreate(BaseModel):
    name: Name
    type: Kind
    url: Url
    drama_id: Annotated[str, Field(max_length=40)] | None = None
    description: LongText | None = None
    category: Short | None = None
    thumbnail_url: Link | None = None
    local_path: Path500 | None = None
    file_size: Size64 | None = None
    mime_type: Medium | None = None
    width: Size32 | None = None
    height: Size32 | None = None
    duration: Size32 | None = None
    format: Short | None = None
    image_gen_id: Size64 | None = None
    video_gen_id: Size64 | None = None
    tag_ids: list[int] | None = None


class AssetUpdate(BaseModel):
    name: Annotated[str, Field(max_length=200), AfterValidator(_no_nul)] | None = None
    description: LongText | None = None
    category: Short | None = None
    thumbnail_url: Link | None = None
    is_favorite: bool | None = None
    tag_ids: list[int] | None = None
