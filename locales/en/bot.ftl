# Everything the conversation engine says (Telegram HTML; text people typed is escaped).

## Strangers and binding
bot-stranger = Hello! This is the county help-enterprises campaign bot, for invited people only. If you have an invite code, send /start CODE to bind your account.
bot-stranger-button = Please bind your account with your invite code first.
bot-invite-invalid = That invite code is not valid, already used or expired. Please ask the campaign office for a new one.
bot-invite-for-group = That code is for a department's group chat: send /bind CODE in the department's group.
bot-invite-for-person = That code is for a person: they should send /start CODE to me in a private chat.
bot-welcome = You are bound! Hello, { $name }. Your roles: { $roles }.
bot-welcome-back = Hello, { $name }!
bot-already-bound = Your account is already bound as { $name }; nothing to do. Send /help to see what you can do.
bot-bind-private = /bind is for binding a department's group chat. To bind your own account, send /start CODE.

## Help
bot-no-role = no role yet
bot-list-separator = { ", " }
bot-help-intro = Hello, { $name }. You can:
bot-help-no-role = You have no role yet; please contact the campaign office.
bot-help-everyone = <b>[Everyone]</b>
bot-help-said = No "/" is needed: send words such as "stats", "last month stats" or "visited", or a case number to open it; "quit" leaves any step.

## Command menu
bot-cmd-report = Report an enterprise's problem
bot-cmd-my = My enterprises' cases
bot-cmd-visit = Log a visit
bot-cmd-queue = Cases waiting for dispatch
bot-cmd-todo = My department's queue
bot-cmd-case = Show a case (number)
bot-cmd-overdue = Overdue cases
bot-cmd-summary = Figures (drill down)
bot-cmd-assess = Assessment table
bot-cmd-export = Export the ledger (Excel)
bot-cmd-help = Help
bot-cmd-lang = Switch language
bot-cmd-cancel = Leave what you are doing
bot-cmd-start = Start / bind your account

## General
bot-unknown-command = There is no such command. Send /help to see what you can do.
bot-unknown-command-meant = There is no /{ $typed } command. Did you mean /{ $command }? Send /help to see what you can do.
bot-unknown-command-flow-kept = What you were doing is kept: you can go on (send /cancel to leave it).
bot-command-words-report = problem|issue
bot-command-words-my = mine|cases
bot-command-words-visit = visited|visits
bot-command-words-queue = dispatch
bot-command-words-todo = tasks
bot-command-words-overdue = late
bot-command-words-summary = stats|figures
bot-command-words-assess = assessment|ranking|scores
bot-command-words-export = ledger|download
bot-command-words-groups = group|chats
bot-command-words-people = roster|users
bot-command-words-projects = project
bot-command-words-items = approvals|permits
bot-command-words-measures = accountability
bot-command-words-cases-of-note = typical|examples
bot-command-words-inspect = inspection
bot-command-words-inspections = rectifications
bot-command-words-team = cadres
bot-command-words-township = town
bot-command-words-case = find|search
bot-command-words-help = menu|commands
bot-command-words-lang = languages
bot-command-words-channel = notifications
bot-command-words-cancel = quit|stop|exit
bot-command-words-start = begin
bot-idle-hint = Send a command to start; /help shows what you can do.
bot-idle-meant = Did you mean /{ $command }? Send /{ $command } (/help shows what you can do).
bot-unsupported = I cannot take this kind of message (stickers and the like). Please send text, photos, documents or voice notes.
bot-edited-ignored = Edited messages are not recorded. To correct something, please send a new message.
bot-cancelled = Done: you left what you were doing; nothing was saved.
bot-cancel-nothing = There is nothing in progress.
bot-draft-discarded = Your unsubmitted report was dropped.
bot-state-lost = Sorry: what you were in the middle of could not be restored, so it was dropped. Please start it again.
bot-text-empty = That message is empty; please write something.
bot-text-too-long = That is too long: at most { $limit } characters, and this one has { $length }. Please shorten it and send it again (you can add details as a separate note).
bot-not-for-role = Your role cannot use this. Send /help to see what you can do.
bot-no-enterprises = No enterprise is paired with you yet; please contact the campaign office.
bot-whole-department = whole department
bot-system = system
bot-file-no-context = Files go with a case: start a report with /report first, or open a case card.
bot-file-not-expected = Text is needed here; please type it (or /cancel).
bot-file-kept-case = File kept with { $number }.

