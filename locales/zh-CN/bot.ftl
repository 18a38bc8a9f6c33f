# 对话引擎的全部用语（Telegram HTML 格式；用户输入的文字已自动转义）。

## 陌生人与绑定
bot-stranger = 您好！这是县亲商助企活动的工作机器人，仅供受邀人员使用。如您已收到邀请码，请发送 /start 邀请码 完成绑定。
bot-stranger-button = 请先用邀请码绑定账号。
bot-invite-invalid = 邀请码无效、已使用或已过期。请向活动办索取新的邀请码。
bot-invite-for-group = 这是部门工作群的邀请码，请在部门的群里发送 /bind 邀请码。
bot-invite-for-person = 这是个人的邀请码，请本人私聊我发送 /start 邀请码。
bot-welcome = 绑定成功！{ $name }，您好。您的角色：{ $roles }。
bot-welcome-back = { $name }，您好！
bot-already-bound = 您的账号已绑定为 { $name }，无需再次绑定。发送 /help 查看可以做什么。
bot-bind-private = /bind 用于在部门工作群里绑定群聊。绑定个人账号请发送 /start 邀请码。

## 帮助
bot-no-role = 暂无角色
bot-list-separator = 、
bot-help-intro = { $name }，您好。您可以：
bot-help-no-role = 您目前还没有分配角色，请联系活动办。
bot-help-everyone = <b>【通用】</b>
bot-help-said = 不打“/”也可以：直接发“汇总”“本月汇总”“走访”这样的词，或发事项编号查看事项；任何一步发“取消”即可退出。

## 命令菜单
bot-cmd-report = 反映企业问题
bot-cmd-my = 我联系企业的事项
bot-cmd-visit = 记录走访
bot-cmd-queue = 待交办事项
bot-cmd-todo = 本部门待办
bot-cmd-case = 查看事项（编号）
bot-cmd-overdue = 超期事项
bot-cmd-summary = 情况汇总（可逐级查看）
bot-cmd-assess = 考核表
bot-cmd-export = 导出台账（Excel）
bot-cmd-help = 使用帮助
bot-cmd-lang = 切换语言
bot-cmd-cancel = 退出当前操作
bot-cmd-start = 开始 / 绑定账号

## 通用
bot-unknown-command = 没有这个命令。发送 /help 查看可以做什么。
bot-unknown-command-meant = 没有 /{ $typed } 这个命令。您是要 /{ $command } 吗？发送 /help 查看可以做什么。
bot-unknown-command-flow-kept = 刚才的操作没有中断，可以接着进行（发送 /cancel 退出）。
bot-command-words-report = 反映|上报|报告|反映问题|新问题|报问题
bot-command-words-my = 我的|我的事项|我的问题
bot-command-words-visit = 走访|走访记录|零报告
bot-command-words-queue = 待交办|交办|分办
bot-command-words-todo = 待办|待办事项|办理
bot-command-words-overdue = 超期|逾期|超期事项
bot-command-words-summary = 汇总|统计|情况|情况汇总|周报|月报
bot-command-words-assess = 考核|排名|考核表
bot-command-words-export = 导出|台账|导出台账
bot-command-words-groups = 群|工作群|群聊
bot-command-words-people = 人员|名单|花名册|人员名单
bot-command-words-projects = 项目|重点项目
bot-command-words-items = 审批|审批事项|事项清单
bot-command-words-measures = 问责|措施
bot-command-words-cases-of-note = 典型|典型案例|案例
bot-command-words-inspect = 督查|检查
bot-command-words-inspections = 整改|整改事项
bot-command-words-team = 干部|团队|本单位
bot-command-words-township = 乡镇|镇|街道
bot-command-words-case = 查询|查事项|事项
bot-command-words-help = 帮助|说明|菜单
bot-command-words-lang = 语言|切换语言
bot-command-words-channel = 渠道|通知渠道
bot-command-words-cancel = 取消|退出
bot-command-words-start = 开始
bot-idle-hint = 请发送命令开始操作，发送 /help 查看可以做什么。
bot-idle-meant = 要用 /{ $command } 吗？请直接发送 /{ $command }（发送 /help 查看可以做什么）。
bot-unsupported = 暂不支持这类消息（如贴纸）。请发送文字、照片、文件或语音。
bot-edited-ignored = 修改后的消息不会被记录。如需更正，请重新发送一条消息。
bot-cancelled = 已退出当前操作，没有保存任何内容。
bot-cancel-nothing = 当前没有进行中的操作。
bot-draft-discarded = 未提交的问题草稿已放弃。
bot-state-lost = 抱歉，您之前未完成的操作（如问题草稿）无法恢复，已放弃，请重新开始。
bot-text-empty = 消息是空的，请写上内容。
bot-text-too-long = 内容太长了：最多 { $limit } 字，这条有 { $length } 字。请精简后重新发送（可以分成问题描述和补充说明）。
bot-not-for-role = 您的角色不能使用这个功能。发送 /help 查看可以做什么。
bot-no-enterprises = 系统里还没有与您结对的企业，请联系活动办。
bot-whole-department = 部门全体
bot-system = 系统
bot-file-no-context = 附件需要跟一件事项一起提交：请先发送 /report 反映问题，或打开事项卡片。
bot-file-not-expected = 这里需要文字，请直接输入（发送 /cancel 放弃）。
bot-file-kept-case = 附件已存入 { $number }。

