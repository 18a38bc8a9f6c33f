# Command menus by role, help and permissions (one table); whom to call on a case card; the
# day of a visit; the summary's drill-down by township and by cadre; the assessment command.

## Help (one line per command, starting with the command)
menus-kind-head = Department head
menus-help-heading = <b>[{ $name }]</b>
menus-help-report = /report report an enterprise's problem (write it after the command, or just send the description or a photo)
menus-help-my = /my your enterprises' open cases: add notes, confirm results with the enterprise
menus-help-visit = /visit log a visit, or a "no problems" report (up to 7 days back, e.g. /visit yesterday)
menus-help-queue = /queue cases waiting for dispatch
menus-help-todo = /todo your department's queue with deadlines
menus-help-overdue = /overdue overdue cases
menus-help-summary = /summary figures and chart, drilling down by category, department, township or cadre to the cases (e.g. /summary last-month, /summary 2026-11-01..2026-11-15)
menus-help-assess = /assess the assessment table of departments and cadres
menus-help-export = /export the ledger (Excel)
menus-help-groups = /groups the bound work groups
menus-help-people = /people the roster: who is bound, last used, inactive or unreachable; unbind accounts, deactivate people, give an unbound person an invite code (/people NAME or CODE finds someone)
menus-help-case = /case NUMBER show a case (e.g. /case 42) or a rectification item (e.g. /case ZG-2026-0001); /case WORDS finds cases by enterprise or description
menus-help-help = /help this help
menus-help-lang = /lang switch language
menus-help-cancel = /cancel leave what you are doing
menus-help-start = /start show the welcome and this help again
menus-note-cadre = Your figures cover the enterprises paired with you.
menus-note-officer = On a case card: sign for, return, post progress, add roadmap steps, resolve with an answer. Your figures cover your department.
menus-note-head = The queue and the overdue list cover every department you head; you can open their cases.
menus-note-dispatcher = New cases come to you with a proposed department, person and deadline: confirm or change them, or ask the cadre for more detail.
menus-note-leader = Any case with its full record; supervision orders from the card.
menus-note-admin = You can dispatch cases and see the county's figures. An unbound person's invite code is in /people; roster import and group chat invite codes are on the command line.
menus-not-for-you = /{ $command } is for: { $kinds }. Send /help to see what you can do.
menus-todo-no-department = The roster does not give you a department yet; please contact the campaign office.
menus-import-queued = Command menus updated for { $count } people (sent while the bot runs).

## Command menu (more)
bot-cmd-groups = Bound work groups

## Case card: whom to call
menus-card-name-phone = { $name } · { $phone }
menus-card-contact = Enterprise contact: { $who }
menus-card-cadre = Cadre: { $who }
menus-card-no-cadre = no cadre paired yet
menus-card-section = Section: { $section }
menus-card-assignee-phone = Officer's phone: { $phone }

## The day of a visit
menus-visit-when = Which day was the visit to { $enterprise }? Press a button or type the date (e.g. 11-25).
menus-visit-today = Today
menus-visit-yesterday = Yesterday
menus-visit-earlier = Earlier…
menus-visit-day = { $weekday } { $date }
menus-weekday-1 = Mon
menus-weekday-2 = Tue
menus-weekday-3 = Wed
menus-weekday-4 = Thu
menus-weekday-5 = Fri
menus-weekday-6 = Sat
menus-weekday-7 = Sun
menus-visit-command-date-unknown = “{ $text }” is not a date I can read. Write /visit yesterday, /visit 2026-11-25, or just /visit and choose the day.
menus-visit-command-date-future = { $date } has not come yet: a visit is dated today or up to { $days } days back ({ $from } to { $to }).
menus-visit-date-unknown = I cannot read "{ $text }" as a date. Type e.g. 11-25, 2026-11-25 or yesterday, or press a button.
menus-visit-date-future = { $date } has not come yet: a visit cannot be dated in the future, only { $from } to { $to } (today or the { $days } days before). Type another date or press a button.
menus-visit-date-too-old = { $date } is too long ago: a visit can be dated only { $from } to { $to } (today or the { $days } days before). For older visits, please ask the campaign office.
menus-visit-recorded-on = Visit to { $enterprise } on { $date } logged. If you found a problem, report it with /report.
menus-visit-recorded-zero-on = Visit to { $enterprise } on { $date } logged (no problems).

## Summary drill-down: by township, by cadre
menus-drill-by-category = By category
menus-drill-by-township = By township
menus-drill-by-cadre = By cadre

## Command line: zhuqi assess
menus-assess-written = Assessment table written to { $file }.
