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
        "en": "No names here yet. First time? Tap “I'm new here”.",
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
}


def tr(key: str, lang: str, **values: object) -> str:
    """The sentence `key` in `lang`, with its placeholders filled in."""
    text = STRINGS[key][lang]
    return text.format(**values) if values else text