## 按钮
bot-button-ok = 好的
bot-button-unknown = 这个按钮无效。
bot-button-not-yours = 这个按钮不是发给您的。
bot-button-expired = 这个按钮已过期，请重新打开事项。
bot-button-stale = { $number } 现在的状态是“{ $status }”，这个按钮已不适用。
bot-button-used = 这个按钮已经用过了。
bot-card-outdated = 这张卡片已过期：{ $number } 已有新变化，以下是最新情况。
bot-menu-stale = 这个菜单已失效，请重新开始。

## 事项卡片
bot-card-head = 📋 <b>{ $number }</b> · { $status }
bot-card-head-overdue = 📋 <b>{ $number }</b> · { $status } · ⚠️ 超期
bot-card-enterprise = 企业：{ $enterprise }（{ $township }）
bot-card-category = 类别：{ $category } · 难度：{ $difficulty }
bot-card-description = 问题：{ $description }
bot-card-department = 责任部门：{ $department } · 责任人：{ $assignee }
bot-card-deadline = 办理时限：{ $deadline }
bot-deadline-with-days = { $date }（{ $left }）
bot-card-resolution = 答复：{ $answer }
bot-card-satisfaction = 企业评价：{ $satisfaction }
bot-card-supervised = 🔴 督办：{ $date } { $leader }
bot-card-supervised-note = 🔴 督办：{ $date } { $leader }：{ $note }
bot-card-files = 附件：{ $count } 个
bot-card-roadmap = 路线图：
bot-card-milestone = ☐ { $date } { $title }
bot-card-milestone-done = ☑ { $date } { $title }
bot-card-events = 办理记录（{ $count } 条）：
bot-card-events-latest = 最近办理记录（共 { $count } 条）：
bot-card-event = · { $time } { $actor } { $what }
bot-card-event-note = · { $time } { $actor } { $what }：{ $note }
bot-case-usage = 请在命令后写事项编号，如 /case ZZ-2026-0042 或 /case 42。
bot-case-not-found = 没有找到该事项，或它不在您的职责范围内。

bot-op-show = 查看
bot-op-history = 办理记录
bot-op-accept = ✅ 签收
bot-op-return = ↩️ 退回
bot-op-progress = 📝 报送进展
bot-op-milestone = 🗓 路线图
bot-op-resolve = 🏁 办结答复
bot-op-note = 💬 补充说明
bot-op-supply-info = 📎 补充材料
bot-op-request-info = ❓ 要求补充材料
bot-op-satisfied = 😊 满意
bot-op-basically-satisfied = 🙂 基本满意
bot-op-unsatisfied = 😞 不满意
bot-op-supervise = 🔴 督办
bot-op-supervise-now = 直接督办
bot-op-dispatch = 📤 交办
bot-op-redispatch = 📤 改派

