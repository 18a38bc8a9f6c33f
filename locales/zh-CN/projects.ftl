# 重点项目：项目台账、月报、催报、滞后预警、/projects 看板。

## 阶段
project-stage-none = 未签约
project-stage-signed = 签约
project-stage-approved = 立项
project-stage-started = 开工
project-stage-building = 在建
project-stage-finished = 竣工
project-stage-producing = 投产

## 命令
bot-cmd-projects = 重点项目
menus-help-projects = /projects 重点项目：领导和活动办看项目看板（按阶段、滞后项目、投资完成率、图表、催报名单）；助企干部看自己包联的项目并报送月度进展

## 助企干部：我的项目和月报
project-none-mine = 您包联的单位中没有重点项目。
project-mine-title = 🏗 您包联的重点项目：
project-mine-line = • { $project }：{ $stage }{ $next }
project-mine-line-behind = • ⚠️ { $project }：{ $stage }{ $next }（已滞后）
project-next-due = ，下一阶段“{ $stage }”计划 { $date }
project-report-button = 📝 报送进展：{ $project }
project-not-yours = 这个项目不在您的包联范围内。
project-report-stage = { $project }（{ $township }）现处于“{ $stage }”阶段{ $next }。本月达到哪个阶段？
project-stage-keep = { $stage }（不变）
project-report-invested = 本月完成投资多少万元？请输入数字，如 350；没有请输入 0。
project-report-invested-bad = “{ $value }”不是金额。请输入本月完成投资的万元数，如 350 或 0。
project-report-problems = 有哪些问题制约项目推进？每行写一个（最多 { $max } 个）；没有问题请点“无问题”。
project-report-no-problems = 无问题
project-report-too-many = 一次最多报送 { $max } 个问题，请合并后重新输入。
project-report-filed = 已记录 { $project } { $month } 月进展：阶段“{ $stage }”，本月完成投资 { $invested } 万元（累计 { $total } 万元；本年 { $year } / { $plan } 万元，完成率 { $rate }）。
project-report-replaced = 本月之前的报送已被这次替换，投资只计一次。
project-report-no-problems-noted = 本月无制约问题。
project-report-raise-hint = 制约问题（可点按钮作为问题上报，由活动办交办到部门）：
project-report-problem-line = { $n }. { $problem }
project-report-raise = ⚠️ 上报问题 { $n }
project-problem-gone = 这个问题已不在报送中。
project-problem-description = 【重点项目：{ $project }】{ $problem }

## 看板
project-completion = { $done } / { $plan } 万元 = { $rate }
project-no-department = 未定责任部门
project-no-cadre = 未配助企干部
project-board-title = 🏗 <b>重点项目</b>（{ $date }）：共 { $total } 个，滞后 { $behind } 个（🔴 { $red } · 🟡 { $yellow }）
project-board-empty = 台账中还没有重点项目。用 zhuqi import projects 导入项目台账。
project-board-stage = { $stage } { $total }（滞后 { $behind }）
project-board-stages = 按阶段：{ $list }
project-board-county = 本年投资完成率（完成投资 ÷ 年度计划）：全县 { $completion }；累计完成 { $invested } / 总投资 { $investment } 万元
project-board-by-township = <b>按乡镇</b>：
project-board-by-department = <b>按责任部门</b>：
project-board-group = • { $name }：{ $completion }（{ $projects } 个项目，滞后 { $behind }）
project-board-behind = <b>滞后项目</b>（滞后最久的在前）：
project-board-behind-line = { $colour } { $project }（{ $township } · { $department } · { $cadre }）：计划 { $date } { $stage }，已过 { $days } 天
project-board-more = ……另有 { $count } 个
project-board-on-schedule = <b>进度正常</b>：
project-board-stage-names = • { $stage }：{ $names }{ $more ->
    [0] {""}
   *[other] 等（另 { $more } 个）
}
project-board-unreported = { $month } 月尚有 { $count } 个项目未报送进展。
project-board-unreported-button = 📮 催报名单（{ $count } 个）
project-unreported-none = { $month } 月的项目进展已全部报送。
project-unreported-title = 📮 { $month } 月未报送进展的项目（{ $count } 个，按助企干部）：
project-unreported-line = • { $cadre } { $phone }：{ $projects }
project-unreported-note = 系统每个工作日提醒仍未报送的干部。

## 图表
project-chart-stages = 重点项目：按阶段
project-chart-axis-projects = 项目数
project-chart-on-schedule = 进度正常
project-chart-yellow = 滞后（黄）
project-chart-red = 滞后（红）
project-chart-completion = 本年投资完成率：按乡镇

## 每周汇总
project-weekly = 🏗 <b>重点项目</b>：{ $total } 个，滞后 { $behind } 个（🔴 { $red }）；本年投资完成率 { $completion }；{ $month } 月未报送进展 { $unreported } 个。

## 定时提醒
sched-project-ask = 📋 请报送 { $month } 月重点项目进展（{ $count } 个项目）：本月达到的阶段、本月完成投资和制约问题。点项目开始填报。
sched-project-chase = ⏰ 催报：{ $month } 月重点项目进展尚未报送（{ $count } 个项目），报送期限 { $due } 已过。点项目开始填报。
sched-project-line = • { $project }（{ $stage }）
sched-project-yellow = 🟡 { $count } 个重点项目滞后于计划（请督促推进）：
sched-project-red = 🔴 { $count } 个重点项目严重滞后（超过 { $days } 个工作日）：
sched-project-escalated-line = • { $project }（{ $township } · { $department }）：计划 { $date } { $stage }，已过 { $days } 天

## 导入
import-kind-projects = 重点项目
import-error-unknown-unit = 没有编码为“{ $code }”的项目单位（先在企业和项目单位表中导入，类型填“项目单位”）
import-error-not-a-project-unit = “{ $code }”是企业，不是项目单位（在企业和项目单位表中把类型改为“项目单位”）
import-error-bad-amount = “{ $column }”的“{ $value }”不是金额（万元，最多两位小数，如 1200.5）
import-error-bad-date = “{ $column }”的“{ $value }”不是日期（如 2026-03-05 或 2026/3/5）
import-error-bad-stage = 阶段“{ $value }”无法识别（可填：签约、立项、开工、在建、竣工、投产，或留空表示未签约）
import-error-reached-ahead = 填了“{ $column }”，但项目尚未到达这个阶段（改阶段或清空该日期）

## 导出
export-sheet-projects = 重点项目台账
export-project-name = 项目名称
export-project-unit = 项目单位
export-project-township = 乡镇
export-project-department = 责任部门
export-project-cadre = 助企干部
export-project-stage = 当前阶段
export-project-investment = 计划总投资（万元）
export-project-invested = 累计完成投资（万元）
export-project-year-plan = 年度计划投资（万元）
export-project-year-invested = 本年完成投资（万元）
export-project-rate = 本年完成率
export-project-planned = 计划{ $stage }
export-project-reached = 实际{ $stage }
export-project-schedule = 进度
export-project-on-schedule = 正常
export-project-behind = 滞后（{ $stage } 计划 { $date }）
export-project-last-report = 最近报送月份
export-project-problems = 最近报送的问题
