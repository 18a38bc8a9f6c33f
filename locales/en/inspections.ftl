# Inspections (督查): centralized checks, unannounced visits, follow-ups, their findings, and
# rectification items (the rectification ledger).

## Commands
bot-cmd-inspect = Record an inspection (centralized / unannounced / follow-up)
bot-cmd-inspections = Rectifications: open items by unit
menus-help-inspect = /inspect record an inspection: kind, day, what was inspected, the findings; a finding can become a rectification item
menus-help-inspections = /inspections the open rectification items by unit; /inspections report the inspection report for a period (e.g. /inspections report last-month)

## Kinds and statuses
inspections-kind-centralized = Centralized check
inspections-kind-unannounced = Unannounced visit
inspections-kind-follow_up = Follow-up
inspections-team = the inspection team
inspections-status-dispatched = to sign for
inspections-status-accepted = signed for
inspections-status-in_progress = being fixed
inspections-status-resolved = awaiting the inspector
inspections-status-closed = closed

## Recording an inspection
inspections-not-allowed = Only the campaign office and the county leaders can record inspections and hand out rectifications.
inspections-ask-kind = Record an inspection: which kind?
inspections-ask-follows = Follow-up: which earlier inspection does it follow up?
inspections-nothing-to-follow = No inspection has been recorded yet, so there is nothing to follow up. Choose another kind, or send /cancel.
inspections-ask-date = Which day? Choose one, or type a date (e.g. 2026-11-27, yesterday).
inspections-bad-date = That is not a date, or it is after today. Type the day of the inspection, e.g. 2026-11-27 or "yesterday".
inspections-ask-targets = What was inspected: one per line (a department, a township, a cadre's name, an enterprise's name or a case number).
inspections-unknown-targets = These were not found: { $names }. Check the names and type all of them again, one per line.
inspections-ask-findings = The findings: one per line.
inspections-too-many-lines = At most { $limit } lines at a time; shorten the list and type it again.
inspections-press-a-button = Please choose with the buttons above, or send /cancel.
inspections-draft = 📋 <b>{ $kind }</b> · { $date }
    Inspected: { $targets }
    Findings:
inspections-draft-add = Send another message to add findings.
inspections-findings-full = One inspection holds at most { $limit } findings; this message was not added. Save, or send /cancel to start over.
inspections-save = ✅ Save
inspections-cancel = ✖️ Cancel
inspections-cancelled = Cancelled; the inspection was not recorded.
inspections-draft-gone = The inspection this button belongs to was finished or cancelled.
inspections-saved = Inspection <b>{ $number }</b> recorded.
inspections-not-found = No such inspection or rectification item, or it is not yours to see.

## The inspection card
inspections-card-title = 🔎 <b>{ $number }</b> { $kind } · { $date } · by { $inspector }
inspections-card-targets = Inspected: { $targets }
inspections-card-finding = { $seq }. { $finding }
inspections-card-finding-rect = { $seq }. { $finding } → rectification { $number } ({ $status })
inspections-follow-title = Following up { $number }: { $fixed }/{ $total } findings fixed
inspections-follow-fixed = ✅ { $seq }. { $finding }
inspections-follow-open = ⏳ { $seq }. { $finding } (being fixed)
inspections-follow-none = ❌ { $seq }. { $finding } (no rectification handed out)
inspections-notice-inspected = 🔎 Inspection notice: you were inspected; please fix what was found.
inspections-op-rectify = 📌 Finding { $seq } to rectify

## Rectification items
inspections-ask-unit = Which unit fixes finding { $seq }, "{ $finding }"?
inspections-ask-due = By when?
inspections-due-choice = { $days } working days ({ $date })
inspections-already-rect = This finding is already rectification item { $number }.
inspections-already-rect-any = This finding is already a rectification item.
inspections-rect-made = Rectification item <b>{ $number }</b> handed to { $department }, to be fixed by { $deadline }.
inspections-rect-card = 📌 <b>{ $number }</b> { $department } · { $status } · due { $deadline }
    Finding: { $finding }
    From inspection { $inspection } ({ $kind }, by { $inspector })