## 等待输入
bot-ask-request-info = 请写明 { $number } 需要助企干部补充哪些材料（最多 { $limit } 字，发送 /cancel 放弃）。
bot-ask-supply-info = 请补充 { $number } 的材料说明（最多 { $limit } 字，可附照片或文件，发送 /cancel 放弃）。
bot-ask-return = 请写明退回 { $number } 的原因（发送 /cancel 放弃）。
bot-ask-progress = 请写 { $number } 的办理进展（最多 { $limit } 字，可附照片，发送 /cancel 放弃）。
bot-ask-resolve = 请写给企业的答复，说明 { $number } 是怎么解决的（最多 { $limit } 字，发送 /cancel 放弃）。
bot-ask-note = 请写 { $number } 的补充说明（最多 { $limit } 字，发送 /cancel 放弃）。
bot-ask-milestone = 请发送 { $number } 的路线图节点：日期加内容，如“12月3日 完成现场勘查”或“2026-12-03 完成现场勘查”。
bot-ask-unsatisfied = 请写明企业对 { $number } 不满意的原因，事项将退回部门重新办理（发送 /cancel 放弃）。
bot-ask-supervise = 请写对 { $number } 的督办要求，或直接点“直接督办”（发送 /cancel 放弃）。
bot-ask-visit-note = 请写对 { $enterprise } 的走访记录（最多 { $limit } 字，发送 /cancel 放弃）。
bot-ask-deadline = 请输入 { $number } 的办理时限，如 2026-12-18 或 12月18日。
bot-deadline-unreadable = 没有看懂这个日期。请写成 2026-12-18 或 12月18日 这样的格式。
bot-deadline-past = 这个日期已经过去了，请写一个今天或以后的日期。
bot-deadline-day-off = { $date } 是休息日，办理时限须为工作日。之后的第一个工作日是 { $next }，请重新输入。
bot-milestone-format = 请写成“日期 内容”，如“12月3日 完成现场勘查”。

## 反映问题
bot-report-not-cadre = 只有助企干部可以反映企业问题。发送 /help 查看您可以做什么。
bot-report-pick-enterprise = 为哪家企业反映问题？
bot-report-pick-enterprise-described = 问题描述已记下。为哪家企业反映问题？
bot-report-describe = 请描述{ $enterprise }遇到的问题（最多 { $limit } 字），可以附照片、文件或语音。
bot-held-report = 您在 { $when } 反映的问题还没有提交（“{ $excerpt }”）。刚才这条消息是补充这个问题的吗？
bot-held-report-files = 您在 { $when } 反映的问题还没有提交（已有 { $count } 个附件，还没有描述）。刚才这条消息是补充这个问题的吗？
bot-held-awaiting = 您在 { $when } 开始的一项操作还在等您输入内容。刚才这条消息是接着那项操作的吗？
bot-held-awaiting-case = 您在 { $when } 对 { $number } 的操作（{ $op }）还在等您输入内容。刚才这条消息是接着那项操作的吗？
bot-held-go-on = ↩ 是，接着上次的操作
bot-held-leave = 🆕 不是，这是新的消息
bot-held-left = 已退出上次的操作。
bot-held-file = 请先回答上面的问题：刚才的消息是否接着上次的操作。之后再发文件。
bot-report-enterprise-named = 企业：{ $enterprise }。
bot-report-text-added = 已补充到问题描述。
bot-report-file-kept = 已收到附件（共 { $count } 个）。
bot-report-too-many-files = 一件事项最多附 { $limit } 个附件。
bot-report-category-proposed = 根据描述，建议归入“{ $category }”类。
bot-report-category-accept = ✓ { $category }
bot-report-category-other = 其他类别
bot-report-category-pick = 请选择问题类别：
bot-report-difficulty = 这个问题的难易程度？（决定默认办理时限）
bot-difficulty-choice = { $difficulty }（{ $days } 个工作日）
bot-report-summary = 请确认：
    企业：{ $enterprise }
    类别：{ $category }
    难度：{ $difficulty }
    附件：{ $files } 个
    问题：{ $description }
bot-report-submit = ✅ 提交
bot-report-cancel = ✖ 取消
bot-report-done = 已登记，编号 <b>{ $number }</b>。活动办将尽快交办，办理进展会通知您。

## 交办
bot-dispatch-proposal = 建议交办：{ $department } · 责任人：{ $person } · 时限：{ $deadline }（{ $days } 个工作日）
bot-dispatch-no-department = （未找到对应部门，请选择）
bot-dispatch-confirm = ✅ 确认交办
bot-dispatch-change-department = 更换部门
bot-dispatch-change-person = 更换责任人
bot-dispatch-change-deadline = 更改时限
bot-dispatch-pick-department = 请为 { $number } 选择责任部门：
bot-dispatch-pick-person = 请为 { $number } 选择责任人：
bot-dispatch-pick-deadline = 请为 { $number } 选择办理时限：
bot-dispatch-deadline-choice = { $days } 个工作日 · { $date }
bot-dispatch-type-deadline = 输入日期
bot-dispatch-department-first = 请先选择责任部门。
bot-dispatch-already = { $number } 已经按这个方案交办过了。
bot-dispatched = 已将 { $number } 交办给 { $department }（{ $person }），时限 { $deadline }。
bot-info-requested = 已请助企干部补充 { $number } 的材料。
bot-queue-title = { $waiting ->
    [0] 待交办事项（{ $count }）：
   *[other] 待交办事项（{ $count }；另有 { $waiting } 件已要求助企干部补充材料，补充后回到这里）：
}
bot-queue-empty = 暂无待交办事项。
bot-queue-empty-waiting = 暂无可交办的事项；另有 { $waiting } 件已要求助企干部补充材料，补充后回到这里。

