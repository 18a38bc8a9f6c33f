# reports messages: summaries, drill-down, charts, the assessment table (考核) and the ledger (台账).

report-title = <b>📊 助企工作汇总</b>
report-scope-county = 全县
report-scope-department = 部门：{ $name }
report-scope-cadre = 助企干部：{ $name }
report-scope-line = 范围：{ $scope }
report-period-this_week = 本周
report-period-last_week = 上周
report-period-this_month = 本月
report-period-last_month = 上月
report-period-this_quarter = 本季度
report-period-last_quarter = 上季度
report-period-this_year = 今年
report-period-last_year = 去年
report-period-month = { $month }月
report-period-range = 自选时段
report-period-line = { $period }：{ $from } 至 { $to }
report-filter-line = 筛选：{ $filters }
report-filter-category = 类别 { $name }
report-filter-department = 部门 { $name }
report-filter-township = 乡镇 { $name }
report-filter-cadre = 干部 { $name }
report-flow-heading = <b>本期办理</b>
report-flow-line = 新增 { $new } · 交办 { $dispatched } · 签收 { $signed } · 办理完毕 { $resolved } · 办结 { $closed }
report-flow-line-2 = 退回 { $returned } · 不满意重新办理 { $reopened }
report-rates = 按期办理率 { $on_time } · 满意率 { $satisfaction }
report-medians = 签收用时中位数 { $sign } · 办理用时中位数 { $resolve }
report-days = { $days } 天
report-none = —
report-stock-heading = <b>截至 { $today }</b>
report-stock-line = 待交办 { $awaiting_dispatch } · 待签收 { $awaiting_sign_for } · 办理中 { $in_progress } · 待确认 { $awaiting_confirmation } · 超期 <b>{ $overdue }</b>
report-by-category = <b>按类别</b>
report-by-department = <b>按部门</b>
report-by-township = <b>按乡镇</b>
report-group-line = { $name }：新增 { $new } · 办结 { $closed } · 在办 { $open } · 超期 { $overdue }
report-no-department = 尚未交办
report-no-cadre = 未配备干部
report-unknown = 未知
report-more = ……另有 { $count } 项
report-overdue-heading = <b>超期最久</b>
report-overdue-line = { $number } { $enterprise } · { $department } · 时限 { $deadline } · 已超期 { $days } 个工作日{ $supervised ->
    [yes] {" "}· 已督办
   *[no] {""}
}
report-quiet = 本期没有事项，也没有在办事项。
report-drill-cases = 📋 事项清单
report-drill-up = ⬆ 返回上一级
report-cases-heading = <b>事项清单</b>（共 { $total } 件，在办及本期新增）
report-case-line = { $number } { $enterprise } · { $status }{ $overdue ->
    [yes] {" "}· <b>超期</b>
   *[no] {""}
}
report-cases-none = 没有符合条件的事项。

chart-title-categories = 本期新增事项：按类别和现状
chart-title-trend = 近 { $weeks } 周新增与办结
chart-axis-cases = 件数
chart-axis-week = 每周起始日
chart-legend-new = 新增
chart-legend-closed = 办结
chart-status-awaiting_dispatch = 待交办
chart-status-awaiting_sign_for = 待签收
chart-status-in_progress = 办理中
chart-status-awaiting_confirmation = 待确认
chart-status-closed = 已办结
chart-font-missing = 图表需要中文字体，但没有找到。请安装 fonts-wqy-microhei（apt-get install fonts-wqy-microhei），或用环境变量 ZHUQI_CHART_FONT 指定字体文件。
chart-failed = 图表生成失败，汇总数字不受影响。

assess-title = <b>🏅 考核（{ $from } 至 { $to }）</b>
assess-departments = <b>部门</b>
assess-cadres = <b>助企干部</b>
assess-line = { $rank } { $name }：<b>{ $score }</b>（签收率 { $response } · 按期率 { $on_time } · 满意率 { $satisfaction } · 超期 { $overdue } · 退回 { $returned }）
assess-line-cadre = { $rank } { $name }：<b>{ $score }</b>（签收率 { $response } · 按期率 { $on_time } · 满意率 { $satisfaction } · 走访覆盖 { $visit_rate } · 走访 { $visits } 次 · 超期 { $overdue }）
assess-rank = { $rank }.
assess-no-rank = —
assess-score = { $score } 分
assess-no-score = 无数据
assess-empty = 暂无考核对象。
assess-formula = 得分 = 各项比率按权重加权（签收 { $w_response }、按期 { $w_on_time }、满意 { $w_satisfaction }、走访 { $w_visits }）折算为百分制 − 超期每件 { $p_overdue } 分 − 退回每次 { $p_return } 分，扣完为止（最低 0 分）

export-sheet-ledger = 台账
export-sheet-assessment = 考核
export-sheet-visits = 走访
export-col-number = 编号
export-col-enterprise = 企业
export-col-township = 乡镇
export-col-category = 类别
export-col-difficulty = 难度
export-col-description = 问题描述
export-col-reported = 提出时间
export-col-department = 责任部门
export-col-assignee = 责任人
export-col-deadline = 办理时限
export-col-status = 状态
export-col-progress = 最新进展
export-col-closed = 办结时间
export-col-satisfaction = 满意度
export-col-supervised = 督办
export-supervised-yes = 已督办
export-overdue-suffix = （超期）
export-col-subject-kind = 类型
export-col-name = 名称
export-col-rank = 名次
export-col-score = 得分
export-col-dispatched = 交办
export-col-signed-in-time = 按时签收
export-col-response-rate = 签收率
export-col-resolved = 办理完毕
export-col-on-time = 按期办理
export-col-on-time-rate = 按期率
export-col-confirmed = 确认
export-col-satisfied = 满意
export-col-satisfaction-rate = 满意率
export-col-overdue = 超期
export-col-returned = 退回
export-col-visits = 走访次数
export-col-visit-rate = 走访覆盖率
export-col-visit-date = 走访日期
export-col-cadre = 助企干部
export-col-no-problems = 零报告
export-col-note = 情况
export-subject-department = 部门
export-subject-cadre = 助企干部
export-yes = 是
export-no = 否
export-done = 已导出台账 { $rows } 件到 { $path }
export-progress = 导出台账

cli-period-invalid = 无法识别时段“{ $input }”。请用 本周、上周、本月、上月、本季度、上季度、今年、去年（或 this-week、last-month 等），某月（11月、2026年11月、2026-11），或日期范围 2026-11-01..2026-11-30（也可写成 2026-11-01至2026-11-30）。
cli-unknown-category = 没有类别“{ $input }”。可用的类别：{ $known }。
cli-unknown-department = 没有编码为“{ $input }”的部门。
cli-unknown-township = 没有编码为“{ $input }”的乡镇。
cli-unknown-cadre = 没有编码为“{ $input }”的助企干部。
cli-chart-written = 图表已保存到 { $path }
