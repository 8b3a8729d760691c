"""Every sentence the kiosk shows, in Simplified Chinese and English.

A plain table rather than Qt Linguist: the strings are few, both languages are edited side by
side by tutors, and a test can check that every key has both. Sentences are whole, with named
placeholders; they are never built from fragments.
"""

from __future__ import annotations

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"zh": "银龄数字课堂", "en": "SilverSteps"},
    "window_title": {"zh": "SilverSteps 银龄数字课堂", "en": "SilverSteps 银龄数字课堂"},
    "welcome_tagline": {
        "zh": "在这里放心练习用手机，一步一步来，做错了也没关系。",
        "en": "Practise using a smartphone here, one step at a time. Mistakes are fine.",
    },
    "start": {"zh": "开始学习", "en": "Start"},
    "language": {"zh": "English", "en": "中文"},
    "text_size": {"zh": "字的大小", "en": "Text size"},
    "size_100": {"zh": "大", "en": "Large"},
    "size_125": {"zh": "更大", "en": "Larger"},
    "size_150": {"zh": "最大", "en": "Largest"},
    "find_name": {"zh": "请找到您的名字，点一下", "en": "Find your name and tap it"},
    "surname_filter": {"zh": "按姓氏找：", "en": "Find by surname:"},
    "all_names": {"zh": "全部", "en": "All"},
    "no_learners": {
        "zh": "这里还没有名字。第一次来？请点“我是新来的”。",
        "en": 'No names here yet. First time? Tap "I\'m new here".',
    },
    "no_match": {"zh": "没有找到这个姓的名字。", "en": "No names with this surname."},
    "phone_tail": {"zh": "尾号 {digits}", "en": "phone ends {digits}"},
    "new_here": {"zh": "我是新来的", "en": "I'm new here"},
    "back": {"zh": "返回", "en": "Back"},
    "home": {"zh": "回到首页", "en": "Home"},
    "new_learner_title": {"zh": "欢迎您！请告诉我们您的名字", "en": "Welcome! Please tell us your name"},
    "your_name": {"zh": "您的名字（例如：王秀英）", "en": "Your name (for example: Mary Wong)"},
    "phone_last4": {
        "zh": "手机号码的最后四位（可以不填，用来区分同名的人）",
        "en": "Last four digits of your phone (optional, to tell people with the same name apart)",
    },
    "save_name": {"zh": "好了，开始学习", "en": "Done, let's start"},
    "name_needed": {"zh": "请先写上您的名字。", "en": "Please write your name first."},
    "digits_needed": {
        "zh": "手机号码最后四位请填四个数字，例如 1234；也可以不填。",
        "en": "Please enter four digits for the phone number, like 1234, or leave it empty.",
    },
    "hello_learner": {"zh": "{name}，您好！请选一课", "en": "Hello, {name}! Choose a lesson"},
    "sign_out": {"zh": "我学完了，退出", "en": "I'm done, sign out"},
    "minutes": {"zh": "约 {minutes} 分钟", "en": "About {minutes} minutes"},
    "status_new": {"zh": "还没学", "en": "New"},
    "status_step": {"zh": "学到第 {step} 步，共 {total} 步", "en": "Step {step} of {total}"},
    "status_done": {"zh": "✓ 已学会", "en": "✓ Done"},
    "tutor_called": {"zh": "已告诉老师，老师马上过来。", "en": "Your tutor has been told and will come over."},
    "lesson_step": {"zh": "{title}：第 {step} 步，共 {total} 步", "en": "{title}: step {step} of {total}"},
    "step_of": {"zh": "第 {step} 步，共 {total} 步", "en": "Step {step} of {total}"},
    "say_again": {"zh": "再说一遍", "en": "Say it again"},
    "slower": {"zh": "说慢一点", "en": "Slower"},
    "back_step": {"zh": "上一步", "en": "Back a step"},
    "help": {"zh": "帮帮我", "en": "Help me"},
    "finish_later": {"zh": "下次再学", "en": "Finish later"},
    "hint_prefix": {"zh": "提示：{hint}", "en": "Hint: {hint}"},
    "highlight_note": {
        "zh": "没关系！请看手机上闪动的圆圈和箭头，点那里就对了。",
        "en": "That's all right! Look for the flashing circle and arrow on the phone, and tap there.",
    },
    "tip_prefix": {"zh": "安全提醒：{tip}", "en": "Safety tip: {tip}"},
    "well_done": {"zh": "太棒了！您学会了：{title}", "en": "Well done! You have learned: {title}"},
    "praise_spoken": {
        "zh": "太棒了！这一课您学完了。",
        "en": "Well done! You have finished this lesson.",
    },
    "you_learned": {"zh": "这一课您学会了：", "en": "In this lesson you learned to:"},
    "next_lesson": {"zh": "下一课：{title}", "en": "Next lesson: {title}"},
    "all_lessons": {"zh": "回到课程列表", "en": "Back to the lessons"},
    "do_again": {"zh": "再练一遍", "en": "Practise it again"},
    "idle_title": {"zh": "您还在吗？", "en": "Are you still there?"},
    "idle_message": {
        "zh": "如果没有人点屏幕，{seconds} 秒后会自动退出。您学到的地方都已经保存好了。",
        "en": "If nobody touches the screen, you will be signed out in {seconds} seconds. "
        "Everything you have learned is saved.",
    },
    "still_here": {"zh": "我还在", "en": "I'm still here"},
    "sound_off_learner": {
        "zh": "这台电脑现在不能发声，请看屏幕上的文字。",
        "en": "This computer cannot speak right now. Please read the words on the screen.",
    },
    "sound_no_device": {
        "zh": "声音：没有找到声卡或扬声器，只显示文字。接上扬声器后请重新启动。",
        "en": "Sound: no sound card or speaker found, showing text only. Plug in speakers and restart.",
    },
    "sound_no_engine": {
        "zh": "声音：没有找到语音引擎（Linux 请安装 espeak-ng），只显示文字。",
        "en": "Sound: no speech engine found (on Linux install espeak-ng), showing text only.",
    },
    "sound_turned_off": {"zh": "声音：已关闭，只显示文字。", "en": "Sound: turned off, showing text only."},
    "sound_ok": {"zh": "声音：正常", "en": "Sound: working"},
    "sync_none": {
        "zh": "学习中心：本机还没有登记，{waiting} 条记录安全地保存在本机",
        "en": "Centre: this kiosk is not enrolled yet; {waiting} records are kept safely on it",
    },
    "sync_ok": {
        "zh": "学习中心：{waiting} 条记录待发送，上次发送 {when}",
        "en": "Centre: {waiting} records waiting, last sent {when}",
    },
    "sync_never": {"zh": "还没有", "en": "never"},
    "sync_retry": {
        "zh": "学习中心暂时连不上（{problem}），{waiting} 条记录保存在本机，连上后会自动发送",
        "en": "Centre unreachable for now ({problem}); {waiting} records are kept and will be sent when it answers",
    },
    "sync_refused": {
        "zh": "学习中心拒绝了本机的登记（{problem}）：请工作人员重新登记本机。{waiting} 条记录保存在本机",
        "en": "The centre refused this kiosk ({problem}): staff, please enrol it again. {waiting} records are kept",
    },
    "sync_error": {
        "zh": "发送记录时出错（{problem}），{waiting} 条记录保存在本机；如果反复出现，请告诉工作人员",
        "en": "Sending records failed ({problem}); {waiting} records are kept; tell staff if this repeats",
    },
    "sync_set_aside": {
        "zh": "另有 {count} 条记录被中心退回，留给工作人员查看",
        "en": "{count} records were refused by the centre and set aside for staff",
    },
    "loading": {"zh": "正在准备课程……", "en": "Getting the lessons ready…"},
    "lessons_ok": {"zh": "课程：{count} 课已载入", "en": "Lessons: {count} loaded"},
    "lessons_problems": {
        "zh": "课程：{count} 课已载入；{bad} 个课程文件有问题（工作人员请看：{first}）",
        "en": "Lessons: {count} loaded; {bad} lesson file problems (staff, see: {first})",
    },
    "no_lessons": {
        "zh": "现在没有可以学的课。请告诉工作人员。",
        "en": "There are no lessons to show right now. Please tell a member of staff.",
    },
    # ---- tutor and staff: the role sign-in, the staff settings and the tutor page ----
    "staff_corner": {"zh": "老师和工作人员登录", "en": "Tutor and staff sign-in"},
    "role_signin_title": {"zh": "老师和工作人员登录", "en": "Tutors and staff: sign in"},
    "role_choose": {"zh": "请点您的名字：", "en": "Tap your name:"},
    "role_no_accounts": {
        "zh": "还没有老师或工作人员的账号。第一个工作人员账号请在这台电脑上用命令建立："
        "silversteps accounts add --role staff --name 名字",
        "en": "There are no tutor or staff accounts yet. Staff make the first one on this computer with: "
        "silversteps accounts add --role staff --name NAME",
    },
    "role_pick_first": {"zh": "请先在左边点您的名字。", "en": "First tap your name on the left."},
    "role_account": {"zh": "{name}（{role}）", "en": "{name} ({role})"},
    "role_staff": {"zh": "工作人员", "en": "staff"},
    "role_tutor": {"zh": "老师", "en": "tutor"},
    "choose_staff": {"zh": "工作人员", "en": "Staff"},
    "choose_tutor": {"zh": "老师", "en": "Tutor"},
    "role_enter_pin": {"zh": "{name}，请输入您的数字密码", "en": "{name}, please enter your PIN"},
    "role_enter_password": {"zh": "{name}，请输入您的密码", "en": "{name}, please enter your password"},
    "role_sign_in": {"zh": "登录", "en": "Sign in"},
    "pad_clear": {"zh": "清空", "en": "Clear"},
    "pad_delete": {"zh": "退格", "en": "Delete"},
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
    "role_idle_message": {
        "zh": "如果没有人点屏幕，{seconds} 秒后会自动退出登录，回到首页。",
        "en": "If nobody touches the screen, you will be signed out in {seconds} seconds and the kiosk "
        "goes back to the welcome screen.",
    },
    "role_signed_in_as": {"zh": "已登录：{name}（{role}）", "en": "Signed in: {name} ({role})"},
    "role_sign_out": {"zh": "退出登录", "en": "Sign out"},
    "staff_title": {"zh": "工作人员设置", "en": "Staff settings"},
    "kiosk_heading": {"zh": "本机和学习中心", "en": "This kiosk and its centre"},
    "kiosk_enrolled": {
        "zh": "本机已登记到学习中心 {centre}（{url}）。",
        "en": "This kiosk is enrolled to centre {centre} ({url}).",
    },
    "kiosk_not_enrolled": {
        "zh": "本机还没有登记到学习中心。",
        "en": "This kiosk is not enrolled with a centre yet.",
    },
    "enrol_url": {
        "zh": "学习中心的地址（例如 http://192.168.1.10:8000）",
        "en": "The centre's address (for example http://192.168.1.10:8000)",
    },
    "enrol_code": {
        "zh": "一次性登记码（在中心的电脑上用 silversteps centre enrol-code 生成）",
        "en": "One-time code (made on the centre's computer with silversteps centre enrol-code)",
    },
    "enrol_button": {"zh": "登记本机", "en": "Enrol this kiosk"},
    "enrol_busy": {"zh": "正在联系学习中心，请稍等。", "en": "Contacting the centre, please wait."},
    "enrol_done": {
        "zh": "登记好了：本机已属于学习中心 {centre}，记录会自动发送过去。",
        "en": "Enrolled: this kiosk now belongs to centre {centre}, and its records will be sent there.",
    },
    "enrol_used": {
        "zh": "这个登记码已经用过了。请在中心的电脑上生成一个新的登记码再试。",
        "en": "This code has already been used. Make a new one on the centre's computer and try again.",
    },
    "enrol_expired": {
        "zh": "这个登记码已经过期了。请在中心的电脑上生成一个新的登记码再试。",
        "en": "This code has expired. Make a new one on the centre's computer and try again.",
    },
    "enrol_unknown_code": {
        "zh": "学习中心不认识这个登记码。请检查有没有输错。",
        "en": "The centre does not know this code. Please check it for typing mistakes.",
    },
    "enrol_unreachable": {
        "zh": "连不上学习中心（{url}）。请检查地址和网络，然后再试。",
        "en": "Cannot reach the centre at {url}. Check the address and the network, then try again.",
    },
    "enrol_refused": {"zh": "学习中心没有接受：{problem}", "en": "The centre did not accept it: {problem}"},
    "enrol_need_url": {
        "zh": "请写上学习中心的地址，以 http:// 或 https:// 开头。",
        "en": "Please write the centre's address, starting with http:// or https://.",
    },
    "enrol_need_code": {"zh": "请写上一次性登记码。", "en": "Please write the one-time code."},
    "accounts_heading": {"zh": "老师和工作人员的账号", "en": "Tutor and staff accounts"},
    "account_row": {"zh": "{name}（{role}，{kind}）", "en": "{name} ({role}, {kind})"},
    "account_row_you": {"zh": "{name}（{role}，{kind}）：就是您", "en": "{name} ({role}, {kind}): you"},
    "kind_pin": {"zh": "数字密码", "en": "PIN"},
    "kind_password": {"zh": "密码", "en": "password"},
    "account_remove": {"zh": "删除", "en": "Remove"},
    "account_removed": {"zh": "已删除 {name} 的账号。", "en": "Removed the account of {name}."},
    "account_add_heading": {"zh": "添加账号", "en": "Add an account"},
    "account_name": {"zh": "名字", "en": "Name"},
    "account_role": {"zh": "身份", "en": "Role"},
    "account_pin": {"zh": "数字密码（至少 6 位数字）", "en": "PIN (at least 6 digits)"},
    "account_pin_again": {"zh": "再输入一遍数字密码", "en": "The same PIN again"},
    "account_add": {"zh": "添加账号", "en": "Add account"},
    "account_added": {"zh": "已添加{role}账号：{name}。", "en": "Added the {role} account of {name}."},
    "account_pins_differ": {
        "zh": "两次输入的数字密码不一样，请重新输入。",
        "en": "The two PINs are not the same; please enter them again.",
    },
    "account_short_pin": {
        "zh": "数字密码至少要 6 位，只用数字。",
        "en": "A PIN needs at least 6 digits, numbers only.",
    },
    "account_no_name": {"zh": "请写上名字。", "en": "Please write a name."},
    "account_long_name": {"zh": "名字太长了，最多 40 个字。", "en": "That name is too long (at most 40 characters)."},
    "account_name_taken": {
        "zh": "已经有叫 {name} 的账号了，请换一个名字。",
        "en": "There is already an account called {name}; please choose another name.",
    },
    "account_last_staff": {
        "zh": "{name} 是唯一的工作人员账号，不能删除。请先添加另一个工作人员账号。",
        "en": "{name} is the only staff account, so it stays. Add another staff account first.",
    },
}


def _merge_console_strings() -> None:
    """The tutor and staff consoles keep their sentences in their own tables."""
    from app.ui import strings_staff, strings_tutor

    for table in (strings_tutor.STRINGS, strings_staff.STRINGS):
        clash = set(table) & set(STRINGS)
        if clash:
            raise KeyError(f"sentence keys defined twice: {sorted(clash)}")
        STRINGS.update(table)


_merge_console_strings()


def tr(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang`, with its placeholders filled in."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text
