# Key projects: the project ledger, monthly reports, chasing, behind-schedule escalation, the /projects board.

## Stages
project-stage-none = not signed
project-stage-signed = signed
project-stage-approved = approved
project-stage-started = started
project-stage-building = under construction
project-stage-finished = completed
project-stage-producing = producing

## Command
bot-cmd-projects = Key projects
menus-help-projects = /projects key projects: leaders and the campaign office see the board (by stage, behind schedule, investment completion, chart, who has not reported); cadres see their projects and report monthly progress

## Cadres: my projects and the monthly report
project-none-mine = None of your paired units has a key project.
project-mine-title = 🏗 Your key projects:
project-mine-line = • { $project }: { $stage }{ $next }
project-mine-line-behind = • ⚠️ { $project }: { $stage }{ $next } (behind schedule)
project-next-due = , next stage "{ $stage }" planned for { $date }
project-report-button = 📝 Report progress: { $project }
project-not-yours = This project is not one of yours.
project-report-stage = { $project } ({ $township }) is at the stage "{ $stage }"{ $next }. Which stage did it reach this month?
project-stage-keep = { $stage } (unchanged)
project-report-invested = How much was invested this month, in 10,000 yuan? Type a number such as 350; type 0 for none.
project-report-invested-bad = "{ $value }" is not an amount. Type this month's investment in 10,000 yuan, such as 350 or 0.
project-report-problems = Which problems are holding the project back? One per line (at most { $max }); press "No problems" if there are none.
project-report-no-problems = No problems
project-report-too-many = At most { $max } problems per report; please combine some and type them again.
project-report-filed = Recorded the progress of { $project } for month { $month }: stage "{ $stage }", { $invested } (10,000 yuan) invested this month (to date { $total }; this year { $year } / { $plan }, completion { $rate }).
project-report-replaced = This replaces the report filed earlier this month; the investment counts once.
project-report-no-problems-noted = No problems this month.
project-report-raise-hint = Problems (press a button to report one as a case for the campaign office to dispatch):
project-report-problem-line = { $n }. { $problem }
project-report-raise = ⚠️ Report problem { $n }
project-problem-gone = That problem is no longer in the report.
project-problem-description = [Key project: { $project }] { $problem }

## Board
project-completion = { $done } / { $plan } (10,000 yuan) = { $rate }
project-no-department = no responsible department
project-no-cadre = no cadre paired
project-board-title = 🏗 <b>Key projects</b> ({ $date }): { $total } in all, { $behind } behind schedule (🔴 { $red } · 🟡 { $yellow })
project-board-empty = The ledger holds no key projects yet. Import them with zhuqi import projects.
project-board-stage = { $stage } { $total } ({ $behind } behind)
project-board-stages = By stage: { $list }
project-board-county = This year's investment completion (invested ÷ annual plan): county { $completion }; invested to date { $invested } of { $investment } (10,000 yuan)
project-board-by-township = <b>By township</b>:
project-board-by-department = <b>By responsible department</b>:
project-board-group = • { $name }: { $completion } ({ $projects } projects, { $behind } behind)
project-board-behind = <b>Behind schedule</b> (longest first):
project-board-behind-line = { $colour } { $project } ({ $township } · { $department } · { $cadre }): "{ $stage }" planned for { $date }, { $days } days ago
project-board-more = … and { $count } more
project-board-on-schedule = <b>On schedule</b>:
project-board-stage-names = • { $stage }: { $names }{ $more ->
    [0] {""}
   *[other] and { $more } more
}
project-board-unreported = { $count } projects have not reported their progress for month { $month } yet.
project-board-unreported-button = 📮 Not reported ({ $count })
project-unreported-none = Every project has reported its progress for month { $month }.
project-unreported-title = 📮 Projects without a progress report for month { $month } ({ $count }, by cadre):
project-unreported-line = • { $cadre } { $phone }: { $projects }
project-unreported-note = The bot reminds these cadres every working day.

## Chart
project-chart-stages = Key projects by stage
project-chart-axis-projects = Projects
project-chart-on-schedule = On schedule
project-chart-yellow = Behind (yellow)
project-chart-red = Behind (red)
project-chart-completion = This year's investment completion by township

## Weekly summary
project-weekly = 🏗 <b>Key projects</b>: { $total }, { $behind } behind schedule (🔴 { $red }); investment completion this year { $completion }; { $unreported } without a progress report for month { $month }.

## Scheduled notices
sched-project-ask = 📋 Please report the progress of your key projects for month { $month } ({ $count } projects): the stage reached, the investment completed this month and the problems holding them back. Press a project to start.
sched-project-chase = ⏰ Reminder: the progress of your key projects for month { $month } has not been reported ({ $count } projects); it was due by { $due }. Press a project to start.
sched-project-line = • { $project } ({ $stage })
sched-project-yellow = 🟡 { $count } key projects are behind schedule (please push them on):
sched-project-red = 🔴 { $count } key projects are seriously behind schedule (more than { $days } working days):
sched-project-escalated-line = • { $project } ({ $township } · { $department }): "{ $stage }" planned for { $date }, { $days } days ago

## Import
import-kind-projects = Key projects
import-error-unknown-unit = there is no project unit with the code "{ $code }" (import it in the enterprises file first, with the kind project)
import-error-not-a-project-unit = "{ $code }" is an enterprise, not a project unit (set its kind to project in the enterprises file)
import-error-bad-amount = "{ $value }" in "{ $column }" is not an amount (10,000 yuan, at most two decimals, such as 1200.5)
import-error-bad-date = "{ $value }" in "{ $column }" is not a date (such as 2026-03-05 or 2026/3/5)
import-error-bad-stage = the stage "{ $value }" is not known (use signed, approved, started, building, finished, producing, or leave it empty for not signed)
import-error-reached-ahead = "{ $column }" is filled in, but the project has not reached that stage (change the stage or clear the date)

## Export
export-sheet-projects = Key projects
export-project-name = Project
export-project-unit = Project unit
export-project-township = Township
export-project-department = Responsible department
export-project-cadre = Cadre
export-project-stage = Stage
export-project-investment = Planned investment (10,000 yuan)
export-project-invested = Invested to date (10,000 yuan)
export-project-year-plan = Annual plan (10,000 yuan)
export-project-year-invested = Invested this year (10,000 yuan)
export-project-rate = Completion this year
export-project-planned = { $stage } planned
export-project-reached = { $stage } actual
export-project-schedule = Schedule
export-project-on-schedule = on schedule
export-project-behind = behind ("{ $stage }" planned for { $date })
export-project-last-report = Last report (month)
export-project-problems = Problems last reported