## Buttons
bot-button-ok = OK
bot-button-unknown = That button is not valid.
bot-button-not-yours = That button was not sent to you.
bot-button-expired = That button has expired; please open the case again.
bot-button-stale = { $number } is “{ $status }” now; that button no longer applies.
bot-button-used = This button has already been used.
bot-card-outdated = This card is out of date: { $number } has moved on. Here it is as it is now.
bot-menu-stale = That menu is no longer active; please start again.

## Case card
bot-card-head = 📋 <b>{ $number }</b> · { $status }
bot-card-head-overdue = 📋 <b>{ $number }</b> · { $status } · ⚠️ overdue
bot-card-enterprise = Enterprise: { $enterprise } ({ $township })
bot-card-category = Category: { $category } · Difficulty: { $difficulty }
bot-card-description = Problem: { $description }
bot-card-department = Department: { $department } · Responsible: { $assignee }
bot-card-deadline = Deadline: { $deadline }
bot-deadline-with-days = { $date } ({ $left })
bot-card-resolution = Answer: { $answer }
bot-card-satisfaction = Enterprise's verdict: { $satisfaction }
bot-card-supervised = 🔴 Supervision order: { $date } { $leader }
bot-card-supervised-note = 🔴 Supervision order: { $date } { $leader }: { $note }
bot-card-files = Files: { $count }
bot-card-roadmap = Roadmap:
bot-card-milestone = ☐ { $date } { $title }
bot-card-milestone-done = ☑ { $date } { $title }
bot-card-events = Record ({ $count } entries):
bot-card-events-latest = Latest entries (of { $count }):
bot-card-event = · { $time } { $actor } { $what }
bot-card-event-note = · { $time } { $actor } { $what }: { $note }
bot-case-usage = Write the case number after the command, like /case ZZ-2026-0042 or /case 42.
bot-case-not-found = No such case, or it is outside your responsibilities.

bot-op-show = Show
bot-op-history = Full record
bot-op-accept = ✅ Sign for
bot-op-return = ↩️ Return
bot-op-progress = 📝 Progress
bot-op-milestone = 🗓 Roadmap step
bot-op-resolve = 🏁 Resolve
bot-op-note = 💬 Add a note
bot-op-supply-info = 📎 Supply detail
bot-op-request-info = ❓ Ask for detail
bot-op-satisfied = 😊 Satisfied
bot-op-basically-satisfied = 🙂 Basically satisfied
bot-op-unsatisfied = 😞 Unsatisfied
bot-op-supervise = 🔴 Supervise
bot-op-supervise-now = Supervise without a note
bot-op-dispatch = 📤 Dispatch
bot-op-redispatch = 📤 Re-dispatch

## Waiting for text
bot-ask-request-info = What detail should the cadre add to { $number }? (at most { $limit } characters; /cancel to stop)
bot-ask-supply-info = Please write the detail for { $number } (at most { $limit } characters; photos and documents welcome; /cancel to stop).
bot-ask-return = Why are you returning { $number }? (/cancel to stop)
bot-ask-progress = Please write the progress on { $number } (at most { $limit } characters; photos welcome; /cancel to stop).
bot-ask-resolve = Please write the answer to the enterprise: how was { $number } solved? (at most { $limit } characters; /cancel to stop)
bot-ask-note = Please write your note on { $number } (at most { $limit } characters; /cancel to stop).
bot-ask-milestone = Send a roadmap step for { $number }: a date and what happens, like “2026-12-03 site survey done”.
bot-ask-unsatisfied = Why is the enterprise unsatisfied with { $number }? The case goes back to the department. (/cancel to stop)
bot-ask-supervise = Write your instruction for { $number }, or press “Supervise without a note” (/cancel to stop).
bot-ask-visit-note = Please write your notes on the visit to { $enterprise } (at most { $limit } characters; /cancel to stop).
bot-ask-deadline = Type the deadline for { $number }, like 2026-12-18 or 12/18.
bot-deadline-unreadable = I could not read that date. Please write it like 2026-12-18.
bot-deadline-past = That date has passed; please give today or a later day.
bot-deadline-day-off = { $date } is a day off; a deadline must be a working day. The first working day after it is { $next }; please type a date again.
bot-milestone-format = Please write a date, then the step, like “2026-12-03 site survey done”.

