"""Sample phone screens that between them use every component, every button style, every
title-bar accent and every background, with realistic bilingual words (long enough to wrap).

Built from plain dicts through `Screen.model_validate`, the way lesson YAML is, so a sample
that stops validating is a format change the tests notice.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from app.core.course import Screen
from tests.support.a11y import audit, format_violations

PHONE_SCREENS = Path(__file__).resolve().parents[2] / "build" / "screens" / "phone"


def t(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


HOME_APPS = [
    {"id": "app-phone", "icon": "phone", "label": t("电话", "Phone")},
    {"id": "app-chat", "icon": "chat", "label": t("聊天", "Chat"), "badge": 2},
    {"id": "app-camera", "icon": "camera", "label": t("相机", "Camera")},
    {"id": "app-gallery", "icon": "gallery", "label": t("相册", "Photos")},
    {"id": "app-pay", "icon": "pay", "label": t("付款", "Pay")},
    {"id": "app-weather", "icon": "weather", "label": t("天气", "Weather")},
    {"id": "app-health", "icon": "health", "label": t("市民健康", "City health")},
    {"id": "app-gov", "icon": "government", "label": t("政务服务", "City services")},
    {"id": "app-settings", "icon": "settings", "label": t("设置", "Settings"), "badge": 1},
]

SAMPLES: dict[str, dict] = {
    "lock": {
        "background": "wallpaper",
        "components": [
            {
                "type": "lock_screen",
                "id": "unlock",
                "time": "9:41",
                "date": t("10月8日 星期三", "Wednesday 8 October"),
                "notice": t("女儿 小芳：妈，晚上给您打电话", "Daughter Xiaofang: Mum, I'll call you tonight"),
            }
        ],
    },
    "home": {"background": "wallpaper", "components": [{"type": "app_grid", "apps": HOME_APPS}]},
    "menu": {
        "title_bar": {"title": t("女儿 小芳", "Daughter Xiaofang"), "back": "back", "accent": "green"},
        "components": [
            {"type": "text", "text": t("请选择要做的事", "Choose what to do"), "size": "large"},
            {
                "type": "app_grid",
                "columns": 2,
                "apps": [
                    {"id": "menu-video", "icon": "video-call", "label": t("视频通话", "Video call")},
                    {"id": "menu-photo", "icon": "photo", "label": t("照片", "Photo")},
                    {"id": "menu-place", "icon": "map", "label": t("位置", "Location")},
                ],
            },
        ],
    },
    "chats": {
        "title_bar": {"title": t("聊天", "Chat"), "accent": "green"},
        "components": [
            {
                "type": "list",
                "header": t("最近的聊天", "Recent chats"),
                "rows": [
                    {
                        "id": "chat-daughter",
                        "icon": "daughter",
                        "title": t("女儿 小芳", "Daughter Xiaofang"),
                        "subtitle": t("妈，晚上给您打电话", "Mum, I'll call you tonight"),
                        "trailing": t("10:20", "10:20"),
                    },
                    {
                        "id": "chat-family",
                        "icon": "family",
                        "title": t("一家人", "Family group"),
                        "subtitle": t("乐乐：周末去公园吗？", "Lele: park at the weekend?"),
                        "trailing": t("昨天", "Yesterday"),
                    },
                    {
                        "id": "chat-grandson",
                        "icon": "grandson",
                        "title": t("孙子 乐乐", "Grandson Lele"),
                        "subtitle": t("[图片]", "[Photo]"),
                        "trailing": t("周一", "Mon"),
                    },
                    {"icon": "bell", "title": t("没有新的通知", "No new notices")},
                ],
            }
        ],
    },
    "buttons": {
        "title_bar": {"title": t("设置", "Settings"), "back": "back", "accent": "grey"},
        "components": [
            {
                "type": "text",
                "text": t(
                    "字体大小会让屏幕上的字变大，看起来更清楚。",
                    "Text size makes the words on the screen bigger and easier to read.",
                ),
            },
            {"type": "button", "id": "btn-primary", "label": t("确定", "OK"), "style": "primary", "icon": "check"},
            {"type": "button", "id": "btn-secondary", "label": t("更多", "More"), "style": "secondary", "icon": "plus"},
            {"type": "button", "id": "btn-success", "label": t("完成", "Done"), "style": "success"},
            {"type": "button", "id": "btn-danger", "label": t("删除", "Delete"), "style": "danger", "icon": "delete"},
            {"type": "text", "text": t("小字说明", "A small note"), "size": "small", "align": "center"},
        ],
    },
    "pay": {
        "title_bar": {"title": t("付款", "Pay"), "back": "back", "accent": "blue"},
        "components": [
            {
                "type": "amount",
                "label": t("付款金额", "Amount to pay"),
                "value": "¥25.00",
                "payee": t("老王水果店", "Wang's Fruit Shop"),
            },
            {
                "type": "text_field",
                "id": "password",
                "label": t("请输入6位支付密码", "Type your 6-digit payment password"),
                "secret": True,
                "max_length": 6,
            },
            {"type": "button", "id": "pay-now", "label": t("确认付款", "Confirm payment"), "style": "primary"},
        ],
    },
    "amount-entry": {
        "title_bar": {"title": t("付款给店家", "Pay the shop"), "back": "back", "accent": "orange"},
        "components": [
            {"type": "text", "text": t("老王水果店", "Wang's Fruit Shop"), "size": "title", "align": "center"},
            {
                "type": "text_field",
                "id": "amount",
                "label": t("金额（元）", "Amount (yuan)"),
                "placeholder": t("点这里输入金额", "Tap here to enter the amount"),
                "keypad": "amount",
            },
            {"type": "button", "id": "next", "label": t("下一步", "Next"), "style": "primary"},
        ],
    },
    "dialog": {
        "title_bar": {"title": t("银行", "Bank"), "accent": "red"},
        "components": [
            {"type": "text", "text": t("您的账户", "Your account")},
            {
                "type": "dialog",
                "title": t("要把钱转给陌生人吗？", "Send money to a stranger?"),
                "message": t(
                    "自称客服、警察的人要您转账，都是骗子。",
                    "Anyone who calls himself a helper or the police and asks you to move money is a cheat.",
                ),
                "buttons": [
                    {"id": "cancel", "label": t("不转了", "Don't send"), "style": "success"},
                    {"id": "send", "label": t("仍然转账", "Send anyway"), "style": "danger"},
                ],
            },
        ],
    },
    "toast": {
        "title_bar": {"title": t("相册", "Photos"), "back": "back", "accent": "blue"},
        "components": [
            {"type": "text", "text": t("照片已经发给女儿了。", "The photo has been sent to your daughter.")},
            {"type": "toast", "message": t("已发送", "Sent")},
        ],
    },
    "incoming": {
        "background": "dark",
        "components": [
            {
                "type": "incoming_call",
                "caller": t("女儿 小芳", "Daughter Xiaofang"),
                "subtitle": t("邀请您视频通话…", "wants to video call you…"),
                "avatar": "daughter",
                "accept": "answer",
                "decline": "decline",
            }
        ],
    },
    "outgoing": {
        "components": [
            {
                "type": "incoming_call",
                "caller": t("孙子 乐乐", "Grandson Lele"),
                "subtitle": t("正在等待对方接听…", "Waiting for him to answer…"),
                "avatar": "grandson",
                "decline": "cancel-call",
                "decline_label": t("取消", "Cancel"),
            }
        ],
    },
    "video": {
        "components": [
            {
                "type": "video_call",
                "caller": t("女儿 小芳", "Daughter Xiaofang"),
                "status": t("通话中 00:42", "On the call 00:42"),
                "avatar": "daughter",
                "mute": "mute",
                "switch_camera": "flip",
                "hang_up": "hang-up",
            }
        ],
    },
    "scan": {
        "components": [
            {
                "type": "qr_scan",
                "id": "shop-code",
                "prompt": t("把二维码放进框里", "Fit the QR code inside the frame"),
                "payee": t("老王水果店", "Wang's Fruit Shop"),
            }
        ],
    },
    "long": {
        "title_bar": {"title": t("预约挂号", "Book a doctor"), "back": "back", "accent": "blue"},
        "components": [
            {"type": "text", "text": t("请选择科室", "Choose a department"), "size": "large"},
            {
                "type": "list",
                "rows": [
                    {
                        "id": f"dept-{i}",
                        "icon": "hospital",
                        "title": t(f"科室 {i}", f"Department {i}"),
                        "subtitle": t("今天有号", "Places today"),
                    }
                    for i in range(1, 8)
                ],
            },
            {"type": "button", "id": "bottom", "label": t("查看更多", "See more"), "style": "secondary"},
        ],
    },
    "tabs-toggle": {
        "title_bar": {"title": t("设置", "Settings"), "back": "back", "accent": "grey"},
        "components": [
            {
                "type": "tabs",
                "tabs": [
                    {"id": "tab-all", "label": t("全部", "All")},
                    {"id": "tab-week", "label": t("上周", "Last week")},
                    {"id": "tab-month", "label": t("本月", "This month")},
                ],
                "selected": "tab-week",
            },
            {
                "type": "toggle",
                "id": "elder",
                "label": t("长辈模式", "Elder mode"),
                "subtitle": t("字更大，按钮更大", "Bigger words and buttons"),
                "on": True,
            },
            {"type": "toggle", "id": "wifi", "label": t("WLAN", "Wi-Fi"), "on": False},
            {
                "type": "notification",
                "id": "note",
                "app": t("短信", "Messages"),
                "icon": "message",
                "title": t("106 验证码", "106 verification code"),
                "body": t("验证码 482913，请勿告诉他人。", "Your code is 482913. Do not tell anyone."),
                "time": t("刚刚", "now"),
            },
        ],
    },
    "booking": {
        "title_bar": {"title": t("预约挂号", "Book an appointment"), "back": "back", "accent": "blue"},
        "components": [
            {
                "type": "date_picker",
                "label": t("选择日期", "Choose a day"),
                "days": [
                    {"id": "d1", "weekday": t("周三", "Wed"), "date": "11/26"},
                    {"id": "d2", "weekday": t("周四", "Thu"), "date": "11/27", "available": False},
                    {"id": "d3", "weekday": t("周五", "Fri"), "date": "11/28"},
                ],
                "selected": "d1",
            },
            {
                "type": "time_slots",
                "label": t("选择时间", "Choose a time"),
                "slots": [
                    {"id": "s1", "time": "08:30", "left": 3},
                    {"id": "s2", "time": "09:00", "left": 0},
                    {"id": "s3", "time": "09:30-10:00", "left": 12},
                ],
            },
        ],
    },
    "sheet": {
        "title_bar": {"title": t("买菜", "Groceries"), "accent": "green"},
        "components": [
            {"type": "text", "text": t("购物车", "Cart")},
            {
                "type": "sheet",
                "title": t("确认订单", "Confirm your order"),
                "rows": [
                    {"label": t("送到", "Deliver to"), "value": t("幸福路 12 号 3 楼", "3rd floor, 12 Xingfu Road")},
                    {"label": t("送达时间", "Arrives"), "value": t("今天 17:00-17:30", "Today 17:00-17:30")},
                ],
                "amount": "¥36.50",
                "button": "pay",
                "button_label": t("确认支付", "Pay now"),
                "close": "close",
            },
        ],
    },
    "codes": {
        "title_bar": {"title": t("医保电子凭证", "Medical insurance code"), "back": "back", "accent": "green"},
        "components": [
            {
                "type": "my_code",
                "kind": "insurance",
                "title": t("王*英 · 医保码", "Wang *ying · insurance code"),
                "caption": t("请出示给医院、药店的扫码器", "Show it to the hospital or pharmacy scanner"),
                "refresh": "refresh",
            },
        ],
    },
    "pay-code": {
        "title_bar": {"title": t("收付款", "Pay and receive"), "back": "back", "accent": "green"},
        "components": [
            {
                "type": "my_code",
                "kind": "payment",
                "title": t("向商家付款", "Pay the shop"),
                "caption": t("只给收银员看", "Show it only to the cashier"),
            },
        ],
    },
    "chat-voice": {
        "title_bar": {"title": t("一家人", "Family"), "back": "back", "accent": "green"},
        "components": [
            {
                "type": "chat",
                "messages": [
                    {
                        "side": "them",
                        "name": t("女儿", "Daughter"),
                        "avatar": "daughter",
                        "text": t("妈，周末一起吃饭吧！", "Mum, shall we have dinner at the weekend?"),
                    },
                    {
                        "side": "them",
                        "name": t("孙子", "Grandson"),
                        "avatar": "grandson",
                        "voice_seconds": 8,
                        "id": "voice-1",
                    },
                    {"side": "them", "name": t("女儿", "Daughter"), "avatar": "daughter", "photo": "photo"},
                    {"side": "me", "avatar": "person", "text": t("好的！", "Lovely!")},
                    {
                        "side": "them",
                        "avatar": "warning",
                        "link": t("积分即将过期，点此兑换礼品", "Your points expire today: tap to claim a gift"),
                        "id": "link",
                    },
                ],
                "voice": "talk",
                "plus": "plus",
            },
        ],
    },
    "reply": {
        "title_bar": {"title": t("一家人", "Family"), "back": "back", "accent": "green"},
        "components": [
            {
                "type": "text_field",
                "id": "reply",
                "label": t("回复", "Reply"),
                "keypad": "words",
                "suggestions": [
                    {"id": "good-photo", "text": t("照片真好看", "What a lovely photo")},
                    {"id": "thumbs-up", "text": t("点赞", "Well done")},
                    {"id": "see-you", "text": t("周末见", "See you at the weekend")},
                ],
            },
        ],
    },
    "camera": {
        "components": [
            {"type": "camera", "subject": "family", "shutter": "shutter", "gallery": "last-photo", "switch": "flip"}
        ],
    },
    "gallery": {
        "title_bar": {"title": t("相册", "Photos"), "back": "back", "accent": "blue"},
        "components": [
            {
                "type": "gallery",
                "label": t("今天", "Today"),
                "photos": [
                    {"id": f"p{i}", "picture": "family", "colour": c}
                    for i, c in enumerate(["blue", "green", "orange", "purple", "grey"])
                ],
            },
        ],
    },
    "face": {
        "title_bar": {"title": t("资格认证", "Pension check"), "back": "back", "accent": "red"},
        "components": [
            {
                "type": "face_scan",
                "prompt": t("请把脸放进圆圈里，然后眨眨眼", "Put your face inside the circle, then blink"),
                "start": "start",
                "start_label": t("开始认证", "Start"),
            }
        ],
    },
    "map": {
        "title_bar": {"title": t("打车", "Taxi"), "back": "back", "accent": "orange"},
        "components": [
            {
                "type": "map",
                "pins": [
                    {"label": t("我", "Me"), "kind": "me", "x": 25, "y": 70},
                    {"id": "car", "label": t("司机", "Driver"), "kind": "car", "x": 80, "y": 22},
                ],
                "route": True,
                "caption": t("司机还有 3 分钟到达", "The driver is 3 minutes away"),
            },
            {"type": "button", "id": "call-driver", "label": t("打电话给司机", "Call the driver"), "icon": "call"},
        ],
    },
}


def sample(name: str) -> Screen:
    return Screen.model_validate(SAMPLES[name])


def all_samples() -> dict[str, Screen]:
    return {name: sample(name) for name in SAMPLES}


def saved_and_audited(phone: QWidget, file_name: str, scale: float) -> str | None:
    """Save the phone as shown to build/screens/phone/`file_name` (to be looked at) and audit
    it; the audit's findings under the name, or None."""
    path = PHONE_SCREENS / file_name
    path.parent.mkdir(parents=True, exist_ok=True)
    assert phone.grab().save(str(path)), path
    violations = audit(phone, scale=scale)
    return f"--- {file_name.removesuffix('.png')}\n{format_violations(violations)}" if violations else None