inspections-rect-answer = What was done: { $answer }
inspections-op-show = Show
inspections-op-accept = ✍️ Sign for
inspections-op-progress = 📝 Progress
inspections-op-resolve = 🏁 Fixed
inspections-op-confirm = ✅ Confirm fixed
inspections-op-reopen = ↩️ Not fixed
inspections-not-yours = This step is not yours: the responsible unit signs for and fixes the item; its inspector closes it.
inspections-ask-progress = Type the progress on { $number }.
inspections-ask-resolve = Type what was done to fix { $number } and with what effect.
inspections-ask-reopen = Say what about { $number } is not fixed.
inspections-notice-new = 📌 New rectification item { $number }: please sign for it and fix it in time.
inspections-notice-accepted = ✍️ Rectification item { $number } was signed for.
inspections-notice-progress = 📝 Rectification item { $number } has new progress.
inspections-notice-resolved = 🏁 Rectification item { $number } is reported fixed: please confirm.
inspections-notice-closed = ✅ Rectification item { $number } was confirmed fixed and is closed.
inspections-notice-reopened = ↩️ Rectification item { $number } was found not fixed: please carry on.
inspections-done-accepted = Signed for { $number }.
inspections-done-progress = Progress on { $number } recorded.
inspections-done-resolved = { $number } reported fixed; the inspector will confirm.
inspections-done-closed = { $number } confirmed fixed and closed.
inspections-done-reopened = { $number } sent back to be fixed.

## /inspections
inspections-none-open = No rectification item is open.
inspections-open-title = 📌 Open rectification items: { $count }
inspections-open-unit = <b>{ $department }</b>: { $count }
inspections-usage = Usage: /inspections for the open rectification items; /inspections report [period] for the inspection report, the period as this-month, last-month or 2026-11-01..2026-11-30.
inspections-report-not-allowed = The inspection report is for the campaign office and the county leaders.

## The inspection report
inspections-report-title = 🔎 <b>Inspection report</b> { $from } to { $to }: { $inspections } inspections ({ $centralized } centralized, { $unannounced } unannounced, { $follow } follow-ups), { $findings } findings
inspections-report-items = Rectification items: { $total }; closed { $closed }, open { $open }, of which overdue { $overdue }
inspections-report-unit = · { $department }: { $total }, closed { $closed }, open { $open }, overdue { $overdue }
inspections-report-inspection = · { $number } { $date } { $kind } (by { $inspector })

## The rectification ledger
inspections-sheet = Rectification ledger
inspections-col-number = Item
inspections-col-inspection = Inspection
inspections-col-kind = Kind
inspections-col-date = Inspected on
inspections-col-inspector = Inspector
inspections-col-finding = Finding
inspections-col-department = Responsible unit
inspections-col-deadline = Deadline
inspections-col-status = Status
inspections-col-overdue = Overdue
inspections-col-answer = What was done
inspections-col-closed = Closed at

## The daily rectification digest
inspections-digest-title = 📌 <b>Rectification reminders</b>: { $count }
inspections-digest-line = { $standing } { $number } { $department } · due { $deadline } · { $finding }
inspections-digest-red = 🔴 red card
inspections-digest-yellow = 🟡 yellow card
inspections-digest-overdue = ⏰ overdue
inspections-digest-today = ⏰ due today
inspections-digest-before = 🔵 { $days } working days left
inspections-digest-sign-for = ✍️ not signed for in time
inspections-digest-hint = Send /inspections to see and work them.

## The command line
cli-inspections-written = The rectification ledger was written to { $path }

## Summaries
inspections-summary-line = Rectification items: { $open } open ({ $overdue } overdue); { $new } handed out and { $closed } closed in the period
