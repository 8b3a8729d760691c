"""The learner's screens' sentences (welcome, names, a new learner, lessons, the player,
completion), in Simplified Chinese and English; see app/ui/i18n.py for the convention."""

from __future__ import annotations

from app.ui.i18n import Texts, translator

TEXTS: Texts = {
    "app_title": {"zh": "银龄数字课堂", "en": "SilverSteps"},
    "welcome_tagline": {
        "zh": "在这里放心练习用手机，一步一步来，做错了也没关系。",
        "en": "Practise using a smartphone here, one step at a time. Mistakes are fine.",
    },
    "start": {"zh": "开始学习", "en": "Start"},
    "find_name": {"zh": "请找到您的名字，点一下", "en": "Find your name and tap it"},
    "no_learners": {
        "zh": "这里还没有名字。第一次来？请点“我是新来的”。",
        "en": 'No names here yet. First time? Tap "I\'m new here".',
    },
    "no_match": {"zh": "没有找到这个姓的名字。", "en": "No names with this surname."},
    "pick_surname_first": {
        "zh": "名字比较多，请先点一下您的姓，再找您的名字。",
        "en": "There are many names: tap your surname first, then find your name.",
    },
    "other_surname": {"zh": "↩ 换一个姓", "en": "↩ Another surname"},
    "is_it_you": {"zh": "是您吗？", "en": "Is this you?"},
    "is_it_you_spoken": {"zh": "是{name}吗？是的话，请点“是我”。", "en": 'Are you {name}? If so, tap "Yes, it\'s me".'},
    "yes_its_me": {"zh": "是我", "en": "Yes, it's me"},
    "not_me": {"zh": "不是我", "en": "No, not me"},
    "new_here": {"zh": "我是新来的", "en": "I'm new here"},
    "new_learner_title": {"zh": "欢迎您！请告诉我们您的名字", "en": "Welcome! Please tell us your name"},
    "your_name": {"zh": "您的名字（例如：王秀英）", "en": "Your name (for example: Mary Wong)"},
    "your_name_written": {
        "zh": "您的名字（例如：王秀英）。可以用手指在方格里写，一次写一个字。",
        "en": "Your name (for example: Mary Wong). "
        "You can write it with a finger in the square, one character at a time.",
    },
    "phone_last4": {
        "zh": "手机号码的最后四位（可以不填，用来区分同名的人）",
        "en": "Last four digits of your phone (optional; they tell namesakes apart)",
    },
    "save_name": {"zh": "好了，开始学习", "en": "Done, let's start"},
    "name_needed": {"zh": "请先写上您的名字。", "en": "Please write your name first."},
    "namesake_needs_digits": {
        "zh": "这里已经有一位“{name}”了。请在下面写上您手机号码的最后四位，这样就不会弄混。",
        "en": "Someone called {name} is already here. "
        "Please add the last four digits of your phone below, so we don't mix you up.",
    },
    "namesake_same_digits": {
        "zh": "“{name}”，尾号 {digits}，已经登记过了。如果是您，请点“去找我的名字”。",
        "en": '{name}, phone ending {digits}, is already registered. If that is you, tap "Find my name".',
    },
    "find_my_name": {"zh": "去找我的名字", "en": "Find my name"},
    "digits_needed": {
        "zh": "手机号码最后四位请填四个数字，例如 1234；也可以不填。",
        "en": "Please enter four digits for the phone number, like 1234, or leave it empty.",
    },
    "hello_learner": {"zh": "{name}，您好！请选一课", "en": "Hello, {name}! Choose a lesson"},
    "sign_out": {"zh": "我学完了，退出", "en": "I'm done, sign out"},
    "status_new": {"zh": "☆ 还没学", "en": "☆ New"},
    "status_step": {"zh": "▶ 学到第 {step} 步，共 {total} 步", "en": "▶ Step {step} of {total}"},
    "status_done": {"zh": "✓ 已学会", "en": "✓ Done"},
    "carry_on_title": {"zh": "接着学：{title}", "en": "Carry on: {title}"},
    "carry_on_recap": {
        "zh": "上次学到第 {step} 步（共 {total} 步）：{instruction}",
        "en": "Last time you got to step {step} of {total}: {instruction}",
    },
    "carry_on": {"zh": "▶ 接着学", "en": "▶ Carry on"},
    "start_over": {"zh": "从头再学", "en": "Start from the beginning"},
    "class_today": {"zh": "今天课上学的", "en": "In today's class"},
    "tutor_called": {"zh": "已告诉老师，老师马上过来。", "en": "Your tutor has been told and will come over."},
    # the same in one line, where the whole would take two and leave the hint less room
    "tutor_called_short": {"zh": "老师马上过来。", "en": "Your tutor is on the way."},
    "say_again": {"zh": "再说一遍", "en": "Say it again"},
    "slower": {"zh": "说慢一点", "en": "Slower"},
    "back_step": {"zh": "上一步", "en": "Back a step"},
    "help": {"zh": "帮帮我", "en": "Help me"},
    "finish_later": {"zh": "下次再学", "en": "Finish later"},
    "help_note": {
        "zh": "请看手机上闪动的圆圈和箭头，点那里就行。",
        "en": "Look for the flashing circle and arrow on the phone, and tap there.",
    },
    "highlight_note": {
        "zh": "没关系！请看手机上闪动的圆圈和箭头，点那里就对了。",
        "en": "That's all right! Look for the flashing circle and arrow on the phone, and tap there.",
    },
    # The coach beside the phone, when a step offers choices (a trap is never performed).
    "coach_trap": {
        "zh": "先停一下！幸好是练习，没有真的点下去。",
        "en": "Stop! This is only practice, so nothing happened.",
    },
    "coach_neutral": {"zh": "这样帮不上忙。", "en": "That won't help here."},
    "coach_safe": {"zh": "做得对！", "en": "That's right!"},
    "choose_again": {"zh": "您再想一想，换个做法。", "en": "Have another think, and choose again."},
    "well_done": {"zh": "太棒了！您学会了：{title}", "en": "Well done! You have learned: {title}"},
    "praise_spoken": {
        "zh": "太棒了！这一课您学完了。",
        "en": "Well done! You have finished this lesson.",
    },
    "you_learned": {"zh": "这一课您学会了：", "en": "In this lesson you learned to:"},
    "next_lesson": {"zh": "下一课：{title}", "en": "Next lesson: {title}"},
    "all_lessons": {"zh": "回到课程列表", "en": "Back to the lessons"},
    "do_again": {"zh": "再练一遍", "en": "Practise it again"},
    "sound_off_learner": {
        "zh": "这台电脑现在不能发声，请看屏幕上的文字。",
        "en": "This computer cannot speak right now. Please read the words on the screen.",
    },
    "sound_no_device": {
        "zh": "声音：没有找到声卡或扬声器，只显示文字。接上扬声器后请重新启动。",
        "en": "Sound: no sound card or speaker found, showing text only. Plug in speakers and restart.",
    },
    "sound_no_engine_linux": {
        "zh": "声音：没有找到语音引擎（请安装 espeak-ng），只显示文字。",
        "en": "Sound: no speech engine found (install espeak-ng), showing text only.",
    },
    "sound_no_engine_windows": {
        "zh": "声音：没有找到中文语音（请在 Windows 设置的“时间和语言 › 语音”里添加中文语音），只显示文字。",
        "en": "Sound: no Chinese voice found (add one in Windows Settings › Time & language › Speech); "
        "showing text only.",
    },
    "sound_no_engine_macos": {
        "zh": "声音：没有找到中文语音（请在“系统设置 › 辅助功能 › 朗读内容”里添加中文语音），只显示文字。",
        "en": "Sound: no Chinese voice found (add one in System Settings › Accessibility › Spoken Content); "
        "showing text only.",
    },
    "sound_turned_off": {"zh": "声音：已关闭，只显示文字。", "en": "Sound: turned off, showing text only."},
    "sound_ok": {"zh": "声音：正常", "en": "Sound: working"},
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
    "staff_corner": {"zh": "老师和工作人员登录", "en": "Tutor and staff sign-in"},
}

tr = translator(TEXTS)
