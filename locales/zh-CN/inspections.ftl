# 督查：集中检查、明查暗访、跟踪督查，发现的问题，整改事项（整改台账）。

## 命令
bot-cmd-inspect = 记录督查（集中检查 / 明查暗访 / 跟踪督查）
bot-cmd-inspections = 督查整改：未销号的整改事项（按单位）
menus-help-inspect = /inspect 记录一次督查：类型、日期、督查对象、发现的问题，问题可转为整改事项
menus-help-inspections = /inspections 查看未销号的整改事项（按责任单位）；/inspections report 本期督查报告（如 /inspections report last-month）

## 类型与状态
inspections-kind-centralized = 集中检查
inspections-kind-unannounced = 明查暗访
inspections-kind-follow_up = 跟踪督查
inspections-team = 督查组
inspections-status-dispatched = 待签收
inspections-status-accepted = 已签收
inspections-status-in_progress = 整改中
inspections-status-resolved = 待督查确认
inspections-status-closed = 已销号

## 记录督查
inspections-not-allowed = 只有活动办和县领导可以记录督查、交办整改事项。
inspections-ask-kind = 记录督查：请选择督查类型。
inspections-ask-follows = 跟踪督查：请选择要跟踪的前次督查。
inspections-nothing-to-follow = 还没有记录过督查，无法跟踪督查。请选择其他类型，或发送 /cancel 取消。
inspections-ask-date = 督查日期？请选择，或输入日期（如 2026-11-27、昨天）。
inspections-bad-date = 没看懂这个日期，或日期在今天之后。请输入督查当天的日期，如 2026-11-27 或“昨天”。
inspections-ask-targets = 督查对象：每行一个（部门、乡镇、干部姓名、企业名称或案件编号）。
inspections-unknown-targets = 找不到这些督查对象：{ $names }。请核对名称后重新输入全部督查对象，每行一个。
inspections-ask-findings = 发现的问题：每行一条。
inspections-too-many-lines = 一次最多 { $limit } 行，请分条精简后重新输入。
inspections-press-a-button = 请先点按上面的按钮选择，或发送 /cancel 取消。
inspections-draft = 📋 <b>{ $kind }</b> · { $date }
    督查对象：{ $targets }
    发现的问题：
inspections-draft-add = 再发一条消息可以追加问题。
inspections-findings-full = 一次督查最多记录 { $limit } 条问题，这条没有加入。请保存，或发送 /cancel 重新记录。
inspections-save = ✅ 保存
inspections-cancel = ✖️ 取消
inspections-cancelled = 已取消，本次督查未记录。
inspections-draft-gone = 这个按钮所属的督查记录已结束或已取消。
inspections-saved = 已记录督查 <b>{ $number }</b>。
inspections-not-found = 没有找到这项督查或整改事项，或您无权查看。

## 督查卡片
inspections-card-title = 🔎 <b>{ $number }</b> { $kind } · { $date } · 督查：{ $inspector }
inspections-card-targets = 督查对象：{ $targets }
inspections-card-finding = { $seq }. { $finding }
inspections-card-finding-rect = { $seq }. { $finding } → 整改 { $number }（{ $status }）
inspections-follow-title = 跟踪前次督查 { $number }：{ $fixed }/{ $total } 条问题已整改到位
inspections-follow-fixed = ✅ { $seq }. { $finding }
inspections-follow-open = ⏳ { $seq }. { $finding }（整改中）
inspections-follow-none = ❌ { $seq }. { $finding }（未交办整改）
inspections-notice-inspected = 🔎 督查通报：你单位是以下督查的对象，请对照问题抓好整改。
inspections-op-rectify = 📌 第 { $seq } 条转为整改

## 整改事项
inspections-ask-unit = 第 { $seq } 条“{ $finding }”由哪个单位整改？
inspections-ask-due = 整改期限？
inspections-due-choice = { $days } 个工作日（{ $date }）
inspections-already-rect = 这条问题已交办为整改事项 { $number }。
inspections-already-rect-any = 这条问题已交办为整改事项。
inspections-rect-made = 已交办整改事项 <b>{ $number }</b>：{ $department }，{ $deadline } 前整改到位。
inspections-rect-card = 📌 <b>{ $number }</b> { $department } · { $status } · 期限 { $deadline }
    问题：{ $finding }
    来自督查 { $inspection }（{ $kind }，督查：{ $inspector }）
