# 定时提醒、三色督办、周报和送达失败通知。

colour-blue = 蓝色
colour-yellow = 黄色
colour-red = 红色

sched-undispatched = 未交办
sched-no-deadline = 未定期限
sched-none = 无
sched-more = …… 另有 { $count } 件

sched-case =
    事项 <b>{ $number }</b> · { $enterprise }
    承办部门：{ $department }
    办理期限：{ $deadline }（{ $left }）

sched-sign-for =
    ⏰ <b>签收提醒</b>
    { $case }
    该事项交办已满 { $days } 个工作日，尚未签收。请尽快签收；如不属于本部门职责，请说明理由退回。
sched-sign-for-head =
    📣 <b>签收督促</b>
    本部门以下事项交办已满 { $days } 个工作日仍未签收，请督促承办人签收：
    { $case }
sched-deadline-before =
    ⏳ <b>办理期限提醒</b>
    { $case }
    请按期办结，并及时报告办理进展。
sched-deadline-today =
    ⏳ <b>今天到期</b>
    { $case }
    请今天内办结，或报告进展和预计办结时间。
sched-deadline-overdue =
    ❗ <b>事项已超期</b>
    { $case }
    请抓紧办理，并报告进展和预计办结时间。
sched-escalation-yellow =
    🟨 <b>{ $colour }预警</b>：本部门事项已超期，请督促办理。
    { $case }
sched-escalation-red =
    🟥 <b>{ $colour }督办</b>：事项超期已超过 { $days } 个工作日。
    { $case }
sched-milestone =
    🗺 <b>路线图节点提醒</b>
    事项 <b>{ $number }</b> · { $enterprise }
    { $steps }
sched-milestone-step = · { $title }：{ $due }（{ $left }）
sched-confirm =
    ✅ <b>请与企业确认办理结果</b>
    { $case }
    承办部门已于 { $resolved } 办理完毕，已满 { $days } 个工作日尚未确认。请向企业核实，并记录满意度。
sched-visit =
    🚶 <b>走访提醒</b>
    以下企业已超过 { $days } 天未走访：
    { $list }
    请保持经常联系，走访后及时记录（没有问题也请零报告）。
sched-visit-line = · { $enterprise }：{ $last }
sched-visit-never = 尚未走访
sched-visit-last = 上次走访 { $date }

sched-digest-department =
    📋 <b>{ $department }超期事项</b>（{ $count } 件）
    { $list }
sched-digest-county =
    🟥 <b>红色督办事项</b>（{ $count } 件）
    { $list }
sched-case-line = · <b>{ $number }</b> { $enterprise } · { $department } · { $left }
sched-case-line-colour = · <b>{ $number }</b> { $enterprise } · { $department } · { $left } · { $colour }

sched-digest =
    📋 <b>提醒汇总</b>（{ $count } 项，按紧急程度排列）
    { $counts }
    { $list }
sched-digest-count = · { $kind }：{ $count } 项
sched-digest-browse = 🚨 查看全部督办事项
sched-digest-line = · { $kind } <b>{ $number }</b> { $enterprise } · { $department } · { $left }
sched-digest-kind-escalation_red = 红色督办
sched-digest-kind-sign_for_escalation = 逾期未签收
sched-digest-kind-escalation_yellow = 黄色预警
sched-digest-kind-deadline_overdue = 已超期
sched-digest-kind-sign_for_reminder = 待签收
sched-digest-kind-deadline_today = 今日到期
sched-digest-kind-confirm_reminder = 待回访确认
sched-digest-kind-milestone_reminder = 路线图节点
sched-digest-kind-deadline_reminder = 即将到期

sched-weekly-cadre =
    📊 <b>上周助企情况</b>（{ $from } 至 { $to }）
    联系企业 { $enterprises } 家。
    { $figures }
    { $list }
sched-weekly-department =
    📊 <b>{ $department }上周办理情况</b>（{ $from } 至 { $to }）
    { $figures }
    本周到期 { $due_week } 件。
    { $list }
sched-weekly-county =
    📊 <b>全县助企工作周报</b>
    { $summary }
sched-weekly-figures =
    新增 { $new } 件，办理完毕 { $resolved } 件，办结 { $closed } 件；按期办理率 { $on_time }，满意率 { $satisfaction }。
    截至 { $today }：未办结 { $open } 件，其中待签收 { $unsigned } 件，超期 { $overdue } 件。
sched-weekly-open-cases = 未办结事项：
sched-weekly-overdue-cases = 超期事项：
sched-weekly-due-cases = 本周到期事项：
sched-weekly-unsigned-cases = 待签收事项：

sched-unreachable-person =
    ⚠️ <b>通知无法送达</b>
    { $name }（{ $department }）收不到机器人的消息：{ $reason }
    请电话联系（{ $phone }），请其重新打开与机器人的对话。在此之前，发给他的提醒不会再重发。
sched-unreachable-group =
    ⚠️ <b>工作群无法送达</b>
    { $department }的工作群“{ $title }”收不到机器人的消息：{ $reason }
    请检查机器人是否仍在群内，必要时重新绑定工作群。
sched-no-phone = 未登记电话
sched-no-department = 未分配部门
