# reports messages: summaries, drill-down, charts, the assessment table (考核) and the ledger (台账).

report-title = <b>📊 Help-enterprises summary</b>
report-scope-county = the county
report-scope-department = department: { $name }
report-scope-cadre = cadre: { $name }
report-scope-line = Scope: { $scope }
report-period-this_week = This week
report-period-last_week = Last week
report-period-this_month = This month
report-period-last_month = Last month
report-period-this_quarter = This quarter
report-period-last_quarter = Last quarter
report-period-this_year = This year
report-period-last_year = Last year
report-period-month = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
}
report-period-range = Date range
report-period-line = { $period }: { $from } to { $to }
report-filter-line = Filter: { $filters }
report-filter-category = category { $name }
report-filter-department = department { $name }
report-filter-township = township { $name }
report-filter-cadre = cadre { $name }
report-flow-heading = <b>In the period</b>
report-flow-line = New { $new } · dispatched { $dispatched } · signed for { $signed } · resolved { $resolved } · closed { $closed }
report-flow-line-2 = Returned { $returned } · reopened (unsatisfied) { $reopened }
report-rates = On-time rate { $on_time } · satisfaction { $satisfaction }
report-medians = Median time to sign for { $sign } · to resolve { $resolve }
report-days = { $days } days
report-none = —
report-stock-heading = <b>As of { $today }</b>
report-stock-line = Awaiting dispatch { $awaiting_dispatch } · awaiting sign-for { $awaiting_sign_for } · in progress { $in_progress } · awaiting confirmation { $awaiting_confirmation } · overdue <b>{ $overdue }</b>
report-by-category = <b>By category</b>
report-by-department = <b>By department</b>
report-by-township = <b>By township</b>
report-group-line = { $name }: new { $new } · closed { $closed } · open { $open } · overdue { $overdue }
report-no-department = Not dispatched yet
report-no-cadre = No cadre paired
report-unknown = Unknown
report-more = …and { $count } more
report-overdue-heading = <b>Longest overdue</b>
report-overdue-line = { $number } { $enterprise } · { $department } · due { $deadline } · { $days } working days overdue{ $supervised ->
    [yes] {" "}· supervised
   *[no] {""}
}
report-quiet = Nothing happened in the period and nothing is open.
report-drill-cases = 📋 List of cases
report-drill-up = ⬆ Up one level
report-cases-heading = <b>Cases</b> ({ $total } in all, open or new in the period)
report-case-line = { $number } { $enterprise } · { $status }{ $overdue ->
    [yes] {" "}· <b>overdue</b>
   *[no] {""}
}
report-cases-none = No case matches.

chart-title-categories = New cases in the period, by category and where they stand
chart-title-trend = New and closed cases, last { $weeks } weeks
chart-axis-cases = Cases
chart-axis-week = Week starting
chart-legend-new = New
chart-legend-closed = Closed
chart-status-awaiting_dispatch = Awaiting dispatch
chart-status-awaiting_sign_for = Awaiting sign-for
chart-status-in_progress = In progress
chart-status-awaiting_confirmation = Awaiting confirmation
chart-status-closed = Closed
chart-font-missing = Charts need a font with Chinese characters and none was found. Install fonts-wqy-microhei (apt-get install fonts-wqy-microhei), or set ZHUQI_CHART_FONT to a font file.
chart-failed = The chart could not be drawn; the figures are not affected.

assess-title = <b>🏅 Assessment ({ $from } to { $to })</b>
assess-departments = <b>Departments</b>
assess-cadres = <b>Helping cadres</b>
assess-line = { $rank } { $name }: <b>{ $score }</b> (signed for { $response } · on time { $on_time } · satisfied { $satisfaction } · overdue { $overdue } · returned { $returned })
assess-line-cadre = { $rank } { $name }: <b>{ $score }</b> (signed for { $response } · on time { $on_time } · satisfied { $satisfaction } · visit coverage { $visit_rate } · { $visits } visits · overdue { $overdue })
assess-rank = { $rank }.
assess-no-rank = —
assess-score = { $score } points
assess-no-score = no data
assess-empty = Nobody to assess yet.
assess-formula = Score = the rates weighted (sign-for { $w_response }, on time { $w_on_time }, satisfaction { $w_satisfaction }, visits { $w_visits }) on a scale of 100, minus { $p_overdue } per overdue case and { $p_return } per return, never below 0

export-sheet-ledger = Ledger
export-sheet-assessment = Assessment
export-sheet-visits = Visits
export-col-number = Number
export-col-enterprise = Enterprise
export-col-township = Township
export-col-category = Category
export-col-difficulty = Difficulty
export-col-description = Problem
export-col-reported = Reported at
export-col-department = Department
export-col-assignee = Responsible person
export-col-deadline = Deadline
export-col-status = Status
export-col-progress = Latest progress
export-col-closed = Closed at
export-col-satisfaction = Satisfaction
export-col-supervised = Supervision
export-supervised-yes = Supervised
export-overdue-suffix = (overdue)
export-col-subject-kind = Kind
export-col-name = Name
export-col-rank = Rank
export-col-score = Score
export-col-dispatched = Dispatched
export-col-signed-in-time = Signed for in time
export-col-response-rate = Sign-for rate
export-col-resolved = Resolved
export-col-on-time = Resolved on time
export-col-on-time-rate = On-time rate
export-col-confirmed = Confirmed
export-col-satisfied = Satisfied
export-col-satisfaction-rate = Satisfaction rate
export-col-overdue = Overdue
export-col-returned = Returned
export-col-visits = Visits
export-col-visit-rate = Visit coverage
export-col-visit-date = Visited on
export-col-cadre = Cadre
export-col-no-problems = Zero report
export-col-note = Notes
export-subject-department = Department
export-subject-cadre = Cadre
export-yes = Yes
export-no = No
export-done = Exported { $rows } cases to { $path }
export-progress = Exporting the ledger

cli-period-invalid = “{ $input }” is not a period. Use this-week, last-week, this-month, last-month, this-quarter, last-quarter, this-year, last-year (or 本周, 上月, 今年, …), a month (2026-11) or a range, 2026-11-01..2026-11-30.
cli-unknown-category = There is no category “{ $input }”. The categories: { $known }.
cli-unknown-department = There is no department with code “{ $input }”.
cli-unknown-township = There is no township with code “{ $input }”.
cli-unknown-cadre = There is no cadre with code “{ $input }”.
cli-chart-written = Chart written to { $path }