## Reporting
bot-report-not-cadre = Only cadres report enterprises' problems. Send /help to see what you can do.
bot-report-pick-enterprise = Which enterprise is the problem for?
bot-report-pick-enterprise-described = The description is noted. Which enterprise is the problem for?
bot-report-describe = Please describe the problem of { $enterprise } (at most { $limit } characters); photos, documents and voice notes are welcome.
bot-held-report = The problem you began reporting at { $when } is not submitted yet ("{ $excerpt }"). Does the message you just sent add to it?
bot-held-report-files = The problem you began reporting at { $when } is not submitted yet ({ $count ->
        [one] one file
       *[other] { $count } files
    }, no description). Does the message you just sent add to it?
bot-held-awaiting = Something you began at { $when } is still waiting for you to type. Does the message you just sent go on with it?
bot-held-awaiting-case = What you began on { $number } at { $when } ({ $op }) is still waiting for you to type. Does the message you just sent go on with it?
bot-held-go-on = ↩ Yes, go on with it
bot-held-leave = 🆕 No, it is something new
bot-held-left = You have left the earlier step.
bot-held-file = Please answer the question above first: does your message go on with the earlier step? Then send the file.
bot-report-enterprise-named = Enterprise: { $enterprise }.
bot-report-text-added = Added to the description.
bot-report-file-kept = File received ({ $count } in all).
bot-report-too-many-files = A case can carry at most { $limit } files.
bot-report-category-proposed = From the description, this looks like “{ $category }”.
bot-report-category-accept = ✓ { $category }
bot-report-category-other = Another category
bot-report-category-pick = Please choose the category:
bot-report-difficulty = How hard is this problem? (It sets the default time limit.)
bot-difficulty-choice = { $difficulty } ({ $days } working days)
bot-report-summary = Please confirm:
    Enterprise: { $enterprise }
    Category: { $category }
    Difficulty: { $difficulty }
    Files: { $files }
    Problem: { $description }
bot-report-submit = ✅ Submit
bot-report-cancel = ✖ Cancel
bot-report-done = Recorded as <b>{ $number }</b>. The campaign office will dispatch it soon; you will hear of its progress.

## Dispatch
bot-dispatch-proposal = Proposed: { $department } · Responsible: { $person } · Deadline: { $deadline } ({ $days } working days)
bot-dispatch-no-department = (no department found; please choose one)
bot-dispatch-confirm = ✅ Confirm and dispatch
bot-dispatch-change-department = Change department
bot-dispatch-change-person = Change person
bot-dispatch-change-deadline = Change deadline
bot-dispatch-pick-department = Choose the department for { $number }:
bot-dispatch-pick-person = Choose the responsible person for { $number }:
bot-dispatch-pick-deadline = Choose the deadline for { $number }:
bot-dispatch-deadline-choice = { $days } working days · { $date }
bot-dispatch-type-deadline = Type a date
bot-dispatch-department-first = Please choose the department first.
bot-dispatch-already = { $number } was already dispatched this way.
bot-dispatched = { $number } dispatched to { $department } ({ $person }), deadline { $deadline }.
bot-info-requested = The cadre has been asked for more detail on { $number }.
bot-queue-title = { $waiting ->
    [0] Waiting for dispatch ({ $count }):
   *[other] Waiting for dispatch ({ $count }; { $waiting } more on hold for the cadre’s further information, back here once given):
}
bot-queue-empty = Nothing is waiting for dispatch.
bot-queue-empty-waiting = Nothing can be dispatched now; { $waiting } on hold for the cadre’s further information, back here once given.

