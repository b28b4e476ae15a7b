"""The Chinese fonts of printed documents: the workstation's official fonts first, ours otherwise.

Official documents are set in 宋体 / 仿宋 / 黑体 / 楷体 (and 小标宋 for titles). A government workstation
usually has the Windows fonts (SimSun, SimFang, SimHei, SimKai) or the 方正 (FZ) ones; we use them when
present. A bare machine gets the free fonts shipped in resources/fonts/ (see its README for the
licences): AR PL SungtiL GB for Song, AR PL KaitiM GB for Kai, WenQuanYi Micro Hei for Hei.

No free TrueType FangSong exists that we can ship, so without an official FangSong the FangSong family
falls back to the shipped Song font (AR PL SungtiL GB); 小标宋 likewise falls back to Song. reportlab
embeds TrueType outlines only, so CFF/OpenType fonts found on the machine are skipped.

Fonts are registered with reportlab under names derived from the file, so the families resolved for
different search folders (the tests use that) never overwrite one another.
"""

from __future__ import annotations

import hashlib
import os
import sys
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from app import paths


class Family(StrEnum):
    SONG = "song"  # 宋体
    FANGSONG = "fangsong"  # 仿宋
    HEI = "hei"  # 黑体
    KAI = "kai"  # 楷体
    XIAOBIAOSONG = "xiaobiaosong"  # 小标宋, for titles


FAMILY_LABELS = {
    Family.SONG: "宋体",
    Family.FANGSONG: "仿宋",
    Family.HEI: "黑体",
    Family.KAI: "楷体",
    Family.XIAOBIAOSONG: "小标宋",
}

# Official font files by family, best first: (lower-case file name, index inside a .ttc).
OFFICIAL: dict[Family, tuple[tuple[str, int], ...]] = {
    Family.SONG: (
        ("simsun.ttc", 0),
        ("simsun.ttf", 0),
        ("fzssk.ttf", 0),  # 方正书宋_GBK
        ("fzssjw.ttf", 0),  # 方正书宋简体
        ("stsong.ttf", 0),  # 华文宋体
    ),
    Family.FANGSONG: (
        ("fzfsk.ttf", 0),  # 方正仿宋_GBK
        ("fzfsjw.ttf", 0),  # 方正仿宋简体
        ("仿宋_gb2312.ttf", 0),
        ("fangsong_gb2312.ttf", 0),
        ("simfang.ttf", 0),
        ("stfangso.ttf", 0),  # 华文仿宋
    ),
    Family.HEI: (
        ("fzhtk.ttf", 0),  # 方正黑体_GBK
        ("fzhtjw.ttf", 0),  # 方正黑体简体
        ("simhei.ttf", 0),
        ("stheiti.ttf", 0),
    ),
    Family.KAI: (
        ("fzktk.ttf", 0),  # 方正楷体_GBK
        ("fzktjw.ttf", 0),  # 方正楷体简体
        ("楷体_gb2312.ttf", 0),
        ("kaiti_gb2312.ttf", 0),
        ("simkai.ttf", 0),
        ("stkaiti.ttf", 0),
    ),
    Family.XIAOBIAOSONG: (
        ("fzxbsk.ttf", 0),  # 方正小标宋_GBK
        ("fzxbsjw.ttf", 0),  # 方正小标宋简体
        ("fzxiaobiaosong-b05s.ttf", 0),
        ("fzxiaobiaosong-b05.ttf", 0),
    ),
}

# What we ship (resources/fonts/), and which family stands in where nothing of the kind is shipped.
SHIPPED: dict[Family, tuple[str, int]] = {
    Family.SONG: ("gbsn00lp.ttf", 0),
    Family.KAI: ("gkai00mp.ttf", 0),
    Family.HEI: ("wqy-microhei.ttc", 0),
}
STAND_IN: dict[Family, Family] = {Family.FANGSONG: Family.SONG, Family.XIAOBIAOSONG: Family.SONG}

_MAX_DEPTH = 3  # font folders are shallow; do not wander a whole disk


@dataclass(frozen=True)
class ResolvedFont:
    family: Family
    name: str  # the reportlab font name to use in styles
    path: Path
    official: bool  # True when the workstation's own font was used


