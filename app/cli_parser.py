"""argparse in Chinese: usage, section titles, the help option and the error messages.

Python's argparse writes its own words in English ("usage:", "positional arguments", "the following
arguments are required"); `ChineseArgumentParser` is an ArgumentParser that writes them in Chinese,
and its subcommand parsers are of the same class.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

# argparse's English error messages, in the order tried, and their Chinese.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), text)
    for pattern, text in (
        (r"^the following arguments are required: (.*)$", r"缺少必需的参数：\1"),
        (r"^unrecognized arguments: (.*)$", r"无法识别的参数：\1"),
        (
            r"^argument (.+?): invalid choice: (.*) \(choose from (.*)\)$",
            r"参数 \1：无效的选项 \2（可选：\3）",
        ),
        (r"^argument (.+?): expected one argument$", r"参数 \1：需要一个值"),
        (r"^argument (.+?): expected at least one argument$", r"参数 \1：至少需要一个值"),
        (r"^argument (.+?): expected (\d+) arguments?$", r"参数 \1：需要 \2 个值"),
        (r"^argument (.+?): invalid (.+?) value: (.*)$", r"参数 \1：无效的值 \3"),
        (r"^argument (.+?): not allowed with argument (.*)$", r"参数 \1：不能与参数 \2 同时使用"),
        (r"^argument (.+?): ignored explicit argument (.*)$", r"参数 \1：不接受值 \2"),
        (r"^ambiguous option: (.*) could match (.*)$", r"选项 \1 不明确，可能是：\2"),
        (r"^one of the arguments (.*) is required$", r"必须给出以下参数之一：\1"),
        (r"^argument (.+?): (.*)$", r"参数 \1：\2"),
    )
)


def chinese_error(message: str) -> str:
    for pattern, text in _ERRORS:
        if pattern.match(message):
            return pattern.sub(text, message)
    return message


class ChineseHelpFormatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "用法：" if prefix is None else prefix)


class ChineseArgumentParser(argparse.ArgumentParser):
    def __init__(self, *args, add_help: bool = True, parents=(), **kwargs) -> None:
        kwargs.setdefault("formatter_class", ChineseHelpFormatter)
        super().__init__(*args, add_help=False, **kwargs)
        # Titled before the parents' arguments join, so that theirs land in the same groups.
        self._positionals.title = "位置参数"
        self._optionals.title = "选项"
        if add_help:
            self.add_argument("-h", "--help", action="help", help="显示此帮助并退出")
        for parent in parents:
            self._add_container_actions(parent)
            self._defaults.update(parent._defaults)

    def add_subparsers(self, **kwargs):
        kwargs.setdefault("title", "命令")
        kwargs.setdefault("parser_class", ChineseArgumentParser)
        return super().add_subparsers(**kwargs)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}：错误：{chinese_error(message)}\n")