## Department work
bot-todo-title = { $department }: open cases ({ $count }):
bot-todo-empty = Your department has no open cases.
bot-accepted = Signed for { $number }; please resolve it by its deadline.
bot-returned = { $number } returned; the campaign office will dispatch it again.
bot-progress-saved = Progress on { $number } recorded; the cadre has been told.
bot-resolved = { $number } resolved; waiting for the cadre to confirm with the enterprise.
bot-milestone-added = Roadmap step added to { $number }: { $date } { $title }.

## Cadre follow-up
bot-my-title = Open cases of your enterprises ({ $count }):
bot-my-empty = Your enterprises have no open cases.
bot-closed = The enterprise's verdict “{ $satisfaction }” is recorded; { $number } is closed.
bot-reopened = “Unsatisfied” recorded: { $number } goes back to the department, which is told why.
bot-info-supplied = Detail added to { $number }; the campaign office will dispatch it.
bot-note-saved = Note on { $number } recorded.
bot-visit-pick = Which enterprise did you visit?
bot-visit-how-on = How was the visit to { $enterprise } on { $date }?
bot-visit-how = How was the visit to { $enterprise }?
bot-visit-zero-report = No problems (zero report)
bot-visit-with-note = Write visit notes
bot-visit-without-note = Just log the visit
bot-visit-recorded = Visit to { $enterprise } logged. If you found a problem, report it with /report.
bot-visit-recorded-zero = Visit to { $enterprise } logged (no problems).

## Leaders
bot-overdue-title = Overdue cases ({ $count }):
bot-overdue-empty = No case is overdue.
bot-supervised = Supervision order on { $number } recorded; the department head and the responsible person have been told.

## Summaries, assessment and the ledger
bot-summary-chart = 📊 Show the chart
bot-summary-back = ⬅ Back to the summary
# How people name periods (separated by |); the words of both languages are understood.
bot-period-words-this-week = this week
bot-period-words-last-week = last week
bot-period-words-this-month = this month
bot-period-words-last-month = last month
bot-period-words-this-quarter = this quarter
bot-period-words-last-quarter = last quarter
bot-period-words-this-year = this year
bot-period-words-last-year = last year
bot-period-words-to = to
bot-period-unknown = I could not read the period “{ $text }”.
bot-period-backwards = The period ends before it starts.
bot-period-too-long = The period is too long: { $days } days at most.
bot-period-examples = You can write:
    /{ $command } this-week (or last-week, this-month, last-month, this-quarter, last-quarter, this-year, last-year)
    /{ $command } 2026-11 (a month) or 2026 (a year)
    /{ $command } 2026-11-01..2026-11-15 (or 2026-09..2026-11)
bot-export-file-name = ledger-{ $date }.xlsx
bot-export-ready = 📎 The ledger as of { $date }: every case on the first sheet, the assessment table for { $from } to { $to } on the second, visits on the third.

## Lists
bot-list-line = · <b>{ $number }</b> · { $status } · { $enterprise } · { $description } { $deadline }
bot-list-line-overdue = · ⚠️ <b>{ $number }</b> · { $status } · { $enterprise } · { $description } { $deadline }
bot-list-more = (showing { $shown } of { $total }; use /case NUMBER for the others)
bot-escalated-title = 🚨 <b>Escalated cases</b>: { $red } red, { $yellow } yellow · page { $page } of { $pages }
bot-escalated-line = { $colour ->
    [red] 🟥
   *[yellow] 🟨
} { $line }
bot-escalated-empty = No case in your charge carries a yellow or red card now.
bot-escalated-previous = ◀ Previous
bot-escalated-next = Next ▶

