"""The tutor and staff sign-in's sentences, in Simplified Chinese and English; see
app/ui/i18n.py for the convention."""

from __future__ import annotations

from app.ui.i18n import Texts, translator

TEXTS: Texts = {
    "role_signin_title": {"zh": "老师和工作人员登录", "en": "Tutors and staff: sign in"},
    "role_choose": {"zh": "请点您的名字：", "en": "Tap your name:"},
    "role_no_accounts": {
        "zh": "还没有老师或工作人员的账号。第一个工作人员账号请在这台电脑上用命令建立："
        "silversteps accounts add --role staff --name 名字",
        "en": "There are no tutor or staff accounts yet. Staff make the first one on this computer with: "
        "silversteps accounts add --role staff --name NAME",
    },
    "role_pick_first": {"zh": "请先点一下您的名字。", "en": "First tap your name."},
    "role_account": {"zh": "{name}（{role}）", "en": "{name} ({role})"},
    "role_enter_pin": {"zh": "{name}，请输入您的数字密码", "en": "{name}, please enter your PIN"},
    "role_enter_password": {"zh": "{name}，请输入您的密码", "en": "{name}, please enter your password"},
    "role_sign_in": {"zh": "登录", "en": "Sign in"},
    "role_secret_empty": {"zh": "请先输入密码。", "en": "Please enter your PIN or password first."},
    "role_wrong": {
        "zh": "密码不对。还可以再试 {tries} 次，再错账号就会锁定 5 分钟。",
        "en": "That is not right. {tries} tries are left; after that the account locks for 5 minutes.",
    },
    "role_wrong_last": {
        "zh": "密码不对。还可以再试 1 次，再错账号就会锁定 5 分钟。",
        "en": "That is not right. One try is left; after that the account locks for 5 minutes.",
    },
    "role_locked": {
        "zh": "输错的次数太多，这个账号已锁定，还要 {minutes} 分钟（到 {until}）。到时再试，或请其他工作人员帮忙。",
        "en": "Too many wrong tries: this account is locked for {minutes} more minutes (until {until}). "
        "Try again then, or ask another member of staff.",
    },
    "role_locked_one": {
        "zh": "输错的次数太多，这个账号已锁定，还要 1 分钟（到 {until}）。到时再试，或请其他工作人员帮忙。",
        "en": "Too many wrong tries: this account is locked for 1 more minute (until {until}). "
        "Try again then, or ask another member of staff.",
    },
    "role_unknown": {
        "zh": "这个账号已经不在了，请重新选。",
        "en": "This account no longer exists; please choose again.",
    },
}

tr = translator(TEXTS)
