"""Sample screens of the parts drawn as WeChat, Alipay and the phone's own call screen place
them: the chat bar and its '+' panel, the call screens, the six-box password, the payment
success page and the gesture bar. Used by tests/ui/test_phone_fidelity.py."""

from __future__ import annotations

from app.core.course import Screen


def t(zh: str, en: str) -> dict:
    return {"zh": zh, "en": en}


DAUGHTER = t("女儿 小芳", "Daughter Xiaofang")
MESSAGES = [
    {
        "avatar": "daughter",
        "text": t("妈，周日我回家吃饭，您想吃什么？", "Mum, I'll come for dinner on Sunday. What would you like?"),
    },
    {"side": "me", "avatar": "person-woman", "text": t("好呀，给你做红烧肉。", "Lovely, I'll make braised pork.")},
]
PANEL = [
    {"id": "photos", "icon": "gallery", "label": t("照片", "Photos")},
    {"id": "take-new", "icon": "camera", "label": t("拍摄", "Camera")},
    {"id": "video-call", "icon": "video-call", "label": t("视频通话", "Video call")},
    {"id": "location", "icon": "map", "label": t("位置", "Location")},
]
TITLE = {"title": DAUGHTER, "back": "back", "accent": "green"}

SAMPLES: dict[str, dict] = {
    "chat-typing": {
        "title_bar": TITLE,
        "components": [{"type": "chat", "messages": MESSAGES, "input": "message-box", "plus": "plus"}],
    },
    "chat-voice": {
        "title_bar": TITLE,
        "components": [
            {"type": "chat", "messages": MESSAGES, "voice": "hold-to-talk", "input": "keyboard", "plus": "plus"}
        ],
    },
    "chat-panel": {
        "title_bar": TITLE,
        "components": [{"type": "chat", "messages": MESSAGES, "input": "message-box", "plus": "plus", "panel": PANEL}],
    },
    "in-call": {
        "components": [
            {
                "type": "in_call",
                "caller": DAUGHTER,
                "status": t("通话中 01:26", "In call 01:26"),
                "avatar": "daughter",
                "speaker": "speaker",
                "mute": "mute",
                "hang_up": "hang-up",
                "said": t("妈，您大声点，我听不清。", "Mum, speak up, I can't hear you."),
            }
        ]
    },
    "in-call-speaker-on": {
        "components": [
            {
                "type": "in_call",
                "caller": t("未知号码 0571 8888 6666", "Unknown 0571 8888 6666"),
                "status": t("通话中 00:08", "In call 00:08"),
                "speaker_on": True,
                "hang_up": "hang-up",
            }
        ]
    },
    "incoming-warning": {
        "components": [
            {
                "type": "incoming_call",
                "caller": t("+86 0571 8888 6666", "+86 0571 8888 6666"),
                "subtitle": t("浙江杭州", "Hangzhou, Zhejiang"),
                "warning": t("疑似诈骗来电，请谨慎接听", "Suspected fraud call. Be careful"),
                "accept": "answer",
                "decline": "decline",
            }
        ]
    },
    "video-call": {
        "components": [
            {
                "type": "video_call",
                "avatar": "daughter",
                "caller": DAUGHTER,
                "status": t("通话中 00:12", "In call 00:12"),
                "mute": "mute",
                "switch_camera": "flip",
                "hang_up": "hang-up",
            }
        ]
    },
    "password": {
        "title_bar": {"title": t("输入支付密码", "Payment password"), "accent": "blue"},
        "components": [
            {"type": "amount", "label": t("付给幸福超市", "To Happy Supermarket"), "value": "¥86.40"},
            {
                "type": "text_field",
                "id": "password",
                "keypad": "password",
                "secret": True,
                "max_length": 6,
                "label": t("请输入支付密码", "Enter your payment password"),
            },
        ],
    },
    "paid": {
        "components": [
            {
                "type": "payment_success",
                "value": "¥86.40",
                "payee": t("幸福超市", "Happy Supermarket"),
                "rows": [{"label": t("付款方式", "Paid with"), "value": t("零钱", "Balance")}],
                "done": "done",
            }
        ]
    },
    "home-bar": {
        "title_bar": {"title": t("天气", "Weather"), "accent": "blue"},
        "home_bar": "home",
        "components": [{"type": "text", "text": t("今天 晴 18°C", "Today: sunny, 18°C"), "size": "title"}],
    },
}


def sample(name: str) -> Screen:
    return Screen.model_validate(SAMPLES[name])