## Notices to others
bot-notify-reported = 📥 <b>New case to dispatch</b>: { $number } (reported by { $actor })
bot-notify-info-supplied = 📎 { $actor } added detail to { $number }: { $note }
bot-notify-returned = ↩️ { $department } returned { $number }. Reason: { $reason }
bot-notify-info-requested = ❓ The campaign office asks for more detail on { $number }: { $note }
bot-notify-dispatched = 📨 <b>New case for your department</b>: { $number }. Please sign for it.
bot-notify-dispatched-cadre = 📨 The case you reported, { $number }, has been dispatched.
bot-notify-accepted = ✅ { $number } was signed for by { $actor }.
bot-notify-progress = 📝 Progress on { $number } ({ $actor }): { $note }
bot-notify-resolved = 🏁 { $number } is resolved. Please confirm with the enterprise and record its verdict. Answer: { $answer }
bot-notify-closed = ✅ { $number } is confirmed and closed. The enterprise's verdict: { $satisfaction }.
bot-notify-reopened = ⚠️ The enterprise is unsatisfied with { $number }; it is back with you. Reason: { $reason }
bot-notify-note = 💬 { $actor } added a note to { $number }: { $note }
bot-notify-supervised = 🔴 <b>Supervision order</b>: { $actor } is supervising { $number }; please speed it up.
bot-notify-supervised-note = 🔴 <b>Supervision order</b> from { $actor } on { $number }: { $note }

## Language
bot-lang-choose = 请选择语言 / Choose a language:
bot-lang-name = English
bot-lang-set = Language set to English.

## Group chats
bot-group-bind-usage = Send /bind CODE with your department's invite code to bind this group.
bot-group-bound = This group is now { $department }'s work group; cases sent to the department are announced here.
bot-group-help = Send /bind CODE with the department's invite code in its work group to receive its cases.
bot-group-help-bound = This is { $department }'s work group: new cases are announced here. Please talk to me privately to work on them.
bot-group-only-bind = In groups I only take /bind and /help; please talk to me privately to work on cases.
bot-group-no-buttons = Please talk to me privately to work on cases.

## Console
console-welcome = This is the bot in a terminal; use it as you would in a messenger: type messages or commands (/help, /report).
    Typing the number in front of a button presses it.
    :as CODE switch persona · :who who you can be · :photo [caption] send a sample photo · :file [name] send a sample document · :help this text · :quit leave
console-unfinished-report = ↩ The problem you were reporting last time is not submitted yet; here it goes on (/cancel drops it):
console-unfinished-step = ↩ Last time's step is still waiting for you to type: go on, or send /cancel to leave it.
console-now-as = You are now { $name } ({ $code }, { $roles })
console-unknown-person = Nobody on the roster is “{ $person }”. Type :who to see who you can be.
console-who-title = Who you can be (type :as CODE):
console-who-line = { $code } · { $name } · { $roles }
console-notice = 📨 New message:
console-waiting = 📨 { $count } message(s) waiting for { $name } (type :as { $code } to see them)
console-answer = » { $text }
console-unknown-meta = There is no such console command; type :help.
console-not-utf8 = That line is not UTF-8 text, so it was not read; nothing was saved. Check the terminal’s encoding and type it again.
console-bye = Goodbye!
console-photo = [picture { $name }, { $kb } KB]
console-document = [file { $name }, { $kb } KB, saved to { $path }]
console-document-failed = [file { $name } could not be saved: { $error }]
console-demo-intro = Demo data is ready (all fictional). Play these people in turn to take a case from report to closure:
console-demo-role = { $role }: { $name } (type :as { $code })
bot-card-colour-blue = 🟦 Blue card: the deadline is near
bot-card-colour-yellow = 🟨 Yellow card: overdue, the department head has been told
bot-card-colour-red = 🟥 Red card: long overdue, reported to the county leaders

# Sent once when a chat sends more messages than the bot keeps waiting: $count were skipped.
bot-too-many-messages = Too many messages arrived at once: the first ones are being handled, the last { $count } were not processed. Please wait for the answers, then send again what is still needed.
bot-case-search-title = Cases whose enterprise or description contains “{ $words }” ({ $count }):
bot-case-search-none = No case's enterprise or description contains “{ $words }”. To open one case, write its number, like /case ZZ-2026-0042 or /case 42.