@dataclass(frozen=True)
class FontSet:
    fonts: dict[Family, ResolvedFont]

    def name(self, family: Family) -> str:
        return self.fonts[family].name

    @property
    def song(self) -> str:
        return self.name(Family.SONG)

    @property
    def fangsong(self) -> str:
        return self.name(Family.FANGSONG)

    @property
    def hei(self) -> str:
        return self.name(Family.HEI)

    @property
    def kai(self) -> str:
        return self.name(Family.KAI)

    @property
    def title(self) -> str:
        return self.name(Family.XIAOBIAOSONG)


def system_font_dirs() -> list[Path]:
    """The usual font folders of Windows, Linux and macOS that exist here."""
    home = Path.home()
    dirs: list[Path] = []
    if sys.platform.startswith("win"):
        windir = os.environ.get("WINDIR", r"C:\Windows")
        dirs.append(Path(windir) / "Fonts")
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    elif sys.platform == "darwin":
        dirs += [Path("/Library/Fonts"), Path("/System/Library/Fonts"), home / "Library" / "Fonts"]
    else:
        dirs += [
            Path("/usr/share/fonts"),
            Path("/usr/local/share/fonts"),
            home / ".local" / "share" / "fonts",
            home / ".fonts",
        ]
    return [d for d in dirs if d.is_dir()]


def shipped_fonts_dir() -> Path:
    return paths.resource("fonts")


def _index_files(dirs: Iterable[Path]) -> dict[str, Path]:
    """Lower-case file name -> first path found, walking each folder a few levels deep."""
    found: dict[str, Path] = {}
    for top in dirs:
        top_depth = len(top.parts)
        for root, subdirs, files in os.walk(top):
            if len(Path(root).parts) - top_depth >= _MAX_DEPTH:
                subdirs[:] = []
            for name in files:
                found.setdefault(name.lower(), Path(root) / name)
    return found


_lock = threading.Lock()
_loaded: dict[tuple[str, int], str | None] = {}  # (path, index) -> registered name, None if unusable


def _register(path: Path, index: int, family: Family) -> str | None:
    """Register one TrueType file with reportlab; None when it cannot be embedded or lacks Chinese."""
    key = (str(path), index)
    with _lock:
        if key in _loaded:
            return _loaded[key]
        tag = hashlib.sha1(f"{path}:{index}".encode()).hexdigest()[:8]
        name = f"XC-{family.value}-{tag}"
        try:
            font = TTFont(name, str(path), subfontIndex=index)
            usable = all(ord(ch) in font.face.charToGlyph for ch in "中文谈话记录，")
        except (TTFError, OSError, ValueError, KeyError, IndexError):
            usable = False  # CFF outlines, a damaged file, a font without Chinese
        if usable:
            pdfmetrics.registerFont(font)
        _loaded[key] = name if usable else None
        return _loaded[key]


def resolve_fonts(search_dirs: Iterable[Path] | None = None, *, shipped_dir: Path | None = None) -> FontSet:
    """Pick and register one font per family; official ones from `search_dirs` (default: the system's)."""
    index = _index_files(system_font_dirs() if search_dirs is None else search_dirs)
    shipped_dir = shipped_dir or shipped_fonts_dir()
    fonts: dict[Family, ResolvedFont] = {}
    for family in (Family.SONG, Family.HEI, Family.KAI):  # the ones with a shipped fallback first
        fonts[family] = _official(family, index) or _shipped(family, shipped_dir)
    for family, stand_in in STAND_IN.items():
        fonts[family] = _official(family, index) or ResolvedFont(
            family, fonts[stand_in].name, fonts[stand_in].path, fonts[stand_in].official
        )
    return FontSet(fonts)


def _official(family: Family, index: dict[str, Path]) -> ResolvedFont | None:
    for filename, sub in OFFICIAL[family]:
        path = index.get(filename)
        if path is not None:
            name = _register(path, sub, family)
            if name:
                return ResolvedFont(family, name, path, True)
    return None


def _shipped(family: Family, shipped_dir: Path) -> ResolvedFont:
    filename, sub = SHIPPED[family]
    path = shipped_dir / filename
    name = _register(path, sub, family)
    if name is None:
        raise RuntimeError(f"the shipped font {path} is missing or unusable; the installation is damaged")
    return ResolvedFont(family, name, path, False)


_default: FontSet | None = None


def default_fonts() -> FontSet:
    """The fonts for this workstation, resolved once per process."""
    global _default
    if _default is None:
        _default = resolve_fonts()
    return _default