inspections-rect-answer = 整改情况：{ $answer }
inspections-op-show = 查看
inspections-op-accept = ✍️ 签收
inspections-op-progress = 📝 整改进展
inspections-op-resolve = 🏁 整改完成
inspections-op-confirm = ✅ 确认整改到位
inspections-op-reopen = ↩️ 未整改到位
inspections-not-yours = 这一步不由您办理：整改由责任单位签收和办理，销号由督查人确认。
inspections-ask-progress = 请输入 { $number } 的整改进展。
inspections-ask-resolve = 请输入 { $number } 的整改情况（做了什么、效果如何）。
inspections-ask-reopen = 请说明 { $number } 哪些方面未整改到位。
inspections-notice-new = 📌 新的督查整改事项 { $number }，请签收并按期整改到位。
inspections-notice-accepted = ✍️ 整改事项 { $number } 已签收。
inspections-notice-progress = 📝 整改事项 { $number } 有新的整改进展。
inspections-notice-resolved = 🏁 整改事项 { $number } 报告整改完成，请确认是否整改到位。
inspections-notice-closed = ✅ 整改事项 { $number } 经督查确认整改到位，已销号。
inspections-notice-reopened = ↩️ 整改事项 { $number } 经督查确认未整改到位，请继续整改。
inspections-done-accepted = 已签收 { $number }。
inspections-done-progress = 已记录 { $number } 的整改进展。
inspections-done-resolved = 已报告 { $number } 整改完成，等待督查确认。
inspections-done-closed = 已确认 { $number } 整改到位，已销号。
inspections-done-reopened = 已退回 { $number } 继续整改。

## /inspections
inspections-none-open = 目前没有未销号的整改事项。
inspections-open-title = 📌 未销号的整改事项：{ $count } 项
inspections-open-unit = <b>{ $department }</b>：{ $count } 项
inspections-usage = 用法：/inspections 查看未销号的整改事项；/inspections report [期间] 督查报告，期间如 本月、上月 或 2026-11-01 至 2026-11-30。
inspections-report-not-allowed = 督查报告只提供给活动办和县领导。

## 督查报告
inspections-report-title = 🔎 <b>督查报告</b> { $from } 至 { $to }：督查 { $inspections } 次（集中检查 { $centralized }，明查暗访 { $unannounced }，跟踪督查 { $follow }），发现问题 { $findings } 条
inspections-report-items = 整改事项 { $total } 项：已销号 { $closed }，未销号 { $open }，其中逾期 { $overdue }
inspections-report-unit = · { $department }：{ $total } 项，已销号 { $closed }，未销号 { $open }，逾期 { $overdue }
inspections-report-inspection = · { $number } { $date } { $kind }（督查：{ $inspector }）

## 督查整改台账
inspections-sheet = 督查整改台账
inspections-col-number = 整改编号
inspections-col-inspection = 督查编号
inspections-col-kind = 督查类型
inspections-col-date = 督查日期
inspections-col-inspector = 督查人
inspections-col-finding = 发现的问题
inspections-col-department = 责任单位
inspections-col-deadline = 整改期限
inspections-col-status = 状态
inspections-col-overdue = 逾期
inspections-col-answer = 整改情况
inspections-col-closed = 销号时间

## 每日整改提醒
inspections-digest-title = 📌 <b>督查整改提醒</b>：{ $count } 项
inspections-digest-line = { $standing } { $number } { $department } · 期限 { $deadline } · { $finding }
inspections-digest-red = 🔴 红牌
inspections-digest-yellow = 🟡 黄牌
inspections-digest-overdue = ⏰ 已逾期
inspections-digest-today = ⏰ 今天到期
inspections-digest-before = 🔵 还剩 { $days } 个工作日
inspections-digest-sign-for = ✍️ 超时未签收
inspections-digest-hint = 发送 /inspections 查看并办理。

## 命令行
cli-inspections-written = 督查整改台账已保存到 { $path }

## 汇总
inspections-summary-line = 督查整改：未销号 { $open } 项（逾期 { $overdue }），本期新交办 { $new }、销号 { $closed }