## 部门办理
bot-todo-title = { $department } 待办事项（{ $count }）：
bot-todo-empty = 本部门暂无待办事项。
bot-accepted = 已签收 { $number }，请在时限内办理。
bot-returned = 已退回 { $number }，活动办将重新交办。
bot-progress-saved = 已记录 { $number } 的办理进展，并告知助企干部。
bot-resolved = { $number } 已办结答复，等待助企干部与企业确认。
bot-milestone-added = 已为 { $number } 添加路线图节点：{ $date } { $title }。

## 助企干部跟进
bot-my-title = 您联系企业的未办结事项（{ $count }）：
bot-my-empty = 您联系的企业目前没有未办结事项。
bot-closed = 已记录企业评价“{ $satisfaction }”，{ $number } 已办结。
bot-reopened = 已记录“不满意”，{ $number } 已重新交部门办理，部门会收到原因。
bot-info-supplied = 已补充 { $number } 的材料，活动办会重新交办。
bot-note-saved = 已记录 { $number } 的补充说明。
bot-visit-pick = 走访哪家企业？
bot-visit-how-on = 对 { $enterprise } { $date } 的走访情况？
bot-visit-how = 对 { $enterprise } 的走访情况？
bot-visit-zero-report = 零报告（无问题）
bot-visit-with-note = 写走访记录
bot-visit-without-note = 只记录走访
bot-visit-recorded = 已记录对 { $enterprise } 的走访。如发现问题，请发送 /report 反映。
bot-visit-recorded-zero = 已记录对 { $enterprise } 的走访（零报告）。

## 领导
bot-overdue-title = 超期事项（{ $count }）：
bot-overdue-empty = 目前没有超期事项。
bot-supervised = 已对 { $number } 下达督办，部门负责人和责任人已收到通知。

## 汇总、考核与台账
bot-summary-chart = 📊 查看图表
bot-summary-back = ⬅ 返回汇总
# 时段的说法（用 | 分隔）；两种语言的说法都能识别。
bot-period-words-this-week = 本周|这周
bot-period-words-last-week = 上周
bot-period-words-this-month = 本月|这个月
bot-period-words-last-month = 上月|上个月
bot-period-words-this-quarter = 本季度|这个季度|本季
bot-period-words-last-quarter = 上季度|上个季度|上季
bot-period-words-this-year = 今年|本年|本年度
bot-period-words-last-year = 去年|上年|上一年|上年度
bot-period-words-to = 至|到
bot-period-unknown = 没有看懂时段“{ $text }”。
bot-period-backwards = 时段的结束日期早于开始日期。
bot-period-too-long = 时段太长了：最多 { $days } 天。
bot-period-examples = 可以这样写：
    /{ $command } 本周（或 上周、本月、上月、本季度、上季度、今年、去年）
    /{ $command } 11月（或 2026年11月、2026-11）
    /{ $command } 2026-11-01..2026-11-15（也可写成 2026-11-01 至 2026-11-15、11月1日至15日、9月至11月）
bot-export-file-name = 台账-{ $date }.xlsx
bot-export-ready = 📎 台账（截至 { $date }）：第一页为全部事项，第二页为 { $from } 至 { $to } 的考核表，第三页为走访记录。

## 列表
bot-list-line = · <b>{ $number }</b> · { $status } · { $enterprise } · { $description } { $deadline }
bot-list-line-overdue = · ⚠️ <b>{ $number }</b> · { $status } · { $enterprise } · { $description } { $deadline }
bot-list-more = （仅显示 { $shown } 件，共 { $total } 件；可用 /case 编号 查看其他事项）
bot-escalated-title = 🚨 <b>督办事项</b>：红牌 { $red } 件，黄牌 { $yellow } 件 · 第 { $page }/{ $pages } 页
bot-escalated-line = { $colour ->
    [red] 🟥
   *[yellow] 🟨
} { $line }
bot-escalated-empty = 您负责的范围内目前没有黄牌或红牌事项。
bot-escalated-previous = ◀ 上一页
bot-escalated-next = 下一页 ▶

