# 审批事项（权力运行图）：目录、查询、关联事项、环节督办、导入。

## 命令
bot-cmd-items = 审批事项查询（一次性告知）
menus-help-items = /items 关键词 查询审批事项：所需材料、办理时限、办理环节和责任人（一次性告知）

## 查询
items-kind-administrative = 行政审批
items-kind-social = 社会审批
items-line = { $n }. { $name }（{ $code }）· { $place } · 承诺 { $promised } 个工作日（法定 { $statutory }）
items-title = 审批事项“{ $words }”：共 { $total } 项（第 { $page }/{ $pages } 页）
items-title-all = 审批事项目录：共 { $total } 项（第 { $page }/{ $pages } 页）。发送 /items 关键词 可查找。
items-not-found = 没有找到与“{ $words }”相关的审批事项。请换个关键词，例如事项名称、编码或部门。
items-catalogue-empty = 审批事项目录还是空的（由管理员用 zhuqi import approval-items 导入）。
items-previous = ◀ 上一页
items-next = 下一页 ▶
items-gone = 该审批事项已不在目录中。
items-none-given = 未填写
items-detail-title = 📋 <b>{ $name }</b>（{ $code }）· { $kind } · { $place }
items-detail-basis = 设定依据：{ $basis }
items-detail-materials = 申请材料：{ $materials }
items-detail-limits = 时限：承诺 { $promised } 个工作日（法定 { $statutory } 个工作日）
items-detail-steps = 办理环节：
items-detail-step = { $n }. { $step } · { $days } 个工作日 · { $who }
items-step-nobody = 未指定责任人

## 关联事项
items-op-link = 📋 审批事项
items-link-menu = 为 { $number } 选择审批事项（按问题描述推荐的在前）：
items-link-menu-none = 没有按 { $number } 的问题描述和责任部门找到可推荐的审批事项，请点“🔎 输入关键词查找”按名称、编码或部门查找：
items-link-current = 当前关联：{ $name }（{ $code }）。另选一项将以新事项的环节替换未完成的环节。
items-link-search = 🔎 输入关键词查找
items-link-ask-words = 请输入要为 { $number } 查找的审批事项关键词（名称、编码或部门；发送 /cancel 放弃）。
items-link-none = 没有找到与“{ $words }”相关的审批事项，请换个关键词（发送 /cancel 放弃）。
items-link-found = 为 { $number } 找到 { $total } 项审批事项（列出 { $shown } 项），请选择：
items-linked = { $number } 已关联审批事项“{ $name }”：{ $steps } 个办理环节已列入路线图，最后一个环节 { $last } 到期。
items-notify-linked = 📋 { $actor } 将 { $number } 关联到审批事项“{ $name }”：{ $steps } 个办理环节已列入路线图，最后一个环节 { $last } 到期。
items-link-same = 该事项已关联此审批事项。
items-card-line = 📋 审批事项：{ $name }（{ $code }）· 承诺 { $promised } 个工作日
items-proposal = 📋 建议关联审批事项：{ $name }
event-item_linked = 关联审批事项

## 环节督办
items-sched-step-yellow =
    🟡 <b>路线图环节超期（黄牌）</b>
    事项 <b>{ $number }</b> · { $enterprise }
    { $steps }
items-sched-step-red =
    🔴 <b>路线图环节严重超期（红牌）</b>
    事项 <b>{ $number }</b> · { $enterprise }
    { $steps }

## 导入
import-kind-approval-items = 审批事项
items-import-done = 审批事项导入完成：共 { $rows } 行（{ $items } 项事项），新增 { $inserted } 项，更新 { $updated } 项，未变 { $unchanged } 项。
items-error-bad-days = “{ $column }”应为 1 到 500 之间的工作日数，而不是“{ $value }”
items-error-promised-over-statutory = 承诺时限 { $promised } 个工作日超过了法定时限 { $statutory } 个工作日
items-error-steps-over-promised = 各环节时限合计 { $total } 个工作日，超过了承诺时限 { $promised } 个工作日
items-error-item-differs = “{ $column }”与该事项第 { $first } 行所填不同（同一事项各行须一致，或留空）

## 考核与台账
items-assess-items = <b>审批事项环节按期率</b>
items-assess-sections = <b>科室环节按期率</b>
items-assess-line = { $name }（{ $department }）：{ $on_time }/{ $counted } 按期，{ $rate }
items-assess-none = 本期没有到期或办结的审批环节。
export-sheet-approval-steps = 审批环节
export-sheet-approval-rates = 审批按期率
export-col-item = 审批事项
export-col-item-code = 事项编码
export-col-step = 环节
export-col-section = 科室
export-col-step-person = 责任人
export-col-step-due = 到期日
export-col-step-done = 完成日期
export-col-step-state = 环节状态
export-col-steps-counted = 应办环节
export-col-steps-on-time = 按期环节
export-col-kind = 类别
items-step-state-on-time = 按期完成
items-step-state-late = 逾期完成
items-step-state-overdue = 超期未办
items-step-state-pending = 办理中
items-rate-item = 审批事项
items-rate-section = 科室
