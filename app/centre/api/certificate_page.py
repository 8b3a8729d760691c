"""The verify answer as a page for a phone's browser (the QR code is scanned by a camera app):
large print, Chinese first with English beneath, and what the centre's record says in words an
older reader and the person they show it to both follow. Revoked and not genuine are said as
plainly as genuine, in their own colour and words, never with a tick."""

from __future__ import annotations

import html
from typing import Any

GOOD, BAD = "#0b5d1e", "#8a1c1c"

_REFUSED = {
    "revoked": ("这张证书已经撤销", "This certificate was withdrawn"),
    "not_vouched": ("这张证书无法确认", "The centre cannot vouch for this certificate"),
    "unknown": ("查不到这张证书", "This certificate is not in the centre's records"),
    "not_genuine": ("这不是真实的证书", "Not a genuine certificate"),
}
_REFUSED_ZH = {
    "not_vouched": "这张证书是旧版系统颁发的，上面的内容中心无法确认。请到学习中心重新领一张。",
    "unknown": "学习中心的记录里没有这张证书，可能已经删除了。",
    "not_genuine": "二维码不是学习中心签发的，或者被改动过。请再扫一次；还是这样，就请向学习中心核实。",
}


def _lines(rows: list[tuple[str, str]]) -> str:
    """Each row a Chinese line and, smaller and grey, its English beneath."""
    return "".join(
        f'<p>{html.escape(zh)}<br><span lang="en" style="color: #333; font-size: 20px">{html.escape(en)}</span></p>'
        for zh, en in rows
    )


def _page(title: tuple[str, str], body: str, good: bool) -> str:
    colour = GOOD if good else BAD
    return (
        '<!doctype html><html lang="zh-CN"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title[0])} · {html.escape(title[1])}</title>"
        '<body style="font-family: sans-serif; font-size: 24px; line-height: 1.5; margin: 24px; color: #111;'
        ' background: #fff; max-width: 40em">'
        f'<h1 style="color: {colour}; font-size: 34px; margin-bottom: 0">{html.escape(title[0])}</h1>'
        f'<p lang="en" style="color: {colour}; font-size: 24px; margin-top: 0">{html.escape(title[1])}</p>'
        f"{body}</body></html>"
    )


def genuine_page(record: dict[str, Any]) -> str:
    theme = record["theme_title"]
    lessons = "".join(
        f'<li style="margin-bottom: 12px">✓ {html.escape(lesson["title"]["zh"])}'
        f"（{html.escape(lesson['completed_on'])}）"
        f'<br><span lang="en" style="color: #333; font-size: 20px">{html.escape(lesson["title"]["en"])}</span></li>'
        for lesson in record["lessons"]
    )
    centre, day, number = record["centre_name"], record["issued_on"], record["certificate_id"]
    details = [
        (f"颁发：{centre}", f"Issued by {centre}"),
        (f"日期：{day}　编号：{number}", f"On {day}, No. {number}"),
    ]
    body = (
        f'<p style="font-size: 36px; font-weight: bold; margin: 16px 0">{html.escape(record["learner_name"])}</p>'
        + _lines([(f"学完了「{theme['zh']}」的全部课程", f'completed every lesson of "{theme["en"]}"')])
        + f'<ul style="list-style: none; padding: 0">{lessons}</ul>'
        + _lines(details)
    )
    return _page(("证书真实有效", "This certificate is genuine"), body, good=True)


def refused_page(answer: dict[str, Any]) -> str:
    status = answer.get("status", "not_genuine")
    title = _REFUSED.get(status, _REFUSED["not_genuine"])
    if status == "revoked":
        why = answer.get("reason")
        rows = [
            (f"{answer['centre_name']}已在 {answer['revoked_on']} 撤销了这张证书，它不再有效。",
             f"{answer['centre_name']} withdrew it on {answer['revoked_on']}; it is no longer valid."),
            (f"证书编号：{answer['certificate_id']}（{answer['learner_name']}）",
             f"Certificate No. {answer['certificate_id']} ({answer['learner_name']})"),
        ]  # fmt: skip
        if why:
            rows.append((f"原因：{why}", f"Reason: {why}"))
    else:
        rows = [(_REFUSED_ZH.get(status, _REFUSED_ZH["not_genuine"]), answer["error"])]
    return _page(title, _lines(rows), good=False)
