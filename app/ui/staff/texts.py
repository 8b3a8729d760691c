"""The staff console's sentences, in Simplified Chinese and English; see app/ui/i18n.py for
the convention."""

from __future__ import annotations

from app.ui.i18n import Texts, translator

TEXTS: Texts = {
    # ---- accounts and enrolment (the Tutors and staff, and Kiosks pages) -------------------
    "role_signed_in_as": {"zh": "已登录：{name}（{role}）", "en": "Signed in: {name} ({role})"},
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
        "zh": "这个登记码用不了：可能是输错了、已经用过了，或者过期了。"
        "请再核对一下；还不行，就在中心的电脑上生成一个新的再试。",
        "en": "This code does not work: it may be mistyped, used already or expired. "
        "Check it; if it still fails, make a new one on the centre's computer.",
    },
    "enrol_too_many": {
        "zh": "输错的次数有点多了。请歇一会儿，过两分钟再试。",
        "en": "Too many wrong codes were tried, so the centre asks for a pause. Please try again in two minutes.",
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
    "choose_staff": {"zh": "工作人员", "en": "Staff"},
    "choose_tutor": {"zh": "老师", "en": "Tutor"},
    "kind_pin": {"zh": "数字密码", "en": "PIN"},
    "kind_password": {"zh": "密码", "en": "password"},
    # ---- the frame --------------------------------------------------------------------------
    "staff_console_title": {"zh": "工作人员控制台", "en": "Staff console"},
    "staff_section_learners": {"zh": "学员", "en": "Learners"},
    "staff_section_tutors": {"zh": "老师和工作人员", "en": "Tutors and staff"},
    "staff_section_kiosks": {"zh": "学习电脑", "en": "Kiosks"},
    "staff_section_lessons": {"zh": "开设的课程", "en": "Lessons offered"},
    "staff_section_reports": {"zh": "导出记录", "en": "Reports"},
    "staff_section_certificates": {"zh": "结业证书", "en": "Certificates"},
    "staff_section_charts": {"zh": "图表", "en": "Charts"},
    "staff_only": {
        "zh": "只有登录的工作人员才能做这件事。",
        "en": "Only a signed-in member of staff can do this.",
    },
    "staff_cancel": {"zh": "取消", "en": "Cancel"},
    "staff_save": {"zh": "保存", "en": "Save"},
    "staff_refresh": {"zh": "刷新", "en": "Refresh"},
    "staff_list_separator": {"zh": "、", "en": ", "},
    "staff_nothing": {"zh": "没有记录", "en": "nothing"},
    "staff_never": {"zh": "还没有", "en": "never"},
    "staff_today_at": {"zh": "今天 {time}", "en": "today at {time}"},
    "staff_day_at": {"zh": "{day} {time}", "en": "{day} at {time}"},
    "staff_day": {"zh": "{year}年{month}月{day}日", "en": "{day} {month} {year}"},
    "staff_short_day": {"zh": "{month}月{day}日", "en": "{day} {month}"},
    "staff_month": {"zh": "{year}年{month}月", "en": "{month} {year}"},
    "staff_previous_month": {"zh": "‹ 上个月", "en": "‹ Previous"},
    "staff_next_month": {"zh": "下个月 ›", "en": "Next ›"},
    "staff_previous_month_name": {"zh": "上个月", "en": "The month before"},
    "staff_next_month_name": {"zh": "下个月", "en": "The month after"},
    "staff_some_days": {"zh": "选了 {days} 天", "en": "{days} days chosen"},
    "staff_from": {"zh": "从", "en": "From"},
    "staff_to": {"zh": "到", "en": "To"},
    "staff_day_earlier": {"zh": "早一天", "en": "One day earlier"},
    "staff_day_later": {"zh": "晚一天", "en": "One day later"},
    "staff_folder": {"zh": "文件保存在：{folder}", "en": "Files are saved in: {folder}"},
    "staff_choose_folder": {"zh": "换个文件夹", "en": "Choose another folder"},
    "staff_source_kiosk": {"zh": "本机的记录", "en": "This kiosk"},
    "staff_source_centre": {"zh": "整个学习中心", "en": "The whole centre"},
    "staff_source_not_enrolled": {
        "zh": "本机还没有登记到学习中心，所以只能用本机的记录。",
        "en": "This kiosk is not enrolled with a centre, so only its own records can be used.",
    },
    # ---- learners ---------------------------------------------------------------------------
    "staff_learners_heading": {"zh": "学员", "en": "Learners"},
    "staff_search_learners": {"zh": "按名字或手机尾号找：", "en": "Find by name or phone digits:"},
    "staff_no_learners": {"zh": "这台电脑上还没有学员。", "en": "There are no learners on this kiosk yet."},
    "staff_no_learner_match": {"zh": "没有找到这样的学员。", "en": "No learner matches."},
    "staff_learner_none": {"zh": "请选一位学员", "en": "Choose a learner"},
    "staff_learner_pick": {
        "zh": "请在名单里点一位学员的名字，或者点“添加学员”。",
        "en": "Tap a learner's name in the list, or tap 'Add a learner'.",
    },
    "staff_learner_details": {
        "zh": "手机尾号：{digits}\n登记日期：{day}\n已学会的课：{done} 课",
        "en": "Phone ends: {digits}\nRegistered: {day}\nLessons learned: {done}",
    },
    "staff_no_phone": {"zh": "没有填", "en": "not given"},
    "staff_learner_with_phone": {
        "zh": "{name}（手机尾号 {digits}，{day} 登记）",
        "en": "{name} (phone ends {digits}, registered {day})",
    },
    "staff_learner_no_phone": {"zh": "{name}（{day} 登记）", "en": "{name} (registered {day})"},
    "staff_learner_add": {"zh": "添加学员", "en": "Add a learner"},
    "staff_learner_edit": {"zh": "改名字或手机尾号", "en": "Correct name or phone"},
    "staff_learner_merge": {"zh": "合并重复的学员", "en": "Merge a duplicate"},
    "staff_learner_export": {"zh": "导出本人的记录", "en": "Export their own records"},
    "staff_learner_delete": {"zh": "删除所有记录", "en": "Delete everywhere"},
    "staff_add_heading": {"zh": "添加学员", "en": "Add a learner"},
    "staff_edit_heading": {"zh": "改正名字或手机尾号", "en": "Correct the name or phone digits"},
    "staff_learner_name": {"zh": "名字", "en": "Name"},
    "staff_learner_digits": {
        "zh": "手机号码的最后四位（可以不填）",
        "en": "Last four digits of the phone (may be left empty)",
    },
    "staff_learner_add_save": {"zh": "添加", "en": "Add"},
    "staff_name_needed": {
        "zh": "请写上名字（最多 40 个字）。",
        "en": "Please write a name (at most 40 characters).",
    },
    "staff_digits_needed": {
        "zh": "手机尾号请填四个数字，例如 1234；也可以不填。",
        "en": "For the phone, enter four digits like 1234, or leave it empty.",
    },
    "staff_learner_added": {"zh": "已添加学员：{learner}。", "en": "Added the learner {learner}."},
    "staff_learner_saved": {"zh": "已保存：{learner}。", "en": "Saved: {learner}."},
    "staff_the_duplicate": {"zh": "（重复的）", "en": "(the duplicate)"},
    "staff_merge_pick_keep": {
        "zh": "重复的学员是 {duplicate}。现在请在名单里点要保留的那位学员。",
        "en": "The duplicate is {duplicate}. Now tap, in the list, the learner to keep.",
    },
    "staff_confirm_merge": {
        "zh": "要把重复的 {duplicate} 合并到 {keep} 吗？重复的那位学过的课、签到和求助都会转到保留的这位名下，"
        "重复的名字会从本机、学习中心和其他学习电脑上去掉。合并以后不能撤销。",
        "en": "Merge the duplicate {duplicate} into {keep}? The duplicate's lessons, check-ins and help calls "
        "move to the learner kept, and the duplicate is removed from this kiosk, the centre and every other "
        "kiosk. This cannot be undone.",
    },
    "staff_merge_yes": {"zh": "合并这两位", "en": "Merge them"},
    "staff_merged": {
        "zh": "已把 {duplicate} 合并到 {keep}。学习中心转过去的：{centre}。本机转过去的：{kiosk}。",
        "en": "Merged {duplicate} into {keep}. Moved at the centre: {centre}. Moved on this kiosk: {kiosk}.",
    },
    "staff_merged_local": {
        "zh": "已在本机把 {duplicate} 合并到 {keep}，转过去的：{kiosk}。本机没有登记到学习中心，所以中心没有要改的。",
        "en": "Merged {duplicate} into {keep} on this kiosk; moved: {kiosk}. This kiosk is not enrolled with a "
        "centre, so there was nothing to change there.",
    },
    "staff_confirm_delete": {
        "zh": "要删除 {learner} 的所有记录吗？本机、学习中心和其他学习电脑上的名字、学过的课、签到和求助都会删除，"
        "以后导出的记录里也不会再有这位学员。删除以后不能撤销。",
        "en": "Delete every record of {learner}? Their name, lessons, check-ins and help calls are deleted on "
        "this kiosk, at the centre and on every other kiosk, and no export made from now on will include "
        "them. This cannot be undone.",
    },
    "staff_delete_yes": {"zh": "删除所有记录", "en": "Delete everywhere"},
    "staff_deleted": {
        "zh": "已在所有地方删除 {learner} 的记录。学习中心删除了：{centre}。本机删除了：{kiosk}。"
        "其他学习电脑下次和中心联系时也会删除。",
        "en": "Deleted the records of {learner} everywhere. Removed at the centre: {centre}. Removed on this "
        "kiosk: {kiosk}. The other kiosks remove theirs the next time they reach the centre.",
    },
    "staff_deleted_local": {
        "zh": "已删除 {learner} 在本机的记录：{kiosk}。本机没有登记到学习中心，所以中心没有要删的。",
        "en": "Deleted the records of {learner} on this kiosk: {kiosk}. This kiosk is not enrolled with a "
        "centre, so there was nothing to delete there.",
    },
    "staff_records_written": {
        "zh": "已把 {learner} 的 {count} 条记录存到：{path}",
        "en": "Saved the records of {learner} ({count} in all) to: {path}",
    },
    "staff_learner_busy": {"zh": "正在处理，请稍等……", "en": "Working on it, please wait…"},
    "staff_centre_away": {
        "zh": "什么都没有改：连不上学习中心（{problem}）。请等中心能连上的时候再试。",
        "en": "Nothing was changed: the centre could not be reached ({problem}). Please try again when the "
        "centre is reachable.",
    },
    "staff_failed": {"zh": "没有做成：{problem}", "en": "That did not work: {problem}"},
    # ---- the staff member's own sign-in at the centre (app.kiosk.staff_pass) --------------------
    "staff_centre_sign_in_none": {
        "zh": "这件事要您本人登录学习中心才能做，这次没有登录上。什么都没有改。请退出，再重新登录一次。",
        "en": "This needs your own sign-in at the centre, and there is none this time. Nothing was changed. "
        "Please sign out and sign in again.",
    },
    "staff_centre_sign_in_wrong": {
        "zh": "学习中心不接受您的 PIN 或密码（可能在中心改过）。什么都没有改。"
        "请退出，用中心知道的 PIN 或密码重新登录。",
        "en": "The centre did not accept your PIN or password (it may have been changed there). Nothing was "
        "changed. Please sign out and sign in again with the one the centre knows.",
    },
    "staff_centre_sign_in_locked": {
        "zh": "在学习中心输错的次数太多，您的账号在中心被锁定 {minutes} 分钟。什么都没有改。"
        "请过一会儿退出，再重新登录。",
        "en": "Too many wrong tries at the centre: your account is locked there for {minutes} minutes. "
        "Nothing was changed. Please sign out and sign in again after that.",
    },
    "staff_centre_sign_in_unknown": {
        "zh": "学习中心还不认识您的账号。什么都没有改。请管理员在中心的电脑上添加您的账号，或者重新登记这台学习电脑。",
        "en": "The centre does not know your account yet. Nothing was changed. Please ask the administrator to "
        "add it on the centre's computer (silversteps centre staff-account add), or enrol this kiosk again.",
    },
    "staff_centre_sign_in_refused": {
        "zh": "学习中心不接受这台学习电脑（它可能已被停用）。什么都没有改。请管理员重新登记这台电脑。",
        "en": "The centre does not accept this kiosk any more (it may have been revoked). Nothing was changed. "
        "Please ask the administrator to enrol it again.",
    },
    "staff_centre_sign_in_away": {
        "zh": "您登录时联系不上学习中心，所以没能在中心登录。什么都没有改。等中心能连上时，请退出再重新登录。",
        "en": "The centre could not be reached when you signed in, so you are not signed in there. Nothing was "
        "changed. When the centre is reachable, please sign out and sign in again.",
    },
    "staff_centre_sign_in_ended": {
        "zh": "您在学习中心的登录已经结束（超过一小时，或在中心被结束）。什么都没有改。请退出，再重新登录。",
        "en": "Your sign-in at the centre has ended (after an hour, or it was ended there). Nothing was changed. "
        "Please sign out and sign in again.",
    },
    "staff_kind_statements": {"zh": "学习记录 {count} 条", "en": "learning records: {count}"},
    "staff_kind_attempts": {"zh": "课程进度 {count} 条", "en": "lesson attempts: {count}"},
    "staff_kind_check_ins": {"zh": "签到 {count} 次", "en": "check-ins: {count}"},
    "staff_kind_session_time": {"zh": "上课时长 {count} 条", "en": "session times: {count}"},
    "staff_kind_help_calls": {"zh": "求助 {count} 次", "en": "help calls: {count}"},
    "staff_kind_certificates": {"zh": "证书 {count} 张", "en": "certificates: {count}"},
    # Copies the centre had already forwarded to the city's record store: xAPI cannot delete,
    # so the centre sends a voiding statement for each, and the city's store hides them.
    "staff_kind_upstream_voided": {
        "zh": "已转到市里记录库的副本 {count} 条（将标为作废）",
        "en": "copies already sent to the city's record store: {count} (to be marked void there)",
    },
    "staff_kind_learner": {"zh": "学员登记 {count} 条", "en": "the learner's registration: {count}"},
    "staff_kind_lessons": {"zh": "课程进度 {count} 条", "en": "lesson progress: {count}"},
    "staff_kind_steps": {"zh": "步骤记录 {count} 条", "en": "steps done: {count}"},
    "staff_kind_outbox": {"zh": "待发给中心的记录 {count} 条", "en": "records waiting for the centre: {count}"},
    "staff_kind_other": {"zh": "{kind} {count} 条", "en": "{kind}: {count}"},
    # ---- kiosks -----------------------------------------------------------------------------
    "staff_kiosks_heading": {"zh": "学习中心的学习电脑", "en": "The centre's kiosks"},
    "staff_kiosks_not_enrolled": {
        "zh": "本机登记到学习中心以后，这里会列出中心的所有学习电脑。",
        "en": "Once this kiosk is enrolled with a centre, the centre's kiosks are listed here.",
    },
    "staff_kiosks_busy": {"zh": "正在问学习中心……", "en": "Asking the centre…"},
    "staff_kiosks_count": {"zh": "中心一共有 {count} 台学习电脑：", "en": "The centre has {count} kiosks:"},
    "staff_kiosks_unreachable": {
        "zh": "连不上学习中心（{problem}）。请稍后点“刷新”再试。",
        "en": "Cannot reach the centre ({problem}). Tap Refresh to try again later.",
    },
    "staff_kiosk_name": {"zh": "{name}", "en": "{name}"},
    "staff_kiosk_this": {"zh": "{name}（就是本机）", "en": "{name} (this kiosk)"},
    "staff_kiosk_enrolled_at": {"zh": "登记：{when}", "en": "Enrolled: {when}"},
    "staff_kiosk_seen": {"zh": "上次联系中心：{when}", "en": "Last heard from: {when}"},
    "staff_kiosk_records": {
        "zh": "已发送记录：{count} 条（最后一条：{when}）",
        "en": "Records sent: {count} (the last: {when})",
    },
    "staff_kiosk_revoked": {
        "zh": "已停用：{when}，不能再发送记录",
        "en": "Revoked: {when}; it can no longer send records",
    },
    "staff_revoke": {"zh": "停用", "en": "Revoke"},
    "staff_confirm_revoke": {
        "zh": "要停用学习电脑“{name}”吗？停用以后它不能再发送或读取记录，要重新登记才能再用。它已经发送的记录会保留。",
        "en": "Revoke the kiosk '{name}'? It can no longer send or read records until it is enrolled again. "
        "The records it has sent are kept.",
    },
    "staff_revoke_yes": {"zh": "停用这台电脑", "en": "Revoke this kiosk"},
    "staff_revoked": {"zh": "已停用学习电脑“{name}”。", "en": "Revoked the kiosk '{name}'."},
    # ---- lessons offered --------------------------------------------------------------------
    "staff_lessons_heading": {"zh": "本中心开设的课程", "en": "Lessons this centre offers"},
    "staff_lessons_explain": {
        "zh": "学员在课程列表里只会看到“开设”的课。点一下按钮就能开设或不开设，马上生效。",
        "en": "Learners see only the lessons marked 'Offered' in their list. Tap a button to change it; it "
        "takes effect at once.",
    },
    "staff_lessons_summary": {
        "zh": "现在开设 {offered} 课，一共 {total} 课。",
        "en": "{offered} of {total} lessons are offered now.",
    },
    "staff_offer_all": {"zh": "全部开设", "en": "Offer every lesson"},
    "staff_offered": {"zh": "✓ 开设", "en": "✓ Offered"},
    "staff_not_offered": {"zh": "不开设", "en": "Not offered"},
    "staff_offer_switch": {"zh": "开设“{title}”", "en": "Offer '{title}'"},
    # ---- reports ----------------------------------------------------------------------------
    "staff_reports_heading": {"zh": "导出记录", "en": "Export records"},
    "staff_report_days": {"zh": "哪些天：", "en": "Which days:"},
    "staff_report_source": {"zh": "谁的记录：", "en": "Whose records:"},
    "staff_report_kind": {"zh": "导出什么：", "en": "What to export:"},
    "staff_report_attendance": {"zh": "出勤（每次课、每位学员）：", "en": "Attendance per session and learner:"},
    "staff_report_completions": {
        "zh": "学完的课（每位学员，给终身学习账户）：",
        "en": "Completions per learner (for lifelong-learning accounts):",
    },
    "staff_format_attendance_csv": {"zh": "CSV 表格", "en": "CSV"},
    "staff_format_attendance_xlsx": {"zh": "Excel", "en": "Excel"},
    "staff_format_attendance_pdf": {"zh": "PDF 签到表", "en": "PDF sign-in sheets"},
    "staff_format_completions_csv": {"zh": "CSV 表格", "en": "CSV"},
    "staff_format_completions_xapi": {"zh": "xAPI（JSON）", "en": "xAPI (JSON)"},
    "staff_export": {"zh": "开始导出", "en": "Export"},
    "staff_export_reading": {"zh": "正在读取记录……", "en": "Reading the records…"},
    "staff_export_progress": {"zh": "已写好 {done} 行，共 {total} 行", "en": "{done} of {total} rows written"},
    "staff_export_done_attendance": {
        "zh": "导出好了：{count} 行出勤记录，文件在 {path}",
        "en": "Done: {count} attendance rows, saved as {path}",
    },
    "staff_export_done_completions": {
        "zh": "导出好了：{count} 条学完的课，文件在 {path}",
        "en": "Done: {count} completions, saved as {path}",
    },
    "staff_export_cancelled": {"zh": "已取消，没有留下文件。", "en": "Cancelled; no file was saved."},
    "staff_export_centre_away": {
        "zh": "连不上学习中心（{problem}），没有导出。请等中心能连上的时候再试，或者先导出本机的记录。",
        "en": "The centre could not be reached ({problem}), so nothing was exported. Try again when it is "
        "reachable, or export this kiosk's own records.",
    },
    "staff_export_failed": {"zh": "导出没有完成：{problem}", "en": "The export did not finish: {problem}"},
    # ---- certificates -----------------------------------------------------------------------
    "staff_certificate_learner": {"zh": "1. 选学员", "en": "1. Choose the learner"},
    "staff_certificate_theme": {"zh": "2. 选学完的专题", "en": "2. Choose the theme they completed"},
    "staff_certificate_centre": {
        "zh": "证书上印的学习中心名字、课程和日期，都由学习中心按自己的记录来写，这里不用填。",
        "en": "The centre writes its own name, the lessons and their dates on the certificate from its own "
        "records; there is nothing to fill in here.",
    },
    "staff_certificate_pick": {
        "zh": "请先在名单里选一位学员。",
        "en": "First choose a learner in the list.",
    },
    "staff_certificate_choice": {
        "zh": "给 {name} 颁发“{theme}”结业证书。学习中心会先核对这位学员是不是学完了这个专题的每一课。",
        "en": "A certificate for {name} for '{theme}'. The centre first checks that they have completed every "
        "lesson of this theme.",
    },
    "staff_certificate_issue": {"zh": "颁发证书", "en": "Issue certificate"},
    "staff_certificate_busy": {"zh": "正在请学习中心颁发……", "en": "The centre is issuing it…"},
    "staff_certificate_done": {
        "zh": "证书做好了：{name}，“{theme}”，由{centre}颁发。文件在 {path}",
        "en": "The certificate is ready: {name}, '{theme}', issued by {centre}. Saved as {path}",
    },
    "staff_certificate_not_completed": {
        "zh": "{name}还没学完“{theme}”，还差这几课：{lessons}。都学完了，再来领证书吧。",
        "en": "{name} has not finished '{theme}' yet. Still to do: {lessons}. Once those are done, the "
        "certificate can be issued.",
    },
    "staff_certificate_lesson": {"zh": "“{title}”", "en": "'{title}'"},
    "staff_certificate_lesson_joiner": {"zh": "、", "en": ", "},
    "staff_certificate_unknown_learner": {
        "zh": "学习中心那边还没有这位学员的信息，可能还没传过去。请等一两分钟再试一次。",
        "en": "The centre does not know this learner yet: their details may not have reached it. Please try "
        "again in a minute or two.",
    },
    "staff_certificate_unknown_theme": {
        "zh": "学习中心的课程里还没有这个专题，暂时发不了证书。请告诉管理员，给学习中心更新一下课程。",
        "en": "The centre's courses do not have this theme yet, so it cannot issue the certificate. Please ask "
        "the administrator to update the centre's courses.",
    },
    "staff_certificate_refused": {
        "zh": "学习中心没有颁发：{problem}",
        "en": "The centre did not issue it: {problem}",
    },
    "staff_certificate_away": {
        "zh": "连不上学习中心（{problem}），证书没有做。请等中心能连上的时候再试。",
        "en": "The centre could not be reached ({problem}); no certificate was made. Try again when it is reachable.",
    },
    "staff_certificate_not_enrolled": {
        "zh": "证书由学习中心签发：本机登记到学习中心以后才能颁发证书。",
        "en": "Certificates are signed by the centre: enrol this kiosk with its centre first.",
    },
    # ---- charts -----------------------------------------------------------------------------
    "staff_charts_heading": {"zh": "图表", "en": "Charts"},
    "staff_charts_busy": {"zh": "正在读取记录……", "en": "Reading the records…"},
    "staff_charts_failed": {
        "zh": "读不到记录（{problem}）。请稍后再试，或者看本机的记录。",
        "en": "The records could not be read ({problem}). Try again later, or look at this kiosk's own.",
    },
    "staff_chart_weeks": {
        "zh": "每周签到人次（日期是每周的星期一）",
        "en": "Check-ins each week (the date is the week's Monday)",
    },
    "staff_chart_weeks_empty": {"zh": "这些天里没有签到。", "en": "Nobody checked in on these days."},
    "staff_chart_lessons": {
        "zh": "学完次数最多的课（前 {top} 课）",
        "en": "Lessons completed most often (top {top})",
    },
    "staff_chart_lessons_empty": {"zh": "这些天里没有人学完课。", "en": "No lesson was completed on these days."},
    # ---- tutor and staff accounts ---------------------------------------------------------
    "staff_confirm_remove_account": {
        "zh": "要删除{role}“{name}”的账号吗？删除以后，{name}不能再在这台学习电脑上登录。"
        "删除以后不能撤销；要让{name}再登录，得重新添加账号。",
        "en": "Remove the {role} account of {name}? {name} will no longer be able to sign in on this kiosk. "
        "This cannot be undone; to let {name} sign in again, add the account again.",
    },
    "staff_remove_account_yes": {"zh": "删除这个账号", "en": "Remove this account"},
}

tr = translator(TEXTS)
