# 问责：问责规则提出的措施建议、领导决定；不断线：长期无走访的助企干部；总结推广：典型案例。

## 命令
bot-cmd-measures = 问责措施建议（领导）
bot-cmd-cases_of_note = 典型案例
menus-help-measures = /measures 待决定的问责措施建议：逐条确认、改为其他措施或不予采纳（须说明理由）
menus-help-cases_of_note = /cases_of_note 典型案例（总结推广）；领导可用 /cases_of_note 编号 经验做法 将已办结问题或重点项目（项目单位编码）评为典型案例

## 措施与规则
acc-measure-reminder-talk = 提醒谈话
acc-measure-interview = 约谈
acc-measure-circular = 通报
acc-measure-accountability = 问责建议
acc-rule-red-card = 红牌超期
acc-rule-score = 考核排名
acc-rule-silence = 长期无走访
acc-rule-returns = 多次退回
acc-state-proposed = 待决定
acc-state-confirmed = 已确认
acc-state-dismissed = 不予采纳

## 依据
acc-evidence-red-card = { $number }（{ $enterprise }）期限 { $deadline }，已超期 { $days } 个工作日，红牌未办结
acc-evidence-score = { $department } 连续 { $months } 个月考核得分低于 { $below } 分或排名末位（得分：{ $scores }）
acc-evidence-silence = { $cadre } 自 { $since } 起已 { $days } 天无走访、零报告或上报问题
acc-evidence-returns = { $department } 近 { $days } 天退回问题 { $count } 件

## 措施的显示
acc-nobody = （未指定）
acc-subject-in = { $person }（{ $department }）
acc-line = #{ $id } <b>{ $measure }</b> · { $subject }：{ $evidence }
acc-status-proposed = 待领导决定
acc-status-confirmed = 已由 { $by } 于 { $at } 确认
acc-status-dismissed = 已由 { $by } 于 { $at } 决定不予采纳，理由：{ $reason }
acc-card =
    ⚖️ <b>问责措施建议</b>
    { $line }
    提出时间：{ $proposed }
    { $status }
acc-assess-title = ⚖️ <b>问责记录</b>（本期确认 { $count } 项）：

## 每日提醒：领导
acc-proposed-head = ⚖️ <b>{ $count } 项问责措施建议待决定</b>（确认后才告知本人及其单位主要负责人）：
acc-open-button = 处理 #{ $id } { $subject }
acc-more = 另有 { $count } 项，请用 /measures 查看。

## 不断线
acc-silence-head = 🔕 <b>{ $count } 名助企干部已连续 { $days } 天以上无走访、零报告或上报问题</b>，请督促：
acc-silence-line = • { $cadre }：自 { $since } 起 { $days } 天

## 领导决定
acc-leaders-only = 只有领导可以决定问责措施。
acc-none-pending = 目前没有待决定的问责措施建议。
acc-pending-head = ⚖️ 待决定的问责措施建议 { $count } 项：
acc-not-found = 找不到这项问责措施建议。
acc-confirm-button = ✅ 确认：{ $measure }
acc-change-button = 改为：{ $measure }
acc-dismiss-button = ✖️ 不予采纳
acc-dismiss-ask = 请输入不予采纳 #{ $id } 的理由：
acc-dismissed = 已不予采纳 #{ $id }，理由已记录，不通知本人。
acc-confirmed = 已确认 #{ $id } { $measure }，已告知：{ $told }。
acc-decided-already = #{ $id } 已经决定过了：{ $status }
acc-confirmed-notice =
    ⚖️ <b>问责措施通知</b>
    { $line }
    经 { $by } 确认。

## 典型案例
acc-typical-button = 🌟 评为典型案例
acc-typical-title = 🌟 <b>典型案例</b>
acc-typical-none = 还没有典型案例。
acc-typical-line = • { $what } · { $enterprise }（{ $township }）：{ $note }（{ $by } { $date }）
acc-typical-line-unit = • { $what }（{ $township }）：{ $note }（{ $by } { $date }）
acc-typical-project = 重点项目：{ $project }
acc-typical-usage = 评选典型案例：/cases_of_note 问题编号或项目单位编码 经验做法，例如 /cases_of_note 42 三部门联合现场办公，一周办结
acc-typical-leaders-only = 只有领导可以评选典型案例。
acc-typical-unknown = 找不到“{ $what }”：请输入问题编号或项目单位编码。
acc-typical-ask = 请用一两句话写下 { $number } 的经验做法：
acc-typical-not-closed = { $number } 尚未办结，办结后才能评为典型案例。
acc-typical-marked = 已将 { $what } 评为典型案例。
acc-typical-already = { $what } 已经是典型案例了。

## 月度汇总
acc-monthly-title =
    📊 <b>全县助企工作月报（{ $year } 年 { $month } 月）</b>
    { $summary }
acc-monthly-no-typical = 本月没有新评选的典型案例。

## 导出：问责记录
acc-sheet = 问责记录
acc-col-id = 编号
acc-col-rule = 规则
acc-col-person = 对象
acc-col-department = 单位
acc-col-case = 问题编号
acc-col-measure = 措施
acc-col-evidence = 依据
acc-col-status = 状态
acc-col-proposed = 提出时间
acc-col-decided = 决定
acc-col-reason = 不予采纳理由
