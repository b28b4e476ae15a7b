"""The one error an exchange package raises: what was wrong with it, in Chinese, nothing changed."""

from __future__ import annotations

from app.core.errors import UserError


class ExchangeError(UserError):
    """A package refused: damaged, truncated, tampered, under another key, replayed, out of order, foreign."""


DAMAGED = "交换包已损坏或被改动（校验不符），已拒绝，未做任何更改。"
TRUNCATED = "交换包不完整（被截断），已拒绝，未做任何更改。"
WRONG_KEY = "交换包无法解密：传递口令不正确，或交换包不是发给本工作站的。未做任何更改。"
NOT_A_PACKAGE = "所选文件不是巡察工作台的交换包。"