## 通知他人
bot-notify-reported = 📥 <b>新问题待交办</b>：{ $number }（{ $actor } 反映）
bot-notify-info-supplied = 📎 { $actor } 补充了 { $number } 的材料：{ $note }
bot-notify-returned = ↩️ { $department } 退回了 { $number }，原因：{ $reason }
bot-notify-info-requested = ❓ 活动办请您补充 { $number } 的材料：{ $note }
bot-notify-dispatched = 📨 <b>新交办事项</b>：{ $number }，请签收。
bot-notify-dispatched-cadre = 📨 您反映的 { $number } 已交办。
bot-notify-accepted = ✅ { $number } 已由 { $actor } 签收。
bot-notify-progress = 📝 { $number } 有新进展（{ $actor }）：{ $note }
bot-notify-resolved = 🏁 { $number } 已办结答复，请与企业确认并选择企业评价：{ $answer }
bot-notify-closed = ✅ { $number } 已确认办结，企业评价：{ $satisfaction }。
bot-notify-reopened = ⚠️ 企业对 { $number } 的办理结果不满意，已重新交办。原因：{ $reason }
bot-notify-note = 💬 { $actor } 对 { $number } 补充说明：{ $note }
bot-notify-supervised = 🔴 <b>督办</b>：{ $actor } 对 { $number } 下达督办，请加快办理。
bot-notify-supervised-note = 🔴 <b>督办</b>：{ $actor } 对 { $number } 下达督办：{ $note }

## 语言
bot-lang-choose = 请选择语言 / Choose a language:
bot-lang-name = 中文
bot-lang-set = 已切换为中文。

## 群聊
bot-group-bind-usage = 请发送 /bind 部门邀请码 绑定本群。
bot-group-bound = 本群已绑定为 { $department } 的工作群，交办给本部门的事项会在这里通知。
bot-group-help = 在部门工作群里发送 /bind 部门邀请码，即可接收本部门的交办通知。
bot-group-help-bound = 本群是 { $department } 的工作群：新交办的事项会在这里通知。办理事项请私聊我。
bot-group-only-bind = 在群里我只处理 /bind 和 /help，办理事项请私聊我。
bot-group-no-buttons = 请私聊我办理事项。

## 终端版
console-welcome = 这是助企机器人的终端版，用法和聊天软件里一样：输入消息或命令（如 /help、/report）。
    输入按钮前面的数字，就等于点了那个按钮。
    :as 编号 切换身份 · :who 查看可以切换的身份 · :photo [说明] 发一张示例照片 · :file [文件名] 发一个示例文件 · :help 本说明 · :quit 退出
console-unfinished-report = ↩ 上次反映的问题还没有提交，接着填写（发送 /cancel 放弃）：
console-unfinished-step = ↩ 上次的操作还在等您输入内容：接着输入即可，或发送 /cancel 退出。
console-now-as = 现在的身份：{ $name }（{ $code }，{ $roles }）
console-unknown-person = 名册里没有“{ $person }”。输入 :who 查看可以切换的身份。
console-who-title = 可以切换的身份（输入 :as 编号）：
console-who-line = { $code } · { $name } · { $roles }
console-notice = 📨 新通知：
console-waiting = 📨 有 { $count } 条通知在等 { $name }（输入 :as { $code } 查看）
console-answer = » { $text }
console-not-utf8 = 这一行不是 UTF-8 文本，没有读取，也没有保存任何内容。请检查终端的字符编码后重新输入。
console-unknown-meta = 没有这个终端命令，输入 :help 查看用法。
console-bye = 再见！
console-photo = [图片 { $name }，{ $kb } KB]
console-document = [文件 { $name }，{ $kb } KB，已保存到 { $path }]
console-document-failed = [文件 { $name } 无法保存：{ $error }]
console-demo-intro = 演示数据已就绪（均为虚构）。可以依次扮演这些身份，把一件事从反映走到办结：
console-demo-role = { $role }：{ $name }（输入 :as { $code }）
bot-card-colour-blue = 🟦 蓝牌：临近办理时限
bot-card-colour-yellow = 🟨 黄牌：已超期，已告知部门负责人
bot-card-colour-red = 🟥 红牌：严重超期，已报告县领导

# Sent once when a chat sends more messages than the bot keeps waiting: $count were skipped.
bot-too-many-messages = 消息太多，前面的正在处理，最后 { $count } 条未被处理。请等待回复后，再重新发送仍需办理的内容。
bot-case-search-title = 企业名称或问题描述含“{ $words }”的事项（{ $count }）：
bot-case-search-none = 没有找到企业名称或问题描述含“{ $words }”的事项。查看某一事项请写编号，如 /case ZZ-2026-0042 或 /case 42。
